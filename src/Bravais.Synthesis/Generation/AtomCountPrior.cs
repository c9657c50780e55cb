using Bravais.Crystallography.Numerics;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Synthesis.Generation;

/// <summary>
/// How many atoms a crystal's primitive cell should hold, by Bravais lattice: a log-normal fitted to the
/// 10th, 50th and 90th percentiles of the site counts of the ~153k Materials Project structures in
/// ../shared/data/mp/labels.tsv (nsites of MP's cells, which are primitive for centred lattices), read at
/// development time. Real low-symmetry crystals are large (aP median 32 atoms) and real cubic ones small
/// (cP median 5), so matching this makes synthetic patterns as busy as real ones.
/// </summary>
public static class AtomCountPrior
{
    // lattice → (p10, median, p90) of atoms per primitive cell in MP
    private static readonly Dictionary<BravaisLattice, (double P10, double Median, double P90)> Quantiles = new()
    {
        [BravaisLattice.aP] = (14, 32, 111), [BravaisLattice.mP] = (16, 36, 80), [BravaisLattice.mS] = (10, 22, 62),
        [BravaisLattice.oP] = (12, 32, 80), [BravaisLattice.oS] = (8, 16, 42), [BravaisLattice.oI] = (4, 11, 28),
        [BravaisLattice.oF] = (10, 20, 54), [BravaisLattice.tP] = (6, 16, 64), [BravaisLattice.tI] = (4, 10, 38),
        [BravaisLattice.hP] = (6, 15, 48), [BravaisLattice.hR] = (5, 16, 40), [BravaisLattice.cP] = (4, 5, 60),
        [BravaisLattice.cI] = (14, 26, 80), [BravaisLattice.cF] = (4, 9, 28),
    };

    /// <summary>A target number of atoms in the primitive cell (at least 1).</summary>
    public static int SamplePrimitiveAtoms(BravaisLattice lattice, Random random)
    {
        var (p10, median, p90) = Quantiles[lattice];
        var sigma = Math.Log(p90 / p10) / (2 * 1.2816);
        var z = random.NextNormal();
        return Math.Max(1, (int)Math.Round(median * Math.Exp(sigma * z)));
    }
}
