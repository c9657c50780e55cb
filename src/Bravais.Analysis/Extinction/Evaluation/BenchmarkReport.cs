using System.Globalization;
using System.Text;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Extinction.Evaluation;

/// <summary>One row of the benchmark summary: how often the true space group is admitted by the top symbol (top 1) and by
/// one of the first three (top 3), per condition, and by the prior alone.</summary>
public sealed record BenchmarkRow(string Name, int Count, double Top1ExactFrequency, double Top1ExactUniform, double Top1PerturbedFrequency, double Top1PerturbedUniform,
    double Top3PerturbedFrequency, double Top3PerturbedUniform, double Top1Prior, double MedianMilliseconds);

/// <summary>Summaries of <see cref="ExtinctionBenchmark"/> results per crystal system, per lattice and overall.</summary>
public static class BenchmarkReport
{
    /// <summary>Rows per crystal system (hP counted as hexagonal, hR as trigonal), then overall: the plain mean over the
    /// sampled crystals (equal numbers per lattice) and the mean weighted by how common each lattice is among the
    /// Materials Project crystals (<paramref name="latticeShare"/>).</summary>
    public static List<BenchmarkRow> BySystem(IReadOnlyList<BenchmarkCase> cases, IReadOnlyDictionary<BravaisLattice, double> latticeShare)
    {
        var scored = cases.Where(c => c.Skipped is null).ToList();
        var rows = scored.GroupBy(c => c.Crystal.Lattice.FamilySystem()).OrderBy(g => g.Key).Select(g => Row(g.Key.Name(), [.. g])).ToList();
        rows.Add(Row("all (equal per lattice)", scored));
        var byLattice = scored.GroupBy(c => c.Crystal.Lattice).ToDictionary(g => g.Key, g => Row(g.Key.ToString(), [.. g]));
        var total = byLattice.Keys.Sum(l => latticeShare.GetValueOrDefault(l));
        double Weighted(Func<BenchmarkRow, double> f) => total > 0 ? byLattice.Sum(kv => latticeShare.GetValueOrDefault(kv.Key) * f(kv.Value)) / total : double.NaN;
        rows.Add(new BenchmarkRow("all (MP lattice mix)", scored.Count, Weighted(r => r.Top1ExactFrequency), Weighted(r => r.Top1ExactUniform), Weighted(r => r.Top1PerturbedFrequency),
            Weighted(r => r.Top1PerturbedUniform), Weighted(r => r.Top3PerturbedFrequency), Weighted(r => r.Top3PerturbedUniform), Weighted(r => r.Top1Prior), Median(scored)));
        return rows;
    }

    public static List<BenchmarkRow> ByLattice(IReadOnlyList<BenchmarkCase> cases) =>
        [.. cases.Where(c => c.Skipped is null).GroupBy(c => c.Crystal.Lattice).OrderBy(g => g.Key).Select(g => Row(g.Key.ToString(), [.. g]))];

    public static BenchmarkRow Row(string name, List<BenchmarkCase> c)
    {
        double Share(Func<BenchmarkCase, bool> f) => c.Count == 0 ? double.NaN : 100.0 * c.Count(f) / c.Count;
        return new BenchmarkRow(name, c.Count, Share(x => x.RankExactFrequency == 0), Share(x => x.RankExactUniform == 0), Share(x => x.RankPerturbedFrequency == 0),
            Share(x => x.RankPerturbedUniform == 0), Share(x => x.RankPerturbedFrequency < 3), Share(x => x.RankPerturbedUniform < 3), Share(x => x.RankPrior == 0), Median(c));
    }

    private static double Median(List<BenchmarkCase> c)
    {
        var t = c.Select(x => x.Milliseconds).Order().ToList();
        return t.Count == 0 ? double.NaN : t.Count % 2 == 1 ? t[t.Count / 2] : 0.5 * (t[t.Count / 2 - 1] + t[t.Count / 2]);
    }

    public static string Table(IEnumerable<BenchmarkRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("                            top-1 % (true group admitted by the top symbol)        top-3 %          prior   median");
        sb.AppendLine("                       n    exact/freq exact/unif perturbed/freq perturbed/unif   pert/freq pert/unif  only    ms");
        foreach (var r in rows)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name,-24}{r.Count,4}  {r.Top1ExactFrequency,9:0.0} {r.Top1ExactUniform,10:0.0} {r.Top1PerturbedFrequency,14:0.0} {r.Top1PerturbedUniform,14:0.0}   {r.Top3PerturbedFrequency,9:0.0} {r.Top3PerturbedUniform,9:0.0} {r.Top1Prior,6:0.0} {r.MedianMilliseconds,6:0}"));
        return sb.ToString();
    }

    public static void WriteCases(string path, IEnumerable<BenchmarkCase> cases)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("id\tspacegroup\tlattice\tsites\tskipped\trank_exact_freq\trank_exact_unif\trank_pert_freq\trank_pert_unif\trank_prior\tbest_symbol\tbest_probability\ttrue_probability\tms\tblocks\treduced_chi2\tcpu_ms");
        foreach (var c in cases)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Crystal.Id}\t{c.Crystal.SpaceGroup}\t{c.Crystal.Lattice}\t{c.Crystal.Sites}\t{c.Skipped ?? ""}\t{c.RankExactFrequency}\t{c.RankExactUniform}\t{c.RankPerturbedFrequency}\t{c.RankPerturbedUniform}\t{c.RankPrior}\t{c.BestSymbol}\t{c.BestProbability:0.###}\t{c.TrueProbability:0.###}\t{c.Milliseconds:0}\t{c.Blocks}\t{c.ReducedChiSquared:0.##}\t{c.CpuMilliseconds:0}"));
    }
}
