using Bravais.Analysis.SearchMatch;
using Xunit;

namespace Bravais.Analysis.Tests.SearchMatch;

public sealed class MeasuredTrainingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bravais-measured-training-").FullName;
    public void Dispose() { try { Directory.Delete(_folder, true); } catch (IOException) { } }

    /// <summary>A P1 cubic cell with the given atoms (fractional coordinates).</summary>
    private string Cif(string name, double a, params (string Element, double X, double Y, double Z)[] atoms)
    {
        var lines = new List<string>
        {
            $"data_{name}", "_symmetry_space_group_name_H-M 'P 1'",
            FormattableString.Invariant($"_cell_length_a {a}"), FormattableString.Invariant($"_cell_length_b {a}"), FormattableString.Invariant($"_cell_length_c {a}"),
            "_cell_angle_alpha 90", "_cell_angle_beta 90", "_cell_angle_gamma 90",
            "loop_", "_symmetry_equiv_pos_as_xyz", "'x, y, z'",
            "loop_", "_atom_site_label", "_atom_site_type_symbol", "_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z", "_atom_site_occupancy",
        };
        for (var i = 0; i < atoms.Length; i++) lines.Add(FormattableString.Invariant($"{atoms[i].Element}{i + 1} {atoms[i].Element} {atoms[i].X} {atoms[i].Y} {atoms[i].Z} 1"));
        var path = Path.Combine(_folder, name + ".cif");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void TheRecipeIsDeterministicForASeed()
    {
        var files = new[]
        {
            Cif("po", 3.35, ("Po", 0, 0, 0)),
            Cif("w", 3.16, ("W", 0, 0, 0), ("W", 0.5, 0.5, 0.5)),
            Cif("cscl", 4.12, ("Cs", 0, 0, 0), ("Cl", 0.5, 0.5, 0.5)),
            Cif("cu", 3.61, ("Cu", 0, 0, 0), ("Cu", 0.5, 0.5, 0), ("Cu", 0.5, 0, 0.5), ("Cu", 0, 0.5, 0.5)),
        };
        var labels = Path.Combine(_folder, "labels.tsv");
        File.WriteAllText(labels, "id\tspacegroup_number\tbravais_lattice\npo\t221\tcP\nw\t229\tcI\ncscl\t221\tcP\ncu\t225\tcF\n");
        var request = new MeasuredTrainingRequest(files, labels, "test", Seed: 7, ValidationQueries: 10, Threads: 1,
            Matcher: new MatcherOptions(Neighbours: 2) { Instrument = TinyLibrary.Comparison(0.05) });
        var a = MeasuredTraining.Run(request);
        var b = MeasuredTraining.Run(request);
        Assert.Equal(4, a.Library.Count);
        Assert.Equal(4, a.CalibrationQueries.Count); // at most one query per library crystal
        Assert.Equal(a.Manifest.Calibration, b.Manifest.Calibration);
        Assert.Equal(a.CalibrationQueries.Select(q => q.Logits), b.CalibrationQueries.Select(q => q.Logits));
        Assert.Equal(unchecked((int)0x9E3779B9), MeasuredTraining.QuerySeed(0, 0)); // a fixed function, the same in every process
        Assert.NotEqual(MeasuredTraining.QuerySeed(7, 0), MeasuredTraining.QuerySeed(7, 1));
        Assert.NotEqual(MeasuredTraining.QuerySeed(7, 0), MeasuredTraining.QuerySeed(8, 0));
    }

    /// <summary>Six crystals of distinct cells (no two alike): a query can only find a close match in its own entry.</summary>
    private (string[] Files, string Labels) Library()
    {
        var files = new[]
        {
            Cif("po", 3.35, ("Po", 0, 0, 0)),
            Cif("w", 3.16, ("W", 0, 0, 0), ("W", 0.5, 0.5, 0.5)),
            Cif("cscl", 4.12, ("Cs", 0, 0, 0), ("Cl", 0.5, 0.5, 0.5)),
            Cif("cu", 3.61, ("Cu", 0, 0, 0), ("Cu", 0.5, 0.5, 0), ("Cu", 0.5, 0, 0.5), ("Cu", 0, 0.5, 0.5)),
            Cif("fe", 2.87, ("Fe", 0, 0, 0), ("Fe", 0.5, 0.5, 0.5)),
            Cif("al", 4.05, ("Al", 0, 0, 0), ("Al", 0.5, 0.5, 0), ("Al", 0.5, 0, 0.5), ("Al", 0, 0.5, 0.5)),
        };
        var labels = Path.Combine(_folder, "labels.tsv");
        File.WriteAllText(labels, "id\tspacegroup_number\tbravais_lattice\npo\t221\tcP\nw\t229\tcI\ncscl\t221\tcP\ncu\t225\tcF\nfe\t229\tcI\nal\t225\tcF\n");
        return (files, labels);
    }

    [Fact]
    public void HiddenQueriesNeverMatchTheirOwnEntryAndInLibraryOnesDo()
    {
        var (files, labels) = Library();
        MeasuredModel Run(double inLibrary) => MeasuredTraining.Run(new MeasuredTrainingRequest(files, labels, "test", Seed: 3, ValidationQueries: 6, Threads: 1,
            Matcher: new MatcherOptions(Neighbours: 2, RefineCandidates: 0) { Instrument = TinyLibrary.Comparison(0.05) }, InLibraryFraction: inLibrary));
        // the same seed draws the same queries (the same measured-looking patterns) in both runs; only whether each query's
        // own entry may be found differs. Every cell here is distinct, so a query's best cosine drops clearly when its own
        // entry is hidden: the own entry was found in the first run and never in the second
        var inLibrary = Run(1).CalibrationQueries;
        var hidden = Run(0).CalibrationQueries;
        Assert.Equal(inLibrary.Select(q => q.Source), hidden.Select(q => q.Source));
        for (var i = 0; i < inLibrary.Count; i++)
            Assert.True(hidden[i].BestSimilarity < inLibrary[i].BestSimilarity - 0.01, $"{hidden[i].Source}: {inLibrary[i].BestSimilarity} with its entry, {hidden[i].BestSimilarity} without");
        Assert.True(inLibrary.Zip(hidden).Average(p => p.First.BestSimilarity - p.Second.BestSimilarity) > 0.1);
    }

    [Fact]
    public void TheTemperatureIsFittedOnTheQueriesAndLowersTheirNegativeLogLikelihood()
    {
        var (files, labels) = Library();
        var model = MeasuredTraining.Run(new MeasuredTrainingRequest(files, labels, "test", Seed: 5, ValidationQueries: 6, Threads: 1,
            Matcher: new MatcherOptions(Neighbours: 3, RefineCandidates: 0) { Instrument = TinyLibrary.Comparison(0.05) }, InLibraryFraction: 0.5));
        var queries = model.CalibrationQueries;
        var logits = queries.SelectMany(q => q.Logits).ToArray();
        var y = queries.Select(q => q.Label).ToArray();
        var c = model.Manifest.Calibration;
        // the recorded temperature is the minimiser of the queries' NLL, recomputed here from their logits …
        Assert.Equal(Bravais.Learning.Calibration.TemperatureScaling.Fit(logits, y, 14), c.Temperature, 6);
        Assert.NotEqual(1.0, c.Temperature, 2);
        // … and no other temperature does better
        var nll = Bravais.Learning.Calibration.TemperatureScaling.NegativeLogLikelihood(logits, y, 14, c.Temperature);
        foreach (var t in new[] { 0.5, 1.0, 2.0, 4.0 })
            Assert.True(nll <= Bravais.Learning.Calibration.TemperatureScaling.NegativeLogLikelihood(logits, y, 14, t) + 1e-9);
        Assert.True(c.NllAfter <= c.NllBefore);
        Assert.Equal(nll, c.NllAfter, 9);
    }
}
