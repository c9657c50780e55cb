namespace Bravais.TestSupport;

/// <summary>The repository checkout the tests run from (the folder holding Bravais.sln), for files it ships (examples/, models/).</summary>
public static class Repository
{
    public static readonly string Root = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Bravais.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Bravais.sln above {AppContext.BaseDirectory}");
    }
}
