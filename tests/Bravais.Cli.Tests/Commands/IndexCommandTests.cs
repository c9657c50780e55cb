using System.Globalization;
using System.Text;
using System.Text.Json;
using Bravais.Analysis.Indexing;
using Bravais.Cli.Commands;
using Bravais.Crystallography.IO;
using Xunit;

namespace Bravais.Cli.Tests.Commands;

/// <summary>
/// <c>bravais index</c> on measured-like patterns of the example structures (examples/structures, labels in
/// examples/patterns/labels.tsv): each is drawn as a laboratory Cu Kα scan by the project's renderer with a fixed seed
/// (Kα doublet, Caglioti widths, zero shift, displacement, texture, background, Poisson counts; no cell mismatch), written
/// as an .xy file and indexed through the command's own path; the top candidate must have the labelled lattice and the
/// structure's cell, and the JSON the documented shape.
/// </summary>
public sealed class IndexCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bravais-index-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Examples()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var path = Path.Combine(d.FullName, "examples");
            if (File.Exists(Path.Combine(path, "patterns", "labels.tsv"))) return path;
        }
        throw new DirectoryNotFoundException("examples/patterns/labels.tsv not found above the test binaries");
    }

    private string Render(string name, int seed)
    {
        var structure = StructureFiles.Read(Path.Combine(Examples(), "structures", name + ".cif")).First().Structure!;
        var pattern = IndexBenchSet.Render(structure, new Random(seed));
        var text = new StringBuilder("# measured-like test pattern\n# radiation: CuKa\n");
        for (var i = 0; i < pattern.Count; i++) text.Append(FormattableString.Invariant($"{pattern.X[i]:0.###} {pattern.Intensity[i]}\n"));
        var path = Path.Combine(_dir, name + ".xy");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Label(string name) =>
        File.ReadLines(Path.Combine(Examples(), "patterns", "labels.tsv")).Select(l => l.Split('\t')).Single(f => f[0] == name)[2];

    [Theory]
    // name, seed, the conventional cell of the structure file in the standard setting (hR on hexagonal axes)
    [InlineData("corundum", 1, 4.7589, 4.7589, 12.991, 90, 90, 120)]
    [InlineData("rutile", 2, 4.5937, 4.5937, 2.9587, 90, 90, 90)]
    public void Indexes_a_measured_like_pattern_to_the_known_lattice_and_cell(string name, int seed, double a, double b, double c, double alpha, double beta, double gamma)
    {
        var path = Render(name, seed);
        var result = IndexCommand.IndexFile(path, null, IndexingOptions.Default with { Seconds = 20 }, 0, top: 2, CancellationToken.None);
        using var json = JsonDocument.Parse(IndexCommand.Json([result], 2));
        var file = json.RootElement.EnumerateArray().Single();
        Assert.Equal(["file", "peaksUsed", "candidates"], file.EnumerateObject().Select(p => p.Name));
        var best = file.GetProperty("candidates")[0];
        Assert.Equal(["crystalSystem", "bravaisLattice", "a", "b", "c", "alpha", "beta", "gamma", "volume", "m20", "fn", "zeroShift", "indexedLines", "extinctionSymbols"],
            best.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Label(name), best.GetProperty("bravaisLattice").GetString());
        double V(string key) => best.GetProperty(key).GetDouble();
        // the cell to 0.3 % and 0.2° (positions from a noisy pattern with zero shift and displacement)
        Assert.Equal(a, V("a"), a * 0.003);
        Assert.Equal(b, V("b"), b * 0.003);
        Assert.Equal(c, V("c"), c * 0.003);
        Assert.Equal(alpha, V("alpha"), 0.2);
        Assert.Equal(beta, V("beta"), 0.2);
        Assert.Equal(gamma, V("gamma"), 0.2);
        var volume = a * b * c * Math.Sqrt(1 - Math.Pow(Math.Cos(alpha * Math.PI / 180), 2) - Math.Pow(Math.Cos(beta * Math.PI / 180), 2)
            - Math.Pow(Math.Cos(gamma * Math.PI / 180), 2) + 2 * Math.Cos(alpha * Math.PI / 180) * Math.Cos(beta * Math.PI / 180) * Math.Cos(gamma * Math.PI / 180));
        Assert.Equal(volume, V("volume"), volume * 0.01);
        // extinction symbols: probabilities that sum to 1, each with its space groups; the true group admitted by one of them
        var symbols = best.GetProperty("extinctionSymbols").EnumerateArray().ToList();
        Assert.NotEmpty(symbols);
        foreach (var s in symbols) Assert.Equal(["symbol", "probability", "spaceGroups"], s.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, symbols.Sum(s => s.GetProperty("probability").GetDouble()), 2);
        var group = int.Parse(File.ReadLines(Path.Combine(Examples(), "patterns", "labels.tsv")).Select(l => l.Split('\t')).Single(f => f[0] == name)[1], CultureInfo.InvariantCulture);
        Assert.Contains(symbols, s => s.GetProperty("spaceGroups").EnumerateArray().Any(g => g.GetInt32() == group));
    }

    [Fact]
    public void A_pattern_with_too_few_lines_gets_no_candidate_and_a_reason()
    {
        // tungsten (cI) has five reflections below 90° 2θ with Cu Kα
        var path = Render("tungsten", 3);
        var result = IndexCommand.IndexFile(path, null, IndexingOptions.Default with { Seconds = 5 }, 0, top: 3, CancellationToken.None);
        using var json = JsonDocument.Parse(IndexCommand.Json([result], 3));
        var file = json.RootElement.EnumerateArray().Single();
        Assert.Equal(["file", "peaksUsed", "candidates", "reason"], file.EnumerateObject().Select(p => p.Name));
        Assert.Empty(file.GetProperty("candidates").EnumerateArray());
        Assert.Contains("lines", file.GetProperty("reason").GetString());
    }
}
