using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Measured;
using Bravais.Analysis.Cleaning;
using Bravais.Learning.Calibration;
using Bravais.Learning.Persistence;

namespace Bravais.Analysis.SearchMatch;

/// <summary>What the model says about one measured pattern.</summary>
public sealed record MeasuredPrediction(
    string Source,
    BravaisLattice[] Ranked,
    double[] Probabilities,   // calibrated, in the order of <see cref="Ranked"/>
    double[] Uncalibrated,    // softmax at T = 1, same order
    int SpaceGroup,           // of the best reference of the top class
    string BestReference,
    double BestSimilarity,
    double BestScale,         // the search's common d-scale for that reference
    double BestStrain,        // the relative change of its metric in cell refinement beyond that scale (0: not refined)
    PreprocessedPattern Preprocessed,
    Neighbour[] Neighbours)   // best first; at least the voting ones
{
    /// <summary>The crystal system of <see cref="SpaceGroup"/> (trigonal or hexagonal for hP).</summary>
    public CrystalSystem CrystalSystem => CrystalSystems.FromSpaceGroupNumber(SpaceGroup);
}

/// <summary>
/// A trained measured-pattern model: reference library + matcher settings + preprocessing + temperature.
/// Saved as a zip (.bravais) with <c>measured.json</c> and <c>library.bin</c>.
/// </summary>
public sealed class MeasuredModel
{
    /// <summary>The manifest entry every kind of model file has (it names the kind).</summary>
    public const string ManifestEntry = Learning.Persistence.ClassifierFile.ManifestEntry;
    /// <summary>Where models before format 4 kept their manifest.</summary>
    public const string LegacyManifestEntry = "measured.json";
    public const string LibraryEntry = "library.bin";
    public const string CalibrationEntry = "calibration.tsv";

    public MeasuredModelManifest Manifest { get; }
    public ReferenceLibrary Library { get; }
    private PatternMatcher? _matcher;
    private readonly Lock _gate = new();

    /// <summary>The calibration queries the temperature was fitted on (written to calibration.tsv; empty for a loaded model).</summary>
    public IReadOnlyList<CalibrationQuery> CalibrationQueries { get; }

