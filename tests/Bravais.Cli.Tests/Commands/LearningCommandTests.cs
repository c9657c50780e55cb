using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Patterns;
using Bravais.Learning.Data;
using Bravais.Learning.Models;
using Bravais.Learning.Persistence;
using Bravais.Learning.Tests;
using Xunit;

namespace Bravais.Cli.Tests.Commands;

/// <summary>train → predict → evaluate through the command line, on synthetic patterns the test writes itself.</summary>
public sealed class LearningCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bravais-cli-").FullName;
    private static readonly object ConsoleLock = new();

    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string StdErr) Run(params string[] args)
    {
        lock (ConsoleLock)
        {
            var error = new StringWriter();
            var previous = Console.Error;
            Console.SetError(error);
            try { return (Program.BuildRoot().Parse(args).Invoke(), error.ToString()); }
            finally { Console.SetError(previous); }
        }
    }

    private string Train(string data, params string[] extra)
    {
        var model = Path.Combine(_dir, "m.bravais");
        var (code, err) = Run(["train", "--data", data, "--models", "centroid", "--cv", "3", "--seed", "2", "--out", model, .. extra]);
        Assert.True(code == 0, err);
        return model;
    }

    [Fact]
    public void TrainWritesModelAndReportThenPredictKeepsOneRowPerInputInOrder()
    {
        var trainCsv = Path.Combine(_dir, "train.csv.gz");
        PatternCsv.Write(trainCsv, SyntheticPatterns.Make(6, 25, seed: 3));
        var report = Path.Combine(_dir, "report");
        var model = Train(trainCsv, "--report", report);
        Assert.True(File.Exists(model));
        Assert.True(File.Exists(Path.Combine(report, "index.html")));
        Assert.True(File.Exists(Path.Combine(report, "confusion.png")));
        Assert.Equal(PatternCsv.Sha256(trainCsv), ClassifierFile.Load(model).Manifest.TrainingData!.Sha256);

        // unseen patterns in a scrambled order, with duplicate ids: output keeps input order and count
        var unseen = SyntheticPatterns.Make(6, 5, seed: 99);
        var order = Enumerable.Range(0, unseen.Count).Reverse().ToArray();
        unseen = unseen.Select(order);
        unseen = unseen with { Ids = unseen.Ids.Select((id, i) => i % 7 == 3 ? "dup" : id).ToArray() };
        var testCsv = Path.Combine(_dir, "test.csv");
        PatternCsv.Write(testCsv, unseen);
        var predictions = Path.Combine(_dir, "pred.csv");
        var (code, err) = Run("predict", "--model", model, "--data", testCsv, "--out", predictions);
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(predictions);
        Assert.Equal("id,pred_bravais_lattice", lines[0]);
        Assert.Equal(unseen.Count + 1, lines.Length);
        var correct = 0;
        for (var i = 0; i < unseen.Count; i++)
        {
            var fields = lines[i + 1].Split(',');
            Assert.Equal(unseen.Ids[i], fields[0]);
            Assert.True(BravaisLattices.TryParse(fields[1], out var predicted));
            if (predicted == unseen.BravaisLattices[i]) correct++;
        }
        Assert.True(correct >= unseen.Count * 0.8, $"{correct} of {unseen.Count} correct");

        // a file without label columns (as a Kaggle test file) predicts the same
        var unlabelled = Path.Combine(_dir, "unlabelled.csv");
        PatternCsv.Write(unlabelled, unseen with { HasBravaisLattices = false, HasSpaceGroups = false });
        var predictions2 = Path.Combine(_dir, "pred2.csv");
        (code, err) = Run("predict", "--model", model, "--data", unlabelled, "--out", predictions2);
        Assert.True(code == 0, err);
        Assert.Equal(lines, File.ReadAllLines(predictions2));

        (code, err) = Run("predict", "--model", model, "--data", testCsv, "--out", predictions, "--probabilities", "--top", "2");
        Assert.True(code == 0, err);
        var header = File.ReadLines(predictions).First();
        Assert.Equal("id,pred_bravais_lattice,pred_1,prob_1,pred_2,prob_2", header);

        (code, err) = Run("evaluate", "--model", model, "--data", testCsv, "--report", Path.Combine(_dir, "eval"));
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(_dir, "eval", "index.html")));
    }

    [Fact]
    public void PredictRefusesDataOnAnotherGrid()
    {
        var trainCsv = Path.Combine(_dir, "train.csv");
        PatternCsv.Write(trainCsv, SyntheticPatterns.Make(3, 20, seed: 4));
        var model = Train(trainCsv, "--no-curves");
        var other = Path.Combine(_dir, "other.csv");
        PatternCsv.Write(other, SyntheticPatterns.Make(3, 2, seed: 5, grid: AngleGrid.FromRange(5, 90, 0.25)));
        var (code, err) = Run("predict", "--model", model, "--data", other, "--out", Path.Combine(_dir, "p.csv"));
        Assert.Equal(1, code);
        Assert.Contains("differs from the model's", err);
        Assert.Contains("341 columns", err);
        Assert.False(File.Exists(Path.Combine(_dir, "p.csv")));
    }

    [Fact]
    public void SpaceGroupTargetPredictsGroupNumbers()
    {
        var trainCsv = Path.Combine(_dir, "train.csv");
        PatternCsv.Write(trainCsv, SyntheticPatterns.Make(4, 20, seed: 6));
        var model = Train(trainCsv, "--target", "spacegroup", "--no-curves");
        var predictions = Path.Combine(_dir, "sg.csv");
        var (code, err) = Run("predict", "--model", model, "--data", trainCsv, "--out", predictions);
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(predictions);
        Assert.Equal("id,pred_spacegroup", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Contains(int.Parse(l.Split(',')[1]), SyntheticPatterns.SpaceGroupOf.Take(4)));
    }

    [Fact]
    public void BadInputsGiveOneLineErrors()
    {
        var (code, err) = Run("train", "--data", Path.Combine(_dir, "missing.csv"));
        Assert.Equal(1, code);
        Assert.Contains("file not found", err);
        var garbage = Path.Combine(_dir, "garbage.bravais");
        File.WriteAllText(garbage, "not a zip");
        (code, err) = Run("predict", "--model", garbage, "--data", garbage);
        Assert.Equal(1, code);
        Assert.Contains("not a Bravais model file", err);
        Assert.Single(err.Trim().Split('\n'));
        var csv = Path.Combine(_dir, "t.csv");
        PatternCsv.Write(csv, SyntheticPatterns.Make(2, 10, seed: 1));
        (code, err) = Run("train", "--data", csv, "--models", "centroid,quantum");
        Assert.Equal(1, code);
        Assert.Contains("unknown model family 'quantum'", err);
    }

    [Fact]
    public void PretrainSyntheticGeneratesTheSetOnceBesideTheModelAndTheManifestRecordsIt()
    {
        var trainCsv = Path.Combine(_dir, "train.csv");
        PatternCsv.Write(trainCsv, SyntheticPatterns.Make(14, 6, seed: 3));
        var grid = Path.Combine(_dir, "tiny.json");
        File.WriteAllText(grid, """{"cnn": [{"Channels": [4], "DenseUnits": 8, "Epochs": 1, "PretrainEpochs": 1, "Patience": 0}]}""");
        var model = Path.Combine(_dir, "cnn.bravais");
        string[] args = ["train", "--data", trainCsv, "--models", "cnn", "--cv", "0", "--search", grid, "--no-curves", "--pretrain", "synthetic:28", "--seed", "5", "--out", model];
        var (code, err) = Run(args);
        Assert.True(code == 0, err);
        var set = Path.Combine(_dir, "pretrain-synthetic-nano281-28-seed5.csv.gz");
        Assert.True(File.Exists(set));
        var written = File.GetLastWriteTimeUtc(set);
        var pre = ClassifierFile.Load(model).Manifest.TrainingData!.Pretraining!;
        Assert.Equal((Path.GetFileName(set), 28), (pre.File, pre.Rows));
        Assert.Equal(28, PatternCsv.Read(set).Count);
        (code, err) = Run(args);
        Assert.True(code == 0, err);
        Assert.Equal(written, File.GetLastWriteTimeUtc(set)); // reused, not regenerated

        (code, err) = Run("train", "--data", trainCsv, "--models", "cnn", "--cv", "0", "--pretrain", "synthetic:lots", "--out", model);
        Assert.Equal(1, code);
        Assert.Contains("synthetic[:N]", err);
    }
}
