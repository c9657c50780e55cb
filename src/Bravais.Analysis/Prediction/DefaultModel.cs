using System.Security.Cryptography;

namespace Bravais.Analysis.Prediction;

/// <summary>Where the model a command uses came from, for the user to see.</summary>
public enum ModelOrigin { Given, UserLibrary, Default }

/// <summary>A model chosen by <see cref="DefaultModel.Resolve"/>: its file and where it came from.</summary>
public sealed record ResolvedModel(string Path, ModelOrigin Origin)
{
    public string Describe() => Origin switch
    {
        ModelOrigin.Given => Path,
        ModelOrigin.UserLibrary => $"your library {Path} (bravais library build)",
        _ => "the default model shipped with Bravais (models/default.bravais)",
    };
}

/// <summary>
/// The model a command uses when none is given: the user's own library model when one has been built
/// (<see cref="UserLibraryPath"/>, by <c>bravais library build</c>), else the default model shipped inside this
/// assembly (models/default.bravais of the repository, embedded at build time; see models/default.json for how it was
/// made). The embedded bytes are written once to a cache file named by their SHA-256 (atomically: a temporary file
/// moved into place), so every later run loads it like any other model file. Works offline.
/// </summary>
public static class DefaultModel
{
    public const string ResourceName = "Bravais.DefaultModel.bravais";

    /// <summary>The user's library model: $BRAVAIS_DATA/measured.bravais, else the platform's data folder (~/.local/share/bravais on Linux).</summary>
    public static string UserLibraryPath
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("BRAVAIS_DATA") is { Length: > 0 } d ? d
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "bravais");
            return System.IO.Path.Combine(root, "measured.bravais");
        }
    }

    /// <summary>Whether this build carries a default model.</summary>
    public static bool IsEmbedded => typeof(DefaultModel).Assembly.GetManifestResourceInfo(ResourceName) is not null;

    /// <summary>The model to use: <paramref name="given"/> when not null, else the user's library, else the embedded default.</summary>
    public static ResolvedModel Resolve(string? given)
    {
        if (given is not null) return new ResolvedModel(given, ModelOrigin.Given);
        if (File.Exists(UserLibraryPath)) return new ResolvedModel(UserLibraryPath, ModelOrigin.UserLibrary);
        return new ResolvedModel(ExtractEmbedded(), ModelOrigin.Default);
    }

    /// <summary>The embedded default model as a file in the temporary folder (written on first use), or an error saying how to get one.</summary>
    public static string ExtractEmbedded()
    {
        using var resource = typeof(DefaultModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new AnalysisException("this build of Bravais carries no default model (models/default.bravais was missing when it was built): give --model M, or build one with 'bravais train --recipe measured'");
        var bytes = new byte[resource.Length];
        resource.ReadExactly(bytes);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bravais");
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $"default-{hash}.bravais");
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length) return path;
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
