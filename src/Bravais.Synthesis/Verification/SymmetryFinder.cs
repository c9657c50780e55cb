using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Synthesis.Verification;

/// <summary>A symmetry operation found in a structure: integer rotation (row-major) and a real translation.</summary>
public readonly record struct FoundOperation(int R00, int R01, int R02, int R10, int R11, int R12, int R20, int R21, int R22, Vec3 Translation)
{
    public Vec3 Apply(Vec3 p) => new(
        R00 * p.X + R01 * p.Y + R02 * p.Z + Translation.X,
        R10 * p.X + R11 * p.Y + R12 * p.Z + Translation.Y,
        R20 * p.X + R21 * p.Y + R22 * p.Z + Translation.Z);
}

/// <summary>
/// Finds every symmetry operation of a structure within a tolerance, in the basis of its own cell:
/// rotations are the integer matrices with entries −1…1 that preserve the metric (this covers the
/// holohedry of every conventional cell, including hexagonal and rhombohedral axes); translations are
/// tried from the atom that has the fewest atoms of its species to each of those atoms. Extra pure
/// translations (a smaller primitive cell) count as extra operations. Used to measure accidental higher
/// symmetry: a structure has exactly its intended group when the number of operations per conventional
/// cell equals the group's order. Metric symmetries not expressible with entries −1…1 in the given basis
/// are not seen (the lattice sampler keeps away from such metrics).
/// </summary>
public static class SymmetryFinder
{
    private static readonly Lazy<int[][]> UnimodularCandidates = new(() =>
    {
        var list = new List<int[]>();
        Span<int> m = stackalloc int[9];
        for (var code = 0; code < 19683; code++)
        {
            var c = code;
            for (var i = 0; i < 9; i++) { m[i] = c % 3 - 1; c /= 3; }
            var det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
            if (det is 1 or -1) list.Add(m.ToArray());
        }
        return [.. list];
    });

    /// <summary>
    /// The rotations (entries −1…1, row-major) that preserve a metric within the tolerance: the point
    /// symmetry of the lattice in this basis.
    /// </summary>
    public static int[][] LatticeRotations(Lattice lattice, double toleranceAngstrom)
    {
        var g = lattice.MetricTensor;
        double[] length = [Math.Sqrt(g.M00), Math.Sqrt(g.M11), Math.Sqrt(g.M22)];
        return UnimodularCandidates.Value.Where(w => PreservesMetric(w, g, length, toleranceAngstrom)).ToArray();
    }

    /// <summary>All operations (rotation, translation mod 1) mapping the indexed structure onto itself.</summary>
    /// <param name="rotations">Rotations to try (row-major); default: every metric-preserving one (<see cref="LatticeRotations"/>).</param>
    public static List<FoundOperation> FindOperations(AtomIndex atoms, IReadOnlyList<int[]>? rotations = null)
    {
        var result = new List<FoundOperation>();
        if (atoms.Count == 0) return result;
        rotations ??= LatticeRotations(atoms.Lattice, atoms.ToleranceAngstrom);

        // the species with the fewest atoms gives the fewest translation candidates
        var counts = new Dictionary<int, int>();
        foreach (var s in atoms.Species) counts[s] = counts.GetValueOrDefault(s) + 1;
        var reference = counts.MinBy(kv => kv.Value).Key;
        var referenceAtom = atoms.Species.IndexOf(reference);
        var targets = new List<int>();
        for (var i = 0; i < atoms.Count; i++) if (atoms.Species[i] == reference) targets.Add(i);

        var positions = atoms.Positions.ToArray();
        var species = atoms.Species.ToArray();
        foreach (var w in rotations)
        {
            var p0 = positions[referenceAtom];
            var rotated = new Vec3(w[0] * p0.X + w[1] * p0.Y + w[2] * p0.Z, w[3] * p0.X + w[4] * p0.Y + w[5] * p0.Z, w[6] * p0.X + w[7] * p0.Y + w[8] * p0.Z);
            foreach (var target in targets)
            {
                var t = (positions[target] - rotated).Wrapped();
                var op = new FoundOperation(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], t);
                var ok = true;
                for (var i = 0; i < positions.Length && ok; i++)
                    ok = atoms.Find(op.Apply(positions[i]), species[i]) >= 0;
                if (ok) result.Add(op);
            }
        }
        return result;
    }

    /// <summary>The number of operations per cell of the indexed structure (see <see cref="FindOperations"/>).</summary>
    public static int CountOperations(AtomIndex atoms, IReadOnlyList<int[]>? rotations = null) => FindOperations(atoms, rotations).Count;

    private static bool PreservesMetric(int[] w, Mat3 g, double[] length, double tol)
    {
        // G' = Wᵀ G W; a displacement of tol changes a_i·a_j by about tol·(|a_i| + |a_j|)
        var r = new Mat3(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8]);
        var h = r.Transpose() * g * r;
        for (var i = 0; i < 3; i++)
        for (var j = i; j < 3; j++)
        {
            var gij = i switch { 0 => j switch { 0 => g.M00, 1 => g.M01, _ => g.M02 }, 1 => j == 1 ? g.M11 : g.M12, _ => g.M22 };
            var hij = i switch { 0 => j switch { 0 => h.M00, 1 => h.M01, _ => h.M02 }, 1 => j == 1 ? h.M11 : h.M12, _ => h.M22 };
            if (Math.Abs(hij - gij) > 2 * tol * (length[i] + length[j])) return false;
        }
        return true;
    }
}
