namespace Bravais.Analysis.Indexing;

/// <summary>A reflection and its Q = 1/d² (Å⁻²).</summary>
public readonly record struct Reflection(int H, int K, int L, double Q);

/// <summary>
/// All reflections of a lattice up to a Q, one of each Friedel pair (first non-zero index positive), sorted by Q,
/// with the count of distinct Q values (the calculated lines of the figures of merit).
/// </summary>
public static class HklEnumerator
{
    /// <summary>Reflections with 0 &lt; Q ≤ <paramref name="qMax"/> of the reciprocal metric, in increasing Q. Empty when the bound is absurd (more than a million).</summary>
    public static Reflection[] Enumerate(Metric reciprocal, double qMax)
    {
        var direct = reciprocal.Inverse();
        // |h| = |a · d*| ≤ |a| |d*|
        var hMax = (int)Math.Floor(Math.Sqrt(qMax * direct.G00) + 1e-9);
        var kMax = (int)Math.Floor(Math.Sqrt(qMax * direct.G11) + 1e-9);
        var lMax = (int)Math.Floor(Math.Sqrt(qMax * direct.G22) + 1e-9);
        if ((double)(2 * hMax + 1) * (2 * kMax + 1) * (2 * lMax + 1) > 2e6) return [];
        var list = new List<Reflection>();
        for (var h = 0; h <= hMax; h++)
            for (var k = h == 0 ? 0 : -kMax; k <= kMax; k++)
                for (var l = h == 0 && k == 0 ? 1 : -lMax; l <= lMax; l++)
                {
                    var q = reciprocal.Quadratic(h, k, l);
                    if (q <= qMax && q > 0) list.Add(new Reflection(h, k, l, q));
                }
        list.Sort((a, b) => a.Q.CompareTo(b.Q));
        return [.. list];
    }

    /// <summary>Number of distinct Q values (relative spacing above 1e-6) up to <paramref name="qMax"/> in sorted reflections.</summary>
    public static int DistinctCount(ReadOnlySpan<Reflection> sorted, double qMax)
    {
        var count = 0;
        var last = double.NegativeInfinity;
        foreach (var r in sorted)
        {
            if (r.Q > qMax) break;
            if (r.Q - last > 1e-6 * r.Q) { count++; last = r.Q; }
        }
        return count;
    }

    /// <summary>Index of the reflection whose Q is nearest to <paramref name="q"/> in sorted reflections (−1 when empty).</summary>
    public static int Nearest(ReadOnlySpan<Reflection> sorted, double q)
    {
        if (sorted.IsEmpty) return -1;
        int lo = 0, hi = sorted.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].Q < q) lo = mid + 1; else hi = mid;
        }
        if (lo > 0 && Math.Abs(sorted[lo - 1].Q - q) <= Math.Abs(sorted[lo].Q - q)) lo--;
        return lo;
    }
}
