using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bravais.Analysis.SearchMatch;
using Bravais.Crystallography;
using Bravais.Learning.Persistence;

namespace Bravais.Analysis.Prediction;

/// <summary>
/// The one entry point to model files. A <c>.bravais</c> file is a zip whose <c>manifest.json</c> names its kind
/// (<c>classifier</c>: <see cref="ClassifierFile"/>; <c>measured-pattern-matcher</c>: <see cref="MeasuredModel"/>; files
/// written before the kind was recorded are classifiers, and search–match models before format 4 kept their manifest in
/// <c>measured.json</c>). <see cref="Load"/> reads the kind and hands the file to that kind's codec; every failure is one
/// message naming the file and what is wrong with it.
/// </summary>
public static class ModelFile
{
    public const string Extension = ".bravais";

    /// <summary>The kind a model file names, after checking that it is a readable model file at all.</summary>
    public static string KindOf(string path)
    {
        var where = new SourceLocation(path);
        if (Directory.Exists(path)) throw new AnalysisException("is a folder, not a model file", where);
        if (!File.Exists(path)) throw new AnalysisException("model file not found", where);
        if (new FileInfo(path).Length == 0) throw new AnalysisException("model file is empty (0 bytes)", where);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.GetEntry(MeasuredModel.LegacyManifestEntry) is not null) return MeasuredModelManifest.KindName;
            var entry = zip.GetEntry(ClassifierFile.ManifestEntry)
                ?? throw new AnalysisException($"not a Bravais model file: no {ClassifierFile.ManifestEntry} inside", where);
            using var s = entry.Open();
            var kind = JsonNode.Parse(s)?["Kind"];
            return kind is null ? ModelManifest.KindName : kind.GetValue<string>();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new AnalysisException("not a Bravais model file, or it is corrupt or truncated (not a readable zip archive)", where, e);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or NotSupportedException)
        {
            throw new AnalysisException($"corrupt model file: {ClassifierFile.ManifestEntry} is not a valid manifest ({e.Message})", where, e);
        }
    }

    /// <summary>
    /// Loads any kind of model as a predictor. A model file is untrusted input: whatever its loader trips over (a manifest
    /// field of the wrong kind or missing, a damaged payload) is reported as a corrupt model file naming the path, never as
    /// a bare runtime exception.
    /// </summary>
    public static IPatternPredictor Load(string path)
    {
        try
        {
            return KindOf(path) switch
            {
                ModelManifest.KindName => new ClassifierPredictor(ClassifierFile.Load(path)),
                MeasuredModelManifest.KindName => new SearchMatchPredictor(MeasuredModel.Load(path)),
                var other => throw new AnalysisException($"model kind '{other}' is not known to this version of Bravais (known: {ModelManifest.KindName}, {MeasuredModelManifest.KindName})", new(path)),
            };
        }
        catch (Exception e) when (e is not BravaisException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw new AnalysisException($"corrupt model file: {e.GetType().Name}: {e.Message}", new(path), e);
        }
    }
}
