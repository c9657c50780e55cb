namespace Bravais.Learning.Metrics;

public static class Argmax
{
    /// <summary>Index of the largest value of each row of a row-major rows × k block (first on ties).</summary>
    public static int[] Rows(ReadOnlySpan<float> probabilities, int k)
    {
        var n = probabilities.Length / k;
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            var row = probabilities.Slice(i * k, k);
            var best = 0;
            for (var c = 1; c < k; c++) if (row[c] > row[best]) best = c;
            y[i] = best;
        }
        return y;
    }
}
