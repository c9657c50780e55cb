using Bravais.Learning.Calibration;
using Bravais.Learning.Models.Common;

namespace Bravais.Analysis.Fusion;

/// <summary>One development pattern: what the sources said and the true space group.</summary>
public sealed record FusionExample(string Id, FusionEvidence Evidence, int SpaceGroup);

/// <summary>
/// Fits a <see cref="FusionModel"/> on development patterns. (1) The indexing-outcome table P(outcome | lattice) is
/// counted on all examples; to keep the weights honest, the features of each example are computed with a table counted
/// on the other half of the examples only (two-fold cross-fitting: an outcome table that has seen the example would
/// make the indexing look more reliable than it is). (2) For every profile of sources that the examples allow (all
/// subsets of their sources), the weights minimise the mean negative log-likelihood of the true space group plus
/// <c>l2</c>·|w|² (L-BFGS), starting from "trust every source at face value". Deterministic.
/// </summary>
public static class FusionTrainer
{
    public static FusionModel Fit(IReadOnlyList<FusionExample> examples, double[] logPrior, string dataDescription, double l2 = 1e-3,
        IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        if (examples.Count < 20) throw new AnalysisException($"the fusion needs at least 20 development patterns (got {examples.Count})");
        var outcomes = CountOutcomes(examples);
        var halves = new[] { CountOutcomes(examples.Where((_, i) => i % 2 == 1)), CountOutcomes(examples.Where((_, i) => i % 2 == 0)) };
        var profiles = examples.Select(e => e.Evidence.Profile).Distinct().SelectMany(p => p.Subsets()).Distinct().OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var weights = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var nll = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            cancellation.ThrowIfCancellationRequested();
            var rows = examples.Select((e, i) => (e, i)).Where(t => Covers(t.e.Evidence.Profile, profile)).ToList();
            if (rows.Count < 20) continue;
            var k = FusionFeatures.Count;
            var x = new double[rows.Count][];
            var y = new int[rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                x[r] = new double[FusionEvidence.SpaceGroupCount * k];
                FusionFeatures.Compute(rows[r].e.Evidence.Restrict(profile), halves[rows[r].i % 2], logPrior, x[r]);
                y[r] = rows[r].e.SpaceGroup - 1;
            }
            var w = new double[k];
            for (var j = 0; j < k; j++) w[j] = 1;
            w[6] = 0; w[9] = 0;
            var result = Lbfgs.Minimise((wv, grad) => Objective(x, y, wv, grad, l2), w, 300, 1e-6, cancellation: cancellation);
            weights[profile.Key] = w;
            nll[profile.Key] = result.Value;
            progress?.Report($"fusion {profile.Key}: {rows.Count} patterns, NLL {result.Value:0.###} ({result.Iterations} iterations)");
        }
        return new FusionModel(weights, outcomes, logPrior, new FusionTrainingSummary(dataDescription, examples.Count, nll, FusionFeatures.Names, l2));
    }

    private static bool Covers(FusionProfile have, FusionProfile want) =>
        (!want.Neural || have.Neural) && (!want.Indexing || have.Indexing) && (!want.SearchMatch || have.SearchMatch);

    private static IndexingOutcomes CountOutcomes(IEnumerable<FusionExample> examples) => IndexingOutcomes.Count(
        examples.Where(e => e.Evidence.IndexingTried).Select(e => (e.Evidence.IndexedLattice, e.Evidence.IndexedM20, SpaceGroupLabels.Lattice(e.SpaceGroup - 1))));

    /// <summary>Mean NLL of the true groups plus l2·|w|², and its gradient.</summary>
    private static double Objective(double[][] x, int[] y, ReadOnlySpan<double> w, Span<double> gradient, double l2)
    {
        var k = FusionFeatures.Count;
        gradient.Clear();
        var total = 0.0;
        Span<double> scores = stackalloc double[FusionEvidence.SpaceGroupCount];
        Span<double> p = stackalloc double[FusionEvidence.SpaceGroupCount];
        for (var n = 0; n < x.Length; n++)
        {
            FusionModel.Scores(x[n], w, scores);
            TemperatureScaling.Softmax(scores, 1, p);
            total -= Math.Log(Math.Max(p[y[n]], 1e-300));
            for (var g = 0; g < p.Length; g++)
            {
                var coefficient = p[g] - (g == y[n] ? 1 : 0);
                if (coefficient == 0) continue;
                var row = x[n].AsSpan(g * k, k);
                for (var j = 0; j < k; j++) gradient[j] += coefficient * row[j];
            }
        }
        var inverse = 1.0 / x.Length;
        for (var j = 0; j < k; j++) gradient[j] = gradient[j] * inverse + 2 * l2 * w[j];
        var penalty = 0.0;
        foreach (var v in w) penalty += v * v;
        return total * inverse + l2 * penalty;
    }
}