    public MeasuredModel(MeasuredModelManifest manifest, ReferenceLibrary library, IReadOnlyList<CalibrationQuery>? calibrationQueries = null)
    {
        Manifest = manifest; Library = library; CalibrationQueries = calibrationQueries ?? [];
    }

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() }, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The matcher (references rendered on first use: ~20 s for 150k crystals on 2 cores).</summary>
    public PatternMatcher Matcher(int threads = 0)
    {
        lock (_gate) return _matcher ??= new PatternMatcher(Library, Manifest.Matcher, threads);
    }

    /// <summary>Raw class scores and neighbours of one cleaned pattern.</summary>
    /// <remarks><paramref name="searchNeighbours"/> &gt; the model's k returns more neighbours (diagnostics); only the k best vote.</remarks>
    public (double[] Logits, Neighbour[] Neighbours, PreprocessedPattern Preprocessed) Score(MeasuredPattern pattern, Func<int, bool>? exclude = null, int threads = 0,
        CancellationToken cancellation = default, int searchNeighbours = 0)
    {
        var matcher = Matcher(threads);
        var cleaned = MeasuredPreprocessor.Clean(pattern, Manifest.Matcher.Instrument, Manifest.Preprocessing);
        var query = matcher.Prepare(cleaned, Manifest.Preprocessing);
        var k = Manifest.Matcher.Neighbours;
        var neighbours = matcher.Refine(query, matcher.Search(query, Math.Max(Math.Max(k, Manifest.Matcher.RefineCandidates), searchNeighbours), exclude, threads, cancellation), threads);
        var preprocessed = MeasuredPreprocessor.ToGrid(cleaned, Manifest.Matcher.Instrument, Manifest.Preprocessing);
        return (PatternMatcher.Logits(Library, neighbours.AsSpan(0, Math.Min(k, neighbours.Length)).ToArray(), Manifest.Matcher.VoteTemperature), neighbours, preprocessed);
    }

    /// <summary>The same library and calibration with other matcher settings (experiments; the references are re-rendered).</summary>
    public MeasuredModel WithMatcher(MatcherOptions matcher) => new(Manifest with { Matcher = matcher }, Library);

    public MeasuredPrediction Predict(MeasuredPattern pattern, int threads = 0, CancellationToken cancellation = default, int searchNeighbours = 0)
    {
        var (logits, neighbours, pre) = Score(pattern, null, threads, cancellation, searchNeighbours);
        var calibrated = TemperatureScaling.Softmax(logits, Manifest.Calibration.Temperature);
        var raw = TemperatureScaling.Softmax(logits, 1);
        var order = Enumerable.Range(0, calibrated.Length).OrderByDescending(c => calibrated[c]).ToArray();
        var top = (BravaisLattice)order[0];
        var best = neighbours.FirstOrDefault(n => Library.Lattices[n.Entry] == top);
        if (neighbours.Length == 0) throw new AnalysisException("the reference library is empty", new(pattern.Source));
        if (Library.Lattices[best.Entry] != top) best = neighbours[0];
        return new MeasuredPrediction(pattern.Source, order.Select(c => (BravaisLattice)c).ToArray(), order.Select(c => calibrated[c]).ToArray(),
            order.Select(c => raw[c]).ToArray(), Library.SpaceGroups[best.Entry], Library.Ids[best.Entry], best.Similarity, best.Scale, best.Strain, pre, neighbours);
    }

    public void Save(string path) =>
        AtomicZip.Write(path,
            new AtomicZip.Entry(ManifestEntry, CompressionLevel.Optimal, s => JsonSerializer.Serialize(s, Manifest, Json)),
            new AtomicZip.Entry(LibraryEntry, CompressionLevel.NoCompression, Library.Save),
            new AtomicZip.Entry(CalibrationEntry, CompressionLevel.Optimal, s => CalibrationQuery.Write(s, CalibrationQueries, Manifest.Classes)));

    /// <summary>True when <paramref name="path"/> is a zip holding a measured-pattern manifest.</summary>
    public static bool IsMeasuredModel(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.GetEntry(LegacyManifestEntry) is not null) return true;
            if (zip.GetEntry(ManifestEntry) is not { } entry) return false;
            using var s = entry.Open();
            return System.Text.Json.Nodes.JsonNode.Parse(s)?["Kind"]?.GetValue<string>() == MeasuredModelManifest.KindName;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or ArgumentException) { return false; }
    }

    public static MeasuredModel Load(string path)
    {
        if (!File.Exists(path)) throw new AnalysisException("model file not found", new(path));
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var m = zip.GetEntry(ManifestEntry) ?? zip.GetEntry(LegacyManifestEntry) ?? throw new AnalysisException($"not a measured-pattern model (no {ManifestEntry})", new(path));
            MeasuredModelManifest manifest;
            using (var s = m.Open())
            {
                try
                {
                    var node = System.Text.Json.Nodes.JsonNode.Parse(s) ?? throw new AnalysisException("empty manifest", new(path, Field: ManifestEntry));
                    manifest = MeasuredModelManifest.Upgrade(node).Deserialize<MeasuredModelManifest>(Json) ?? throw new AnalysisException("empty manifest", new(path, Field: ManifestEntry));
                }
                // a value of the wrong JSON kind, a duplicated key, a profile without its type: all are a damaged manifest
                catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException or FormatException)
                {
                    throw new AnalysisException($"manifest is not valid: {e.Message}", new(path, Field: ManifestEntry), e);
                }
            }
            if (manifest.Kind != MeasuredModelManifest.KindName) throw new AnalysisException($"model kind '{manifest.Kind}' is not {MeasuredModelManifest.KindName}", new(path));
            if (manifest.FormatVersion > MeasuredModelManifest.CurrentFormatVersion) throw new AnalysisException($"model format {manifest.FormatVersion} is newer than this bravais understands ({MeasuredModelManifest.CurrentFormatVersion})", new(path));
            // format 1 predates these settings: keep such models matching exactly as they were calibrated
            if (manifest.FormatVersion < 2) manifest = manifest with { Matcher = manifest.Matcher with { IntensityPower = 1, RelativeTolerance = 0, SymmetryPreference = 0 } };
            // formats 1–2 predate cell refinement (and their libraries have no cells)
            if (manifest.FormatVersion < 3) manifest = manifest with { Matcher = manifest.Matcher with { RefineCandidates = 0, FreeParameterPenalty = 0 } };
            var l = zip.GetEntry(LibraryEntry) ?? throw new AnalysisException($"model has no {LibraryEntry}", new(path));
            using var ls = l.Open();
            return new MeasuredModel(manifest, ReferenceLibrary.Load(ls, path));
        }
        catch (InvalidDataException e) { throw new AnalysisException($"not a valid model file: {e.Message}", new(path), e); }
        catch (JsonException e) { throw new AnalysisException($"manifest is not valid: {e.Message}", new(path, Field: ManifestEntry), e); }
    }
}
