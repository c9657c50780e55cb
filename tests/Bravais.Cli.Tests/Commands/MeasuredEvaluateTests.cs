using Bravais.Cli.Commands;
using Bravais.Analysis.SearchMatch;
using Bravais.Analysis.Tests.SearchMatch;
using Xunit;

namespace Bravais.Cli.Tests.Commands;

public sealed class MeasuredEvaluateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bravais-evaluate-measured-").FullName;
    public void Dispose() { try { Directory.Delete(_folder, true); } catch (IOException) { } }

    private static readonly MatcherOptions Options = new(Neighbours: 3, RefineCandidates: 0) { Instrument = TinyLibrary.Comparison(0.05, 0.12) }; // the hand-made library has no cells to refine

    private string Model()
    {
        var lib = TinyLibrary.Default();
        var path = Path.Combine(_folder, "m.bravais");
        new MeasuredModel(TinyLibrary.Manifest(lib, Options, new CalibrationSummary(1.5, 0, 0, 0, 0, 0, 0)), lib).Save(path);
        return path;
    }

    private void Pattern(string id, int entry) => TinyLibrary.WriteMeasuredXy(Path.Combine(_folder, id + ".xy"), entry);

    private static int Run(params string[] args)
    {
        var error = Console.Error; var output = Console.Out;
        Console.SetError(TextWriter.Null); Console.SetOut(TextWriter.Null);
        try { return Program.BuildRoot().Parse(args).Invoke(); }
        finally { Console.SetError(error); Console.SetOut(output); }
    }

    [Fact]
    public void WritesPerFileCrystalSystemsAndNeighbours()
    {
        var model = Model();
        Pattern("x-1", 1); // I-3.3, cI
        Pattern("x-2", 2); // F-5.43, cF
        var labels = Path.Combine(_folder, "labels.tsv");
        // the second row claims a wrong crystal system on purpose: the column is taken as given
        File.WriteAllText(labels, "id\tspacegroup_number\tbravais_lattice\tcrystal_system\nx-1\t229\tcI\tcubic\nx-2\t227\tcF\ttrigonal\n");
        var output = Path.Combine(_folder, "eval.tsv"); var neighbours = Path.Combine(_folder, "nb.tsv");
        Assert.Equal(0, Run("evaluate-measured", "--model", model, "--labels", labels, "--out", output, "--neighbours", neighbours, "--neighbours-count", "5", _folder));
        var rows = File.ReadAllLines(output).Select(l => l.Split('\t')).ToArray();
        Assert.Equal(["file", "truth", "prediction", "probability", "space_group_truth", "space_group", "crystal_system_truth", "crystal_system"], rows[0][..8]);
        Assert.Equal(["x-1", "cI", "cI"], rows[1][..3]);
        Assert.Equal(["cubic", "cubic"], rows[1][6..8]);
        Assert.Equal(["trigonal", "cubic"], rows[2][6..8]);
        var nb = File.ReadAllLines(neighbours);
        Assert.Equal("file\trank\treference\tlattice\tspace_group\tcosine\tscale\tscore\tstrain", nb[0]);
        Assert.Equal(1 + 2 * 5, nb.Length); // 5 neighbours per file even though 3 vote
        Assert.StartsWith("x-1\t1\tI-3.3\tcI\t229\t", nb[1]);
        Assert.EndsWith("\t0", nb[1]); // this library has no cells: no reference was refined
        Assert.Equal(0, Run("evaluate-measured", "--model", model, "--labels", labels, "--half", "odd", "--matcher", "{\"Neighbours\":5,\"SymmetryPreference\":0.004}", _folder));
    }
}
