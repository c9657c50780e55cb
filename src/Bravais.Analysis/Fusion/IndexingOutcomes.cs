using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Fusion;

/// <summary>
/// How the indexing's answer depends on the true lattice: P(outcome | true Bravais lattice), where the outcome is "no
/// solution" or the best candidate's lattice in one of three M20 bands (below <see cref="LowM20"/>, up to
/// <see cref="HighM20"/>, above). Counted on development patterns and smoothed towards the pooled outcome frequencies
/// (Dirichlet, strength <see cref="Smoothing"/>), so that an indexer that often reports a pseudo-symmetric cubic cell for
/// a tetragonal crystal, or fails on triclinic ones, is believed exactly as much as it deserves.
/// </summary>
public sealed record IndexingOutcomes(double LowM20, double HighM20, double Smoothing, double[][] Probabilities)
{
    public static int OutcomeCount => 1 + 3 * BravaisLattices.All.Count;

    /// <summary>The outcome code of an indexing: 0 for no solution, else 1 + band·14 + lattice.</summary>
    public int Outcome(BravaisLattice? lattice, double m20) => lattice is not { } l ? 0
        : 1 + (m20 < LowM20 ? 0 : m20 < HighM20 ? 1 : 2) * BravaisLattices.All.Count + (int)l;

    /// <summary>ln P(outcome | true lattice).</summary>
    public double LogLikelihood(int outcome, BravaisLattice trueLattice) => Math.Log(Probabilities[(int)trueLattice][outcome]);

    /// <summary>Counts outcomes per true lattice and smooths them.</summary>
    public static IndexingOutcomes Count(IEnumerable<(BravaisLattice? Found, double M20, BravaisLattice True)> observations,
        double lowM20 = 10, double highM20 = 25, double smoothing = 5)
    {
        var table = new IndexingOutcomes(lowM20, highM20, smoothing, []);
        var lattices = BravaisLattices.All.Count;
        var counts = new double[lattices, OutcomeCount];
        var pooled = new double[OutcomeCount];
        var total = 0.0;
        foreach (var (found, m20, truth) in observations)
        {
            var o = table.Outcome(found, m20);
            counts[(int)truth, o]++;
            pooled[o]++;
            total++;
        }
        // pooled frequencies with half a count everywhere, so no outcome is impossible
        for (var o = 0; o < OutcomeCount; o++) pooled[o] = (pooled[o] + 0.5) / (total + 0.5 * OutcomeCount);
        var probabilities = new double[lattices][];
        for (var l = 0; l < lattices; l++)
        {
            var n = 0.0;
            for (var o = 0; o < OutcomeCount; o++) n += counts[l, o];
            probabilities[l] = new double[OutcomeCount];
            for (var o = 0; o < OutcomeCount; o++) probabilities[l][o] = (counts[l, o] + smoothing * pooled[o]) / (n + smoothing);
        }
        return table with { Probabilities = probabilities };
    }
}
