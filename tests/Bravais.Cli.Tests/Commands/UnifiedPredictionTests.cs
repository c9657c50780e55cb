using System.Globalization;
using System.Text;
using Bravais.Analysis.SearchMatch;
using Bravais.Analysis.Tests.SearchMatch;
using Bravais.Diffraction.Augmentation;
using Bravais.Learning.Data;
using Bravais.Learning.Tests;
using Xunit;

namespace Bravais.Cli.Tests.Commands;

/// <summary><c>predict</c> and <c>evaluate</c> take both model kinds with both kinds of input, and refuse what does not apply with the reason.</summary>
public sealed class UnifiedPredictionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bravais-unified-").FullName;
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        lock (ConsoleCapture.Lock)
        {
            var (output, error) = (new StringWriter(CultureInfo.InvariantCulture), new StringWriter(CultureInfo.InvariantCulture));
            var (previousOut, previousError) = (Console.Out, Console.Error);
            Console.SetOut(output); Console.SetError(error);
            try { return (Program.BuildRoot().Parse(args).Invoke(), output.ToString(), error.ToString()); }
            finally { Console.SetOut(previousOut); Console.SetError(previousError); }
        }
    }

    private string SearchMatchModel()
    {
        var lib = TinyLibrary.Default();
        var options = new MatcherOptions(Neighbours: 3, RefineCandidates: 0) { Instrument = TinyLibrary.Comparison(0.05, 0.12) };
        var path = Path.Combine(_dir, "sm.bravais");
        new MeasuredModel(TinyLibrary.Manifest(lib, options, new CalibrationSummary(1.5, 0, 0, 0, 0, 0, 0)), lib).Save(path);
        return path;
    }

    private string Classifier()
    {
        var csv = Path.Combine(_dir, "train.csv");
        PatternCsv.Write(csv, SyntheticPatterns.Make(6, 20, seed: 3));
        var model = Path.Combine(_dir, "c.bravais");
        var (code, _, err) = Run("train", "--data", csv, "--models", "centroid", "--cv", "2", "--no-curves", "--out", model);
        Assert.True(code == 0, err);
        return model;
    }

    /// <summary>Two measured-like rows of the tiny library's cI and cF crystals on the simulator's 5–90° grid in 0.02° steps.</summary>
    private string MeasuredTable()
    {
        var lib = TinyLibrary.Default();
        var sb = new StringBuilder("id,formula,spacegroup_number,Bravais_lattice");
        for (var i = 0; i < MeasuredSimulator.Grid.Count; i++) sb.Append(CultureInfo.InvariantCulture, $",y{i}");
        sb.Append('\n');
        foreach (var (id, entry, sg, lattice) in new[] { ("a", 1, 229, "cI"), ("b", 2, 227, "cF") })
        {
            var p = MeasuredSimulator.Simulate(lib, entry, MeasuredAugmentation.Default with { ImpurityProbability = 0 }, new Random(entry), id);
            sb.Append(CultureInfo.InvariantCulture, $"{id},X,{sg},{lattice}").Append(string.Concat(p.Intensity.Select(v => "," + v.ToString(CultureInfo.InvariantCulture)))).Append('\n');
        }
        var path = Path.Combine(_dir, "measured-rows.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public void ASearchMatchModelPredictsAndScoresTheRowsOfATable()
    {
        var model = SearchMatchModel();
        var table = MeasuredTable();
        var predictions = Path.Combine(_dir, "p.csv");
        var (code, _, err) = Run("predict", "--model", model, "--data", table, "--grid", "5:90:0.02", "--out", predictions, "--probabilities", "--top", "2");
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(predictions);
        Assert.Equal("id,pred_bravais_lattice,pred_1,prob_1,pred_2,prob_2", lines[0]);
        Assert.StartsWith("a,cI,cI,", lines[1]);
        Assert.StartsWith("b,cF,cF,", lines[2]);
        var scores = Path.Combine(_dir, "scores.tsv");
        (code, _, err) = Run("evaluate", "--model", model, "--data", table, "--grid", "5:90:0.02", "--out", scores);
        Assert.True(code == 0, err);
        var rows = File.ReadAllLines(scores).Skip(1).Select(l => l.Split('\t')).ToArray();
        Assert.Equal([["a", "cI", "cI"], ["b", "cF", "cF"]], rows.Select(r => r[..3]));
    }

    [Fact]
    public void AClassifierPredictsAndScoresMeasuredFiles()
    {
        var model = Classifier();
        // measured files of two training-like patterns, written as a diffractometer would (2θ, counts)
        var data = SyntheticPatterns.Make(6, 1, seed: 41);
        var labels = new StringBuilder("id\tspacegroup_number\tbravais_lattice\n");
        for (var i = 0; i < 2; i++)
        {
            var x = data.Instrument.Grid.Values();
            var y = data.Intensities.ReadOnlyRow(i).ToArray();
            File.WriteAllLines(Path.Combine(_dir, $"f-{i}.xy"), ["# Cu Ka", .. x.Select((t, k) => FormattableString.Invariant($"{t} {10 * y[k] + 40}"))]);
            labels.Append(CultureInfo.InvariantCulture, $"f-{i}\t{data.SpaceGroupNumbers[i]}\t{data.BravaisLattices[i]}\n");
        }
        File.WriteAllText(Path.Combine(_dir, "labels.tsv"), labels.ToString());
        var (code, output, err) = Run("predict", "--model", model, "--format", "json", Path.Combine(_dir, "f-0.xy"));
        Assert.True(code == 0, err);
        Assert.Contains($"\"prediction\": \"{data.BravaisLattices[0]}\"", output);
        Assert.Contains("\"levels\": {", output);
        Assert.Contains("\"preprocessing\": [", output);
        var scores = Path.Combine(_dir, "scores.tsv");
        (code, _, err) = Run("evaluate", "--model", model, "--labels", Path.Combine(_dir, "labels.tsv"), "--out", scores, _dir);
        Assert.True(code == 0, err);
        var rows = File.ReadAllLines(scores).Skip(1).Select(l => l.Split('\t')).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.All(rows, r => Assert.Equal(r[1], r[2]));
    }

    [Theory]
    [InlineData("predict", "--plot", "--plot draws measured files")]
    [InlineData("predict", "--abscissa", "--abscissa describes pattern files")]
    [InlineData("evaluate", "--matcher", "--matcher changes a search–match model's settings; this model is a classifier")]
    [InlineData("evaluate", "--neighbours", "--neighbours lists the references of a search–match model; this model is a classifier")]
    public void OptionsThatDoNotApplyAreRefusedWithTheReason(string command, string option, string message)
    {
        var model = Classifier();
        var csv = Path.Combine(_dir, "train.csv");
        var value = option switch { "--plot" => _dir, "--abscissa" => "q", "--matcher" => "{}", _ => Path.Combine(_dir, "nb.tsv") };
        var (code, _, err) = Run(command, "--model", model, "--data", csv, option, value);
        Assert.Equal(1, code);
        Assert.Contains(message, err);
        Assert.Single(err.Trim().Split('\n'));
        // and the grid of measured files is theirs
        (code, _, err) = Run("predict", "--model", model, "--grid", "5:90:0.02", Path.Combine(_dir, "f.xy"));
        Assert.Equal(1, code);
        Assert.Contains("measured files carry their own 2θ", err);
    }
}
