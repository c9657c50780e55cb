using Bravais.Diffraction.Augmentation;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;
using Bravais.Analysis.Cleaning;
using Bravais.Learning.Calibration;
using Bravais.Analysis.SearchMatch;
using Xunit;

namespace Bravais.Analysis.Tests.SearchMatch;

public sealed class PatternMatcherTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bravais-matcher-").FullName;
    public void Dispose() { try { Directory.Delete(_folder, true); } catch (IOException) { } }

    // the first model's settings (d-scales 0.97–1.02 in 0.5 % steps, no angle-dependent tolerance, no symmetry preference)
    private static readonly MatcherOptions Options = new(ScaleMin: -0.03, ScaleMax: 0.02, ScaleStep: 0.005,
        Neighbours: 3, VoteTemperature: 0.02, RelativeTolerance: 0, SymmetryPreference: 0) { Instrument = TinyLibrary.Comparison(0.05, 0.12) };

    [Fact]
    public void LibrarySurvivesSaveAndLoad()
    {
        var lib = TinyLibrary.Default();
        var ms = new MemoryStream();
        lib.Save(ms);
        ms.Position = 0;
        var back = ReferenceLibrary.Load(ms, "mem");
        Assert.Equal(lib.Ids, back.Ids);
        Assert.Equal(lib.Lattices, back.Lattices);
        Assert.Equal(lib.PeakStart, back.PeakStart);
        Assert.Equal(lib.PeakDSpacing, back.PeakDSpacing);
        for (var i = 0; i < lib.PeakIntensity.Length; i++) Assert.InRange(back.PeakIntensity[i], lib.PeakIntensity[i] * 0.999, lib.PeakIntensity[i] * 1.001); // stored as Half (11-bit mantissa)
        Assert.Throws<AnalysisException>(() => ReferenceLibrary.Load(new MemoryStream([1, 2, 3]), "junk"));
    }

    [Fact]
    public void FindsTheRightReferenceThroughACellMismatchAndBackground()
    {
        var lib = TinyLibrary.Default();
        var matcher = new PatternMatcher(lib, Options, threads: 1);
        // silicon-like cF a = 5.43 Å "measured" with a cell 1.5 % smaller, Kα mean, background and noise
        var rng = new Random(5);
        var measured = MeasuredSimulator.Simulate(TinyLibrary.Cubic(("q", BravaisLattice.cF, 5.43 * 0.985, 227)), 0,
            MeasuredAugmentation.Default with { CellMismatchMax = 0, ImpurityProbability = 0, IntensityJitter = 0.1, PreferredOrientationMax = 0.1 }, rng, "si.xy");
        var cleaned = MeasuredPreprocessor.Clean(measured, Options.Instrument, PreprocessingOptions.Default);
        var query = matcher.Prepare(cleaned, PreprocessingOptions.Default);
        var found = matcher.Search(query, 3, threads: 1);
        Assert.Equal("F-5.43", lib.Ids[found[0].Entry]);
        Assert.InRange(found[0].Scale, 1.01, 1.02); // 1/0.985 = 1.0152, on the 0.5 % trial grid
        Assert.True(found[0].Similarity > 0.7, $"cosine {found[0].Similarity}");
        Assert.True(found[1].Similarity < found[0].Similarity - 0.2, $"runner-up cosine {found[1].Similarity}");
        var logits = PatternMatcher.Logits(lib, found, Options.VoteTemperature);
        Assert.Equal((int)BravaisLattice.cF, Array.IndexOf(logits, logits.Max()));
        // the exclude filter hides an entry from the search: the best match goes, the others keep their order
        var best = found[0].Entry;
        var without = matcher.Search(query, 3, e => e == best, threads: 1);
        Assert.DoesNotContain(without, n => n.Entry == best);
        Assert.Equal(found[1].Entry, without[0].Entry);
        Assert.Equal(found[1].Similarity, without[0].Similarity);
    }

    [Fact]
    public void MaskedCosineIgnoresTheUncoveredRange()
    {
        var lib = TinyLibrary.Default();
        var matcher = new PatternMatcher(lib, Options, threads: 1);
        var full = MeasuredSimulator.Simulate(lib, 4, MeasuredAugmentation.Default with { CellMismatchMax = 0, ImpurityProbability = 0 }, new Random(2), "cI.xy");
        // keep only 2θ 30–60°: the rest of the model grid is uncovered
        var keep = Enumerable.Range(0, full.Count).Where(i => full.X[i] is >= 30 and <= 60).ToArray();
        var part = full with { X = keep.Select(i => full.X[i]).ToArray(), Intensity = keep.Select(i => full.Intensity[i]).ToArray() };
        var query = matcher.Prepare(MeasuredPreprocessor.Clean(part, Options.Instrument, PreprocessingOptions.Default), PreprocessingOptions.Default);
        // covered at every trial d-scale 0.97–1.02: 30° × up to 1/0.97 at the low end, 60° ÷ 1.02 (≈ 58.7°) at the high end
        Assert.InRange(Options.Grid[query.FirstCovered], 30, 31);
        Assert.InRange(Options.Grid[query.LastCovered], 58.5, 59);
        var found = matcher.Search(query, 1, threads: 1);
        Assert.Equal("I-4.6", lib.Ids[found[0].Entry]);
    }

    [Fact]
    public void ModelFileRoundTripsAndPredictsCalibratedProbabilities()
    {
        var lib = TinyLibrary.Default();
        var manifest = TinyLibrary.Manifest(lib, Options, new CalibrationSummary(2.5, 0, 0, 0, 0, 0, 0), format: 1);
        var path = Path.Combine(_folder, "m.bravais");
        new MeasuredModel(manifest, lib).Save(path);
        Assert.True(MeasuredModel.IsMeasuredModel(path));
        var model = MeasuredModel.Load(path);
        Assert.Equal(2.5, model.Manifest.Calibration.Temperature);
        var pattern = MeasuredSimulator.Simulate(lib, 1, MeasuredAugmentation.Default with { ImpurityProbability = 0 }, new Random(3), "cI.xy");
        var p = model.Predict(pattern, threads: 1);
        Assert.Equal(BravaisLattice.cI, p.Ranked[0]);
        Assert.Equal(229, p.SpaceGroup);
        Assert.Equal(1, p.Probabilities.Sum(), 9);
        // T > 1 softens: the calibrated top probability is below the uncalibrated one
        Assert.True(p.Probabilities[0] < p.Uncalibrated[0]);
        File.WriteAllText(Path.Combine(_folder, "bad.bravais"), "not a zip");
        Assert.False(MeasuredModel.IsMeasuredModel(Path.Combine(_folder, "bad.bravais")));
        Assert.Throws<AnalysisException>(() => MeasuredModel.Load(Path.Combine(_folder, "bad.bravais")));
    }

    [Fact]
    public void TrainingKeepsItsCalibrationQueriesInTheModelFile()
    {
        var lib = TinyLibrary.Default();
        var manifest = TinyLibrary.Manifest(lib, Options, new CalibrationSummary(1, 2, 0, 0, 0, 0, 0), format: 1);
        var logits = new double[14]; logits[(int)BravaisLattice.cI] = 3;
        var queries = new[] { new CalibrationQuery("validation:I-3.3", (int)BravaisLattice.cI, logits, 0.91), new CalibrationQuery("validation:P-4.1", (int)BravaisLattice.cP, new double[14], 0.5) };
        var path = Path.Combine(_folder, "q.bravais");
        new MeasuredModel(manifest, lib, queries).Save(path);
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry(MeasuredModel.CalibrationEntry)!.Open());
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("source\tlabel\tbest_cosine\tlogit_aP\t", lines[0]);
        var row = lines[1].Split('\t');
        Assert.Equal(["validation:I-3.3", "cI", "0.91"], row[..3]);
        Assert.Equal("3", row[3 + (int)BravaisLattice.cI]);
        Assert.Empty(MeasuredModel.Load(path).CalibrationQueries); // a loaded model does not read them back
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void OlderModelsLoadWithoutTheLaterMatcherSettings(int format)
    {
        var lib = TinyLibrary.Default();
        var manifest = TinyLibrary.Manifest(lib, new MatcherOptions(), new CalibrationSummary(1, 0, 0, 0, 0, 0, 0), format: format);
        // a day-1 manifest has no IntensityPower / RelativeTolerance / SymmetryPreference; neither format 1 nor 2 has the refinement settings
        var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(manifest, MeasuredModel.Json))!;
        var matcher = json["Matcher"]!.AsObject();
        var absent = new[] { "RefineCandidates", "RefineMaxStrain", "RefineStep", "RefinedTolerance", "FreeParameterPenalty" };
        if (format == 1) absent = [.. absent, "IntensityPower", "RelativeTolerance", "SymmetryPreference"];
        if (format <= 2) foreach (var name in absent) Assert.True(matcher.Remove(name));
        // formats 1–3 wrote the comparison grid, width and wavelength as five numbers, not as an instrument
        Assert.True(matcher.Remove("Instrument"));
        foreach (var (name, value) in new[] { ("StartDegrees", 5.0), ("StopDegrees", 90.0), ("StepDegrees", 0.1), ("SigmaDegrees", 0.15), ("WavelengthAngstrom", 1.54184) })
            matcher[name] = value;
        var path = Path.Combine(_folder, $"v{format}.bravais");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(zip.CreateEntry(MeasuredModel.LegacyManifestEntry).Open())) w.Write(json.ToJsonString());
            using var l = zip.CreateEntry(MeasuredModel.LibraryEntry).Open();
            lib.Save(l);
        }
        var loaded = MeasuredModel.Load(path).Manifest.Matcher;
        var expected = format == 3 ? new MatcherOptions() : new MatcherOptions() with { RefineCandidates = 0, FreeParameterPenalty = 0 };
        if (format == 1) expected = expected with { IntensityPower = 1, RelativeTolerance = 0, SymmetryPreference = 0 };
        Assert.Equal(expected, loaded);
        Assert.NotEqual(0, new MatcherOptions().SymmetryPreference); // the current defaults differ
        Assert.NotEqual(0, new MatcherOptions().RefineCandidates);
        if (format == 3) return; // a format-3 model refines cells, which this hand-made library has not
        // and such a model predicts with its library, which has no cells
        Assert.Null(lib.Cells);
        var measured = MeasuredSimulator.Simulate(lib, 2, MeasuredAugmentation.Default, new Random(1), "q.xy");
        Assert.NotEmpty(MeasuredModel.Load(path).Score(measured, threads: 1).Neighbours);
    }

    [Fact]
    public void SimulatorIsDeterministicForASeed()
    {
        var lib = TinyLibrary.Default();
        var a = MeasuredSimulator.Simulate(lib, 2, MeasuredAugmentation.Default, new Random(11), "a");
        var b = MeasuredSimulator.Simulate(lib, 2, MeasuredAugmentation.Default, new Random(11), "b");
        Assert.Equal(a.Intensity, b.Intensity);
        Assert.Equal(Radiation.CuKa.WavelengthAngstrom, a.WavelengthAngstrom);
    }
}
