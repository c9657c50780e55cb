using Bravais.Diffraction;

namespace Bravais.Cli.Options;

/// <summary>
/// The read-only shared data folder (<c>shared/data</c> holding mp/, cod/, parity/, nano281-mp/, rruff-dev/): named by
/// <c>--data</c>, by <c>BRAVAIS_SHARED</c>, or found beside the working or program folder or any parent of them.
/// </summary>
internal static class SharedDataFolder
{
    /// <summary>The data folder, or null when there is none on this machine.</summary>
    public static string? TryFind()
    {
        var env = Environment.GetEnvironmentVariable("BRAVAIS_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "data"))) return Path.Combine(env, "data");
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>A path inside the data folder when it exists there, else null.</summary>
    public static string? TryFind(params string[] parts) =>
        TryFind() is { } root && Path.Combine([root, .. parts]) is var path && (File.Exists(path) || Directory.Exists(path)) ? path : null;

    public static string Resolve(string? explicitPath)
    {
        if (explicitPath is not null)
            return Directory.Exists(explicitPath) ? explicitPath : throw new DiffractionException("data folder not found", new Crystallography.SourceLocation(explicitPath));
        return TryFind() ?? throw new DiffractionException("no shared data folder found: give --data DIR (holding parity/, mp/, cod/) or set BRAVAIS_SHARED");
    }
}
