using Xunit;

namespace Bravais.TestSupport;

/// <summary>
/// Finds the read-only ../shared data folder (beside the repository) or the folder named by the
/// BRAVAIS_SHARED environment variable. Tests that need it use <see cref="SharedDataFactAttribute"/>,
/// which skips them with a clear message on a fresh clone that has no ../shared.
/// </summary>
public static class SharedData
{
    public static readonly string? Root = Find();

    public const string SkipMessage = "needs ../shared/data beside the repository (or BRAVAIS_SHARED); not present on this machine";

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root ?? throw new InvalidOperationException(SkipMessage), .. parts]);

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("BRAVAIS_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(System.IO.Path.Combine(env, "data"))) return System.IO.Path.GetFullPath(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "data")) && File.Exists(System.IO.Path.Combine(candidate, "README.md")))
                return candidate;
        }
        return null;
    }
}

/// <summary>A fact that runs only where ../shared exists; otherwise it is reported as skipped with the reason.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.Root is null) Skip = SharedData.SkipMessage;
    }
}

/// <summary>A theory that runs only where ../shared exists.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.Root is null) Skip = SharedData.SkipMessage;
    }
}
