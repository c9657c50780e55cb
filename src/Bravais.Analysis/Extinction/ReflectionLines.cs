using Bravais.Crystallography.Geometry;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// The powder lines of a cell down to a d-spacing: every set of reflections that coincide for every metric of the
/// family's lattice (<see cref="PowderLines"/>), with the number of members each extinction group of the family lets
/// through (Friedel mates counted: a line of n index triples has multiplicity 2n). Lines every group forbids (the
/// centring) are left out. 1/d² = Σ_j t_j q_j(h) with t the cell's reciprocal metric in the family's invariant basis
/// (<see cref="MetricBasis"/>), so the same lines serve any refined cell of the family.
/// </summary>
internal sealed class ReflectionLines
{
    public int Count { get; }
    /// <summary>Members (one of each Friedel pair) per line.</summary>
    public int[][][] Members { get; }
    /// <summary>q_j(h) per line, j over <see cref="Basis"/>.</summary>
    public double[][] BasisValues { get; }
    /// <summary>Members present (Friedel mates counted) per line and group: [line][group].</summary>
    public byte[][] Present { get; }
    public int[] Multiplicity { get; }
    public double[][] Basis { get; }
    public IReadOnlyList<ExtinctionGroup> Groups { get; }

    private ReflectionLines(int[][][] members, double[][] basisValues, byte[][] present, double[][] basis, IReadOnlyList<ExtinctionGroup> groups)
    {
        Count = members.Length; Members = members; BasisValues = basisValues; Present = present; Basis = basis; Groups = groups;
        Multiplicity = [.. members.Select(m => 2 * m.Length)];
    }

    /// <summary>Reciprocal-metric coefficients t of a cell in the family's invariant basis (the metric projected onto it).</summary>
    public static double[] Coefficients(double[][] basis, Lattice cell)
    {
        var g = MetricBasis.ToVector(cell.ReciprocalCrystallographic().MetricTensor);
        return [.. basis.Select(s => s.Zip(g, (x, y) => x * y).Sum())];
    }

    public double InverseDSquared(int line, ReadOnlySpan<double> t)
    {
        var q = BasisValues[line];
        double sum = 0;
        for (var j = 0; j < q.Length; j++) sum += t[j] * q[j];
        return sum;
    }

    /// <summary>All lines of <paramref name="cell"/> with d ≥ <paramref name="dMinAngstrom"/> that some group allows, by increasing 1/d².</summary>
    public static ReflectionLines Enumerate(ExtinctionFamily family, Lattice cell, double dMinAngstrom)
    {
        var geometry = ExtinctionTable.GeometryOf(family);
        var groups = ExtinctionTable.For(family);
        var basis = MetricBasis.Invariant(geometry.Holohedry);
        var t = Coefficients(basis, cell);
        var qMax = 1.0 / (dMinAngstrom * dMinAngstrom);
        int hMax = (int)Math.Ceiling(cell.A / dMinAngstrom), kMax = (int)Math.Ceiling(cell.B / dMinAngstrom), lMax = (int)Math.Ceiling(cell.C / dMinAngstrom);
        var found = new List<(double Q, int[] Hkl)>();
        for (var h = 0; h <= hMax; h++)
        for (var k = -kMax; k <= kMax; k++)
        for (var l = -lMax; l <= lMax; l++)
        {
            if (!PowderLines.IsFriedelRepresentative(h, k, l)) continue;
            double q = 0;
            for (var j = 0; j < basis.Length; j++) q += t[j] * MetricBasis.Quadratic<double>(basis[j], h, k, l);
            if (q > qMax) continue;
            found.Add((geometry.Quadratic(h, k, l), [h, k, l]));
        }
        found.Sort((x, y) => x.Q.CompareTo(y.Q));
        var members = new List<int[][]>();
        var present = new List<byte[]>();
        foreach (var line in PowderLines.Group(found))
        {
            var counts = new byte[groups.Count];
            var any = false;
            for (var g = 0; g < groups.Count; g++)
            {
                var n = 0;
                foreach (var h in line) if (!groups[g].IsAbsent(h[0], h[1], h[2])) n += 2;
                counts[g] = (byte)Math.Min(n, 255);
                any |= n > 0;
            }
            if (!any) continue;
            members.Add(line);
            present.Add(counts);
        }
        var values = members.Select(m => basis.Select(s => MetricBasis.Quadratic<double>(s, m[0][0], m[0][1], m[0][2])).ToArray()).ToArray();
        var result = new ReflectionLines([.. members], values, [.. present], basis, groups);
        // lines come sorted by the generic metric; order them by the cell's own 1/d²
        return result.SortedBy(t);
    }

    private ReflectionLines SortedBy(double[] t)
    {
        var order = Enumerable.Range(0, Count).OrderBy(i => InverseDSquared(i, t)).ToArray();
        return new ReflectionLines([.. order.Select(i => Members[i])], [.. order.Select(i => BasisValues[i])], [.. order.Select(i => Present[i])], Basis, Groups);
    }
}
