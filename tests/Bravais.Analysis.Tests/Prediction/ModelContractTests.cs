using System.IO.Compression;
using Bravais.Analysis.Prediction;
using Bravais.Analysis.SearchMatch;
using Bravais.Analysis.Tests.SearchMatch;
using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction;
using Bravais.Diffraction.Augmentation;
using Bravais.Diffraction.Measured;
using Bravais.Learning.Data;
using Bravais.Learning.Persistence;
using Bravais.Learning.Tests;
using Bravais.Learning.Training;
using Xunit;

namespace Bravais.Analysis.Tests.Prediction;

/// <summary>One ModelFile.Load for every kind; every kind takes dataset rows and measured files; one message per broken file.</summary>
public sealed class ModelContractTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bravais-contract-").FullName;
    public void Dispose() { try { Directory.Delete(_folder, true); } catch (IOException) { } }

    private string SearchMatchModel()
    {
        var lib = TinyLibrary.Default();
        var options = new MatcherOptions(Neighbours: 3, RefineCandidates: 0) { Instrument = TinyLibrary.Comparison(0.05, 0.12) };
        var path = Path.Combine(_folder, "sm.bravais");
        new MeasuredModel(TinyLibrary.Manifest(lib, options, new CalibrationSummary(1.5, 0, 0, 0, 0, 0, 0)), lib).Save(path);
        return path;
    }

    private string Classifier(PredictionTarget target, out PatternDataset data)
    {
        data = SyntheticPatterns.Make(14, 12, seed: 5);
        var result = TrainingPipeline.Run(new TrainingRequest(data, target, ["centroid"], "synthetic.csv", "x", Folds: 2, Seed: 1, Curves: false, ImportanceRows: 0));
        var path = Path.Combine(_folder, $"{target}.bravais");
        ClassifierFile.Save(path, result.Model);
        return path;
    }

    private static PatternInput.Row Row(PatternDataset data, int i) => new(data.Ids[i], data.Instrument, data.Intensities.ReadOnlyRow(i).ToArray());

    [Fact]
    public void BothKindsLoadThroughOneEntryAndNameTheirKind()
    {
        var sm = ModelFile.Load(SearchMatchModel());
        Assert.Equal("measured-pattern-matcher", sm.Summary.Kind);
        Assert.Equal(PredictionLevel.BravaisLattice, sm.Summary.Primary);
        var classifier = ModelFile.Load(Classifier(PredictionTarget.Bravais, out _));
        Assert.Equal("classifier", classifier.Summary.Kind);
        Assert.Equal(Instrument.Nano281, classifier.Summary.Instrument);
    }

    [Fact]
    public void ASearchMatchModelTakesMeasuredFilesAndDatasetRows()
    {
        var model = ModelFile.Load(SearchMatchModel());
        var file = TinyLibrary.WriteMeasuredXy(Path.Combine(_folder, "cF.xy"), 2);
        var fromFile = model.Predict(new PatternInput.Measurement(MeasuredPatternReader.Read(file)));
        Assert.Equal("cF", fromFile.Best.Label);
        Assert.Equal(1, fromFile.BravaisLattices.Sum(c => c.Probability), 9);
        Assert.Equal(1, fromFile.SpaceGroups.Sum(c => c.Probability), 9);
        Assert.Equal(1, fromFile.CrystalSystems.Sum(c => c.Probability), 9);
        Assert.Equal(227, fromFile.SpaceGroup); // F-5.43 (Fd-3m) is the closest cF reference
        Assert.Equal("F-5.43", fromFile.Evidence.SearchMatch!.Best.Id);
        Assert.NotNull(fromFile.Evidence.Cleaned);
        // a dataset row: the same pattern on a grid, read as a measurement of its instrument
        var measured = MeasuredSimulator.Simulate(TinyLibrary.Default(), 2, MeasuredAugmentation.Default with { ImpurityProbability = 0 }, new Random(2), "row");
        var row = new PatternInput.Row("row", new Instrument(measured.Radiation!, MeasuredSimulator.Grid, new Diffraction.Profiles.GaussianProfile(0.1)), Array.ConvertAll(measured.Intensity, v => (float)v));
        Assert.Equal("cF", model.Predict(row).Best.Label);
    }

    [Fact]
    public void AClassifierTakesDatasetRowsAndMeasuredFilesMappedOntoItsGrid()
    {
        var model = ModelFile.Load(Classifier(PredictionTarget.Bravais, out var data));
        var rows = Enumerable.Range(0, 28).Select(i => Row(data, i)).ToArray();
        var batch = model.PredictRows(rows);
        for (var i = 0; i < rows.Length; i++) Assert.Equal(batch[i].BravaisLattices, model.Predict(rows[i]).BravaisLattices);
        Assert.True(batch.Count(p => p.Best.Label == data.BravaisLattices[Array.IndexOf(data.Ids, p.Source)].Label()) >= 24);
        Assert.Empty(batch[0].SpaceGroups); // a lattice classifier ranks lattices only
        // a measured file of row 3: its 2θ and counts, noise-free, as a diffractometer would write them
        var x = data.Instrument.Grid.Values();
        var y = data.Intensities.ReadOnlyRow(3).ToArray().Select(v => 10.0 * v + 50).ToArray();
        var file = new MeasuredPattern("row3.xy", Abscissa.TwoThetaDegrees, x, y, null, data.Instrument.Radiation, new Dictionary<string, string>());
        var fromFile = model.Predict(new PatternInput.Measurement(file));
        Assert.Equal(data.BravaisLattices[3].Label(), fromFile.Best.Label);
        Assert.NotNull(fromFile.Evidence.Cleaned);
        // a row on another grid is refused with the reason
        var other = rows[0] with { Instrument = Instrument.HighRes, Values = new float[Instrument.HighRes.Grid.Count] };
        Assert.Contains("differs from the model's", Assert.Throws<AnalysisException>(() => model.Predict(other)).Message);
    }

    [Fact]
    public void ASpaceGroupClassifierImpliesConsistentLatticesAndSystems()
    {
        var model = ModelFile.Load(Classifier(PredictionTarget.SpaceGroup, out var data));
        var p = model.Predict(Row(data, 7));
        Assert.Equal(PredictionLevel.SpaceGroup, p.Primary);
        Assert.Equal(int.Parse(p.SpaceGroups[0].Label, System.Globalization.CultureInfo.InvariantCulture), p.SpaceGroup);
        foreach (var lattice in p.BravaisLattices)
        {
            var sum = p.SpaceGroups.Where(g => SpaceGroups.ByNumber(int.Parse(g.Label, System.Globalization.CultureInfo.InvariantCulture)).BravaisLattice.Label() == lattice.Label).Sum(g => g.Probability);
            Assert.Equal(sum, lattice.Probability, 9);
        }
        Assert.Equal(1, p.CrystalSystems.Sum(c => c.Probability), 6);
        Assert.Equal(CrystalSystems.FromSpaceGroupNumber(p.SpaceGroup!.Value), p.CrystalSystem);
    }

    [Fact]
    public void EveryBrokenModelFileIsOneMessageNamingTheFile()
    {
        string Message(string path) => Assert.ThrowsAny<BravaisException>(() => ModelFile.Load(path)).Message;
        var missing = Path.Combine(_folder, "missing.bravais");
        Assert.Equal($"{missing}: model file not found", Message(missing));
        Assert.Equal($"{_folder}: is a folder, not a model file", Message(_folder));
        var empty = Path.Combine(_folder, "empty.bravais");
        File.WriteAllBytes(empty, []);
        Assert.Contains("empty (0 bytes)", Message(empty));
        var garbage = Path.Combine(_folder, "garbage.bravais");
        File.WriteAllText(garbage, "this is not a zip");
        Assert.Contains("not a Bravais model file", Message(garbage));
        var good = SearchMatchModel();
        var truncated = Path.Combine(_folder, "truncated.bravais");
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Contains("corrupt or truncated", Message(truncated));
        var alien = Path.Combine(_folder, "alien.bravais");
        using (var zip = ZipFile.Open(alien, ZipArchiveMode.Create))
        using (var w = new StreamWriter(zip.CreateEntry("manifest.json").Open())) w.Write("{\"Kind\":\"crystal-ball\"}");
        Assert.Contains("model kind 'crystal-ball' is not known", Message(alien));
        var bare = Path.Combine(_folder, "bare.bravais");
        using (var zip = ZipFile.Open(bare, ZipArchiveMode.Create)) zip.CreateEntry("readme.txt");
        Assert.Contains("no manifest.json inside", Message(bare));
    }
}
