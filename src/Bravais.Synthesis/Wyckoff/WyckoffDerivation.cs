using System.Collections.Immutable;
using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Synthesis.Wyckoff;

/// <summary>
/// Derives the Wyckoff positions of a space group from its operations alone (no tabulated data):
/// <list type="number">
/// <item>fixed-point sets of every operation, (R − I)x ≡ −t (mod 1), solved exactly with the Smith normal form;</item>
/// <item>closure under intersection — every intersection is the fixed-point set of a site-symmetry group;</item>
/// <item>grouping of these subspaces into orbits under the group (one orbit = one Wyckoff position);</item>
/// <item>site-symmetry group = operations fixing the orbit representative pointwise; multiplicity = order / site order.</item>
/// </list>
/// Pure function of the operation list; works for any setting.
/// </summary>
public static class WyckoffDerivation
{
    public static ImmutableArray<WyckoffPosition> Derive(IReadOnlyList<SymmetryOperation> operations)
    {
        var ops = operations.Select(o => o.Normalised()).Distinct().ToArray();
        if (ops.Length == 0 || !ops.Any(o => o.IsIdentityRotation && o.Normalised() == SymmetryOperation.Identity))
            throw new CrystallographyException("operation list must contain the identity");

        // fixed-point sets of single operations (pure translations fix nothing)
        var fixedSets = new Dictionary<string, AffineSubspace>(StringComparer.Ordinal);
        foreach (var op in ops)
        {
            if (op.IsIdentityRotation) continue;
            foreach (var s in AffineSubspace.FixedBy(op)) fixedSets.TryAdd(s.Key, s);
        }
        var generators = fixedSets.Values.ToArray();

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var representatives = new List<(AffineSubspace Subspace, Representation Shape)>();
        var queue = new Queue<AffineSubspace>();
        void Consider(AffineSubspace s)
        {
            if (seen.Contains(s.Key)) return;
            Representation? best = null;
            AffineSubspace? bestSubspace = null;
            foreach (var op in ops)
            {
                var image = s.Transform(op);
                if (!seen.Add(image.Key)) continue;
                var shape = Representation.Of(image);
                if (best is null || shape.CompareTo(best) < 0) { best = shape; bestSubspace = image; }
            }
            representatives.Add((bestSubspace!, best!));
            queue.Enqueue(bestSubspace!);
        }

        foreach (var f in generators) Consider(f);
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            foreach (var f in generators)
                foreach (var t in s.Intersect(f))
                    if (t.Dimension < s.Dimension) Consider(t);
        }
        representatives.Add((AffineSubspace.Everything, Representation.Of(AffineSubspace.Everything)));

        var positions = new List<(int Multiplicity, Representation Shape, AffineSubspace Subspace, SymmetryOperation[] Site)>();
        foreach (var (subspace, shape) in representatives)
        {
            var site = ops.Where(subspace.IsFixedPointwiseBy).ToArray();
            if (ops.Length % site.Length != 0)
                throw new CrystallographyException($"site-symmetry order {site.Length} does not divide the group order {ops.Length}");
            positions.Add((ops.Length / site.Length, shape, subspace, site));
        }
        positions.Sort((a, b) => a.Multiplicity != b.Multiplicity ? a.Multiplicity.CompareTo(b.Multiplicity) : a.Shape.CompareTo(b.Shape));

        var result = ImmutableArray.CreateBuilder<WyckoffPosition>(positions.Count);
        for (var i = 0; i < positions.Count; i++)
        {
            var (multiplicity, shape, subspace, site) = positions[i];
            result.Add(new WyckoffPosition(LetterFor(i), multiplicity, site.Length,
                [.. shape.Origin], [.. shape.Directions.Select(d => d.ToImmutableArray())], [.. shape.FreeAxes],
                [.. site], subspace));
        }
        return result.MoveToImmutable();
    }

    /// <summary>a, b, …, z, then α as International Tables does for the 27th position of Pmmm.</summary>
    private static string LetterFor(int index) => index < 26 ? ((char)('a' + index)).ToString() : index == 26 ? "α" : $"α{index - 26}";

    /// <summary>
    /// A subspace written with free coordinates: origin (free coordinates zero, wrapped into [0,1)) plus
    /// directions in reduced echelon form (1 at their own free coordinate, 0 at the others). Orders
    /// representatives so the simplest-looking member of an orbit is chosen.
    /// </summary>
    private sealed record Representation(Fraction[] Origin, Fraction[][] Directions, int[] FreeAxes) : IComparable<Representation>
    {
        public static Representation Of(AffineSubspace s)
        {
            var (point, directions) = s.Parametrise();
            var rows = directions.Select(d => d.Select(v => new Fraction(v)).ToArray()).ToArray();
            var free = new List<int>();
            var r = 0;
            for (var col = 0; col < 3 && r < rows.Length; col++)
            {
                var pivot = -1;
                for (var i = r; i < rows.Length; i++) if (!rows[i][col].IsZero) { pivot = i; break; }
                if (pivot < 0) continue;
                (rows[r], rows[pivot]) = (rows[pivot], rows[r]);
                var inv = Fraction.One / rows[r][col];
                for (var j = 0; j < 3; j++) rows[r][j] *= inv;
                for (var i = 0; i < rows.Length; i++)
                {
                    if (i == r || rows[i][col].IsZero) continue;
                    var f = rows[i][col];
                    for (var j = 0; j < 3; j++) rows[i][j] -= f * rows[r][j];
                }
                free.Add(col);
                r++;
            }
            var origin = (Fraction[])point.Clone();
            for (var j = 0; j < free.Count; j++)
            {
                var v = origin[free[j]];
                for (var i = 0; i < 3; i++) origin[i] -= v * rows[j][i];
            }
            for (var i = 0; i < 3; i++) origin[i] = origin[i].Mod1();
            return new Representation(origin, rows, [.. free]);
        }

        public int CompareTo(Representation? other)
        {
            if (other is null) return 1;
            int c;
            if ((c = FreeAxes.Length.CompareTo(other.FreeAxes.Length)) != 0) return c;
            if ((c = Sum(Origin).CompareTo(Sum(other.Origin))) != 0) return c;
            for (var i = 0; i < 3; i++) if ((c = Origin[i].CompareTo(other.Origin[i])) != 0) return c;
            for (var j = 0; j < FreeAxes.Length; j++) if ((c = FreeAxes[j].CompareTo(other.FreeAxes[j])) != 0) return c;
            if ((c = Complexity(Directions).CompareTo(Complexity(other.Directions))) != 0) return c;
            for (var j = 0; j < Directions.Length; j++)
                for (var i = 0; i < 3; i++)
                    if ((c = other.Directions[j][i].CompareTo(Directions[j][i])) != 0) return c; // positive coefficients first
            return 0;
        }

        private static Fraction Sum(Fraction[] v) => v[0] + v[1] + v[2];

        private static int Complexity(Fraction[][] rows) => rows.Sum(r => r.Count(v => !v.IsZero));
    }
}
