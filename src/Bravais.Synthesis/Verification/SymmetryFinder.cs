using System.Collections.Immutable;
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
/// rotations are the metric-preserving integer matrices of <see cref="LatticeRotations"/>; translations are
/// tried from the atom that has the fewest atoms of its species to each of those atoms. Extra pure
/// translations (a smaller primitive cell) count as extra operations. Used to measure accidental higher
/// symmetry: a structure has exactly its intended group when the number of operations per conventional
/// cell equals the group's order. Metric symmetries not expressible with entries −1…1 in the given basis
/// are not seen (the lattice sampler keeps away from such metrics).
/// </summary>
public static class SymmetryFinder
{
    /// <summary>All operations (rotation, translation mod 1) mapping the indexed structure onto itself.</summary>
    /// <param name="rotations">Rotations to try (row-major); default: every metric-preserving one (<see cref="LatticeRotations.Of"/>).</param>
    public static List<FoundOperation> FindOperations(AtomIndex atoms, IReadOnlyList<int[]>? rotations = null)
    {
        var result = new List<FoundOperation>();
        if (atoms.Count == 0) return result;
        rotations ??= LatticeRotations.Of(atoms.Lattice, atoms.ToleranceAngstrom);

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

    /// <summary>
    /// Whether the indexed structure has a symmetry operation beyond <paramref name="group"/>'s, with rotations from
    /// <paramref name="rotations"/>. The group's own operations are assumed to hold (the self-check established
    /// them) and are not re-tested; the search stops at the first extra operation. Equivalent to
    /// <c>CountOperations(atoms, rotations) &gt; group.Order</c> for a structure that has the group's symmetry, and much cheaper.
    /// </summary>
    public static bool HasOperationBeyond(AtomIndex atoms, IReadOnlyList<int[]> rotations, SpaceGroup group)
    {
        if (atoms.Count == 0) return false;
        var positions = atoms.Positions;
        var species = atoms.Species;
        // reference species: the one with the fewest atoms (fewest translation candidates)
        var reference = species[0];
        var fewest = int.MaxValue;
        for (var i = 0; i < species.Length; i++)
        {
            if (species.IndexOf(species[i]) != i) continue; // count each species once, at its first atom
            var n = 0;
            foreach (var s in species) if (s == species[i]) n++;
            if (n < fewest) { fewest = n; reference = species[i]; }
        }
        var referenceAtom = species.IndexOf(reference);
        var p0 = positions[referenceAtom];
        var operations = group.Operations;
        foreach (var w in rotations)
        {
            var rotated = new Vec3(w[0] * p0.X + w[1] * p0.Y + w[2] * p0.Z, w[3] * p0.X + w[4] * p0.Y + w[5] * p0.Z, w[6] * p0.X + w[7] * p0.Y + w[8] * p0.Z);
            for (var target = 0; target < positions.Length; target++)
            {
                if (species[target] != reference) continue;
                var t = (positions[target] - rotated).Wrapped();
                if (IsGroupOperation(operations, w, t)) continue;
                var op = new FoundOperation(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], t);
                var ok = true;
                for (var i = 0; i < positions.Length && ok; i++)
                    ok = atoms.Find(op.Apply(positions[i]), species[i]) >= 0;
                if (ok) return true;
            }
        }
        return false;
    }

    private static bool IsGroupOperation(ImmutableArray<SymmetryOperation> operations, int[] w, Vec3 t)
    {
        for (var k = 0; k < operations.Length; k++)
        {
            var o = operations[k];
            if (o.R00 != w[0] || o.R01 != w[1] || o.R02 != w[2] || o.R10 != w[3] || o.R11 != w[4] || o.R12 != w[5] || o.R20 != w[6] || o.R21 != w[7] || o.R22 != w[8]) continue;
            var d = (t - o.TranslationVector).NearestImage();
            if (Math.Abs(d.X) < 1e-6 && Math.Abs(d.Y) < 1e-6 && Math.Abs(d.Z) < 1e-6) return true;
        }
        return false;
    }

    /// <summary>The number of operations per cell of the indexed structure (see <see cref="FindOperations"/>).</summary>
    public static int CountOperations(AtomIndex atoms, IReadOnlyList<int[]>? rotations = null) => FindOperations(atoms, rotations).Count;
}
