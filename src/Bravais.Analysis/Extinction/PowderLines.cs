namespace Bravais.Analysis.Extinction;

/// <summary>
/// Powder lines of a family: the reflections whose d-spacings coincide for every metric of its lattice (equal values
/// of hᵀG*h for a generic metric G*), e.g. 300 with 221 in a cubic cell, or hkl with khl in a tetragonal one. Only one
/// of each Friedel pair (h, −h) is listed.
/// </summary>
internal static class PowderLines
{
    /// <summary>Every line whose members all have indices within ±12 (ascending 1/d²), each as its member indices.</summary>
    public static IReadOnlyList<int[][]> Probe(FamilyGeometry geometry)
    {
        const int box = 13;
        var qMax = double.MaxValue;
        var points = new List<(double Q, int[] Hkl)>();
        for (var h = -box; h <= box; h++)
        for (var k = -box; k <= box; k++)
        for (var l = -box; l <= box; l++)
        {
            var q = geometry.Quadratic(h, k, l);
            if (Math.Max(Math.Abs(h), Math.Max(Math.Abs(k), Math.Abs(l))) == box) { qMax = Math.Min(qMax, q); continue; }
            if (IsFriedelRepresentative(h, k, l)) points.Add((q, [h, k, l]));
        }
        points.RemoveAll(p => p.Q >= qMax * (1 - 1e-9));
        points.Sort((x, y) => x.Q.CompareTo(y.Q));
        return Group(points);
    }

    /// <summary>Whether (h, k, l) is the member of its Friedel pair kept: the first non-zero index is positive.</summary>
    public static bool IsFriedelRepresentative(int h, int k, int l) => h > 0 || (h == 0 && (k > 0 || (k == 0 && l > 0)));

    /// <summary>Groups reflections sorted by q into runs of equal q (relative 1e-9).</summary>
    public static List<int[][]> Group(List<(double Q, int[] Hkl)> sorted)
    {
        var lines = new List<int[][]>();
        var start = 0;
        for (var i = 1; i <= sorted.Count; i++)
        {
            if (i < sorted.Count && sorted[i].Q - sorted[start].Q <= 1e-9 * sorted[start].Q) continue;
            lines.Add([.. sorted.Skip(start).Take(i - start).Select(p => p.Hkl)]);
            start = i;
        }
        return lines;
    }
}
