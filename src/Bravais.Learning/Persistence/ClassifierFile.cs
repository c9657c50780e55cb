using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bravais.Crystallography;
using Bravais.Diffraction.Patterns;
using Bravais.Learning.Data;
using Bravais.Learning.Features;
using Bravais.Learning.Models;
using Bravais.Learning.Models.Common;

namespace Bravais.Learning.Persistence;

/// <summary>
/// The <c>.bravais</c> model file: a zip holding <c>manifest.json</c> (<see cref="ModelManifest"/>) and
/// <c>model.bin</c> (the family's own payload, its SHA-256 recorded in the manifest). Written to a
/// temporary file and renamed, so an interrupted save never leaves half a model under the final name.
/// Loading refuses, with a message saying which, a file that is not a zip (corrupt or truncated), lacks
/// its manifest or payload, has a payload whose hash does not match, or was written by a newer format.
/// </summary>
public static class ClassifierFile
{
    /// <summary>2: the manifest holds the data's <see cref="Instrument"/> (format 1: a grid, and the wavelength inside the preprocessing steps).</summary>
    public const int CurrentFormatVersion = 2;
    public const string Extension = ".bravais";
    /// <summary>The manifest of every kind of Bravais model file is this entry, and names the kind.</summary>
    public const string ManifestEntry = "manifest.json";
    private const string PayloadEntry = "model.bin";

    public static readonly JsonSerializerOptions Json = new(HyperParameterRecords.ManifestJson) { WriteIndented = true };

    public static string BravaisVersion => typeof(ClassifierFile).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary>Serialises a hyper-parameter record of its runtime type.</summary>
    public static JsonElement ToJson(object hyperParameters) => JsonSerializer.SerializeToElement(hyperParameters, hyperParameters.GetType(), Json);

    public static void Save(string path, TrainedModel model)
    {
        var payload = new MemoryStream();
        model.Classifier.Save(payload);
        var manifest = model.Manifest with
        {
            FormatVersion = CurrentFormatVersion,
            PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(payload.ToArray())),
        };
        AtomicZip.Write(path,
            new AtomicZip.Entry(ManifestEntry, CompressionLevel.Optimal, s => JsonSerializer.Serialize(s, manifest, Json)),
            new AtomicZip.Entry(PayloadEntry, CompressionLevel.Optimal, payload.WriteTo));
    }

    public static TrainedModel Load(string path)
    {
        var where = new SourceLocation(path);
        if (!File.Exists(path)) throw new LearningException("model file not found", where);
        ZipArchive zip;
        var file = File.OpenRead(path);
        try { zip = new ZipArchive(file, ZipArchiveMode.Read); }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            file.Dispose();
            throw new LearningException("not a Bravais model file, or it is corrupt or truncated (not a readable zip archive)", where, e);
        }
        using (zip)
        {
            var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw new LearningException($"not a Bravais model file: no {ManifestEntry} inside", where);
            ModelManifest manifest;
            try
            {
                using var s = manifestEntry.Open();
                using var doc = JsonDocument.Parse(s);
                if (!doc.RootElement.TryGetProperty(nameof(ModelManifest.FormatVersion), out var v) || v.ValueKind != JsonValueKind.Number)
                    throw new LearningException($"corrupt model file: {ManifestEntry} has no FormatVersion", where);
                if (!v.TryGetInt32(out var version))
                    throw new LearningException($"corrupt model file: {ManifestEntry} has FormatVersion {v.GetRawText()}, not a small whole number", where);
                if (version > CurrentFormatVersion)
                    throw new LearningException($"model file format {version} was written by a newer Bravais; this version ({BravaisVersion}) reads formats up to {CurrentFormatVersion} — upgrade Bravais", where);
                if (version < 1) throw new LearningException($"corrupt model file: format version {version}", where);
                var node = System.Text.Json.Nodes.JsonNode.Parse(doc.RootElement.GetRawText())!;
                if (version < 2) UpgradeFormat1(node);
                if (node["Kind"]?.GetValue<string>() is { } kind && kind != ModelManifest.KindName)
                    throw new LearningException($"this is a '{kind}' model, not a {ModelManifest.KindName}", where);
                manifest = node.Deserialize<ModelManifest>(Json) ?? throw new LearningException("corrupt model file: empty manifest", where);
            }
            catch (Exception e) when (e is JsonException or InvalidDataException or EndOfStreamException or IOException or FormatException or InvalidOperationException or ArgumentException or NotSupportedException)
            {
                throw new LearningException($"corrupt model file: {ManifestEntry} cannot be read ({e.Message})", where, e);
            }
            var payloadEntry = zip.GetEntry(PayloadEntry) ?? throw new LearningException($"corrupt model file: no {PayloadEntry} inside", where);
            byte[] payload;
            try
            {
                using var s = payloadEntry.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                payload = ms.ToArray();
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
            {
                throw new LearningException($"corrupt model file: {PayloadEntry} cannot be read ({e.Message})", where, e);
            }
            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(payload)), manifest.PayloadSha256, StringComparison.OrdinalIgnoreCase))
                throw new LearningException($"corrupt model file: {PayloadEntry} does not match the SHA-256 recorded in the manifest", where);
            var family = ClassifierFamilies.All.FirstOrDefault(f => f.Name == manifest.Family)
                ?? throw new LearningException($"the model's family '{manifest.Family}' is not available in this build of Bravais", where);
            object hp;
            try { hp = HyperParameterRecords.Typed(family, manifest.HyperParameters); }
            catch (JsonException e) { throw new LearningException($"corrupt model file: hyper-parameters of '{family.Name}' cannot be read ({e.Message})", where, e); }
            IClassifier classifier;
            try { classifier = family.Load(new MemoryStream(payload, writable: false), hp); }
            catch (Exception e) when (e is not LearningException and not OperationCanceledException)
            {
                throw new LearningException($"corrupt model file: the {family.Name} payload cannot be read ({e.GetType().Name}: {e.Message})", where, e);
            }
            var pipeline = new FeaturePipeline(manifest.Preprocessing.Steps, manifest.Instrument, manifest.Preprocessing.PeakMeans, manifest.Preprocessing.PeakStds);
            return new TrainedModel(manifest, pipeline, classifier, Targets.Parse(manifest.Target));
        }
    }

    /// <summary>
    /// Format 1 wrote the grid as <c>Grid {StartDegrees, StepDegrees, Count}</c> and the wavelength of the peak features in the
    /// preprocessing steps; both become the manifest's instrument (the preset's with that grid: NANO281's radiation and width).
    /// </summary>
    private static void UpgradeFormat1(System.Text.Json.Nodes.JsonNode manifest)
    {
        if (manifest["Grid"] is not System.Text.Json.Nodes.JsonObject grid) return;
        var angles = new AngleGrid(grid["StartDegrees"]!.GetValue<double>(), grid["StepDegrees"]!.GetValue<double>(), grid["Count"]!.GetValue<int>());
        var instrument = Diffraction.Profiles.PatternPresets.InstrumentFor(angles);
        if (manifest["Preprocessing"]?["Steps"] is System.Text.Json.Nodes.JsonObject steps && steps["WavelengthAngstrom"] is { } w)
        {
            var wavelength = w.GetValue<double>();
            if (wavelength != instrument.WavelengthAngstrom) instrument = instrument with { Radiation = Diffraction.Physics.Radiation.FromWavelength(wavelength) };
            steps.Remove("WavelengthAngstrom");
        }
        manifest.AsObject().Remove("Grid");
        manifest["Instrument"] = JsonSerializer.SerializeToNode(instrument, Json);
    }
}
