namespace Bravais.Analysis.Cleaning;

/// <summary>
/// Savitzky–Golay smoothing (Savitzky &amp; Golay 1964): each point is replaced by the value at its centre of the
/// least-squares polynomial of <c>order</c> fitted to the <c>2·halfWidth+1</c> points around it. Coefficients
/// come from the normal equations; edges use mirrored data. Assumes (nearly) even spacing.
/// </summary>
public static class SavitzkyGolay
{
    public static double[] Smooth(ReadOnlySpan<double> y, int halfWidth, int order)
    {
        if (halfWidth < 1) return y.ToArray();
        if (order < 0 || order >= 2 * halfWidth + 1) throw new AnalysisException($"Savitzky–Golay order {order} needs a window wider than {order} points");
        var c = Coefficients(halfWidth, order);
        var n = y.Length;
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            double s = 0;
            for (var k = -halfWidth; k <= halfWidth; k++)
            {
                var j = i + k;
                if (j < 0) j = -j;
                if (j >= n) j = 2 * (n - 1) - j;
                j = Math.Clamp(j, 0, n - 1);
                s += c[k + halfWidth] * y[j];
            }
            result[i] = s;
        }
        return result;
    }

    /// <summary>Convolution weights giving the smoothed centre value: first row of (JᵀJ)⁻¹Jᵀ with J_kj = k^j.</summary>
    public static double[] Coefficients(int halfWidth, int order)
    {
        var m = order + 1;
        var size = 2 * halfWidth + 1;
        var jtj = new double[m, m];
        for (var k = -halfWidth; k <= halfWidth; k++)
            for (var a = 0; a < m; a++)
                for (var b = 0; b < m; b++)
                    jtj[a, b] += Math.Pow(k, a + b);
        // solve jtj · z = e0; then weight_k = Σ_j z_j k^j
        var z = Solve(jtj, m);
        var c = new double[size];
        for (var k = -halfWidth; k <= halfWidth; k++)
        {
            double s = 0;
            for (var j = 0; j < m; j++) s += z[j] * Math.Pow(k, j);
            c[k + halfWidth] = s;
        }
        return c;
    }

    private static double[] Solve(double[,] a, int m)
    {
        var aug = new double[m, m + 1];
        for (var i = 0; i < m; i++) { for (var j = 0; j < m; j++) aug[i, j] = a[i, j]; aug[i, m] = i == 0 ? 1 : 0; }
        for (var col = 0; col < m; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < m; r++) if (Math.Abs(aug[r, col]) > Math.Abs(aug[pivot, col])) pivot = r;
            for (var j = 0; j <= m; j++) (aug[col, j], aug[pivot, j]) = (aug[pivot, j], aug[col, j]);
            for (var r = 0; r < m; r++)
            {
                if (r == col) continue;
                var f = aug[r, col] / aug[col, col];
                for (var j = col; j <= m; j++) aug[r, j] -= f * aug[col, j];
            }
        }
        var x = new double[m];
        for (var i = 0; i < m; i++) x[i] = aug[i, m] / aug[i, i];
        return x;
    }
}
