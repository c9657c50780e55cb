using System.Globalization;
using Bravais.Cli.Commands;
using Bravais.Analysis.SearchMatch;
using Bravais.Analysis.Tests.SearchMatch;
using Xunit;

namespace Bravais.Cli.Tests.Commands;

public sealed class MeasuredPredictTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bravais-predict-").FullName;
    public void Dispose() { try { Directory.Delete(_folder, true); } catch (IOException) { } }

    private string Model()
    {
        var lib = TinyLibrary.Default();
        var options = new MatcherOptions(Neighbours: 3, RefineCandidates: 0) { Instrument = TinyLibrary.Comparison(0.05, 0.12) }; // the hand-made library has no cells to refine
        var path = Path.Combine(_folder, "m.bravais");
        new MeasuredModel(TinyLibrary.Manifest(lib, options, new CalibrationSummary(1.5, 0, 0, 0, 0, 0, 0)), lib).Save(path);
        return path;
    }

    private string Pattern(string name, int entry) => TinyLibrary.WriteMeasuredXy(Path.Combine(_folder, name), entry);

    private static (int Code, string[] Lines) Run(params string[] args)
    {
        var parse = Program.BuildRoot().Parse(args);
        Assert.Empty(parse.Errors);
        var output = new StringWriter(CultureInfo.InvariantCulture);
        lock (ConsoleCapture.Lock)
        {
            var (error, previous) = (Console.Error, Console.Out);
            Console.SetError(TextWriter.Null);
            Console.SetOut(output);
            try
            {
                var code = parse.Invoke();
                return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
            finally { Console.SetError(error); Console.SetOut(previous); }
        }
    }

    [Fact]
    public void TsvHasTheExactHeaderAndOneRowPerReadableFile()
    {
        var model = Model();
        var cI = Pattern("cI.xy", 1);
        var cF = Pattern("cF.xy", 2);
        var bad = Path.Combine(_folder, "bad.xy");
        File.WriteAllText(bad, "10 1\n9 2\n");
        var (code, lines) = Run("predict", "--model", model, "--format", "tsv", cI, bad, cF);
        Assert.Equal("file\tprediction\tprobability", lines[0]);
        Assert.Equal(3, lines.Length); // the unreadable file is reported on stderr and skipped
        var row1 = lines[1].Split('\t');
        Assert.Equal(cI, row1[0]);
        Assert.Equal("cI", row1[1]);
        Assert.InRange(double.Parse(row1[2], CultureInfo.InvariantCulture), 0.0, 1.0);
        Assert.Equal("cF", lines[2].Split('\t')[1]);
        Assert.Equal(CliErrors.Failure, code);
    }

    [Fact]
    public void AbstainPrintsUncertainOnlyWhenAsked()
    {
        var model = Model();
        var cI = Pattern("cI.xy", 1);
        var (_, plain) = Run("predict", "--model", model, "--format", "tsv", cI);
        Assert.DoesNotContain("uncertain", plain[1]);
        var (code, strict) = Run("predict", "--model", model, "--format", "tsv", "--abstain", "1.0", cI);
        Assert.Equal("uncertain", strict[1].Split('\t')[1]);
        Assert.Equal(CliErrors.Ok, code);
        var (_, json) = Run("predict", "--model", model, "--format", "json", "--top", "2", cI);
        var text = string.Join('\n', json);
        Assert.Contains("\"prediction\": \"cI\"", text);
        Assert.Contains("\"cellChange\": 0,", text); // this library has no cells: nothing was refined
        Assert.Contains("\"dScale\": ", text);
    }
}
