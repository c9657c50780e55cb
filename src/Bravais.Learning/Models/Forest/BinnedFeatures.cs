using Bravais.Learning.Features;
namespace Bravais.Learning.Models.Forest;

/// <summary>
/// Training features quantised to at most MaxBins quantile bins per feature (column-major bytes).
/// Bin edges are midpoints between neighbouring distinct training values; bin(x) = the first j with
/// x ≤ edge[j] (or the number of edges), so "bin ≤ b" is exactly "x ≤ edge[b]" and a tree trained on
/// bins predicts raw floats with the edge as threshold.
/// </summary>
public sealed class BinnedFeatures
{
    public int Rows { get; }
    public int Columns { get; }

    /// <summary>Bins, column-major: Bins[f·Rows + i].</summary>
    public byte[] Bins { get; }

    /// <summary>Ascending bin edges per feature.</summary>
    public float[][] Edges { get; }

    private BinnedFeatures(int rows, int columns, byte[] bins, float[][] edges)
    {
        Rows = rows; Columns = columns; Bins = bins; Edges = edges;
    }

    public static BinnedFeatures Build(FeatureMatrix x, int maxBins, int threads)
    {
        var n = x.Rows;
        var d = x.Columns;
        var bins = new byte[(long)n * d];
        var edges = new float[d][];
        Parallel.For(0, d, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new float[n], (f, _, column) =>
        {
            for (var i = 0; i < n; i++) column[i] = x.Values[i * d + f];
            var sorted = (float[])column.Clone();
            Array.Sort(sorted);
            edges[f] = EdgesOf(sorted, maxBins);
            var fe = edges[f];
            var target = bins.AsSpan(f * n, n);
            for (var i = 0; i < n; i++) target[i] = (byte)BinOf(fe, column[i]);
            return column;
        }, _ => { });
        return new BinnedFeatures(n, d, bins, edges);
    }

    /// <summary>
    /// Edges from sorted values: all midpoints if the distinct values fit; otherwise greedy equal-count
    /// bins, where a value repeated more than a bin's share (e.g. the many zero intensities of a powder
    /// pattern) becomes a bin of its own and the remaining bins are shared among the other values.
    /// </summary>
    public static float[] EdgesOf(ReadOnlySpan<float> sorted, int maxBins)
    {
        var values = new List<float>();
        var counts = new List<int>();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1]) { values.Add(sorted[i]); counts.Add(0); }
            counts[^1]++;
        }
        var edges = new List<float>();
        if (values.Count <= maxBins)
        {
            for (var i = 1; i < values.Count; i++) edges.Add(Midpoint(values[i - 1], values[i]));
            return edges.ToArray();
        }
        double remaining = sorted.Length;
        var binsLeft = maxBins;
        var inBin = 0;
        for (var i = 0; i < values.Count - 1 && binsLeft > 1; i++)
        {
            inBin += counts[i];
            var distinctLeft = values.Count - 1 - i;
            if (distinctLeft < binsLeft || inBin >= remaining / binsLeft)
            {
                edges.Add(Midpoint(values[i], values[i + 1]));
                remaining -= inBin;
                inBin = 0;
                binsLeft--;
            }
        }
        return edges.ToArray();
    }

    private static float Midpoint(float a, float b)
    {
        var m = a + (b - a) * 0.5f;
        return m >= b ? a : m; // keep a ≤ m < b under rounding
    }

    /// <summary>The first j with x ≤ edges[j], or edges.Length.</summary>
    public static int BinOf(ReadOnlySpan<float> edges, float x)
    {
        int lo = 0, hi = edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (x <= edges[mid]) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
