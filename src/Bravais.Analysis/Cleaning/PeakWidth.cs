namespace Bravais.Analysis.Cleaning;

/// <summary>
/// A robust estimate of the typical Gaussian σ (degrees) of the peaks in a background-free pattern: the median
/// full width at half maximum of the strongest well-separated local maxima, divided by 2√(2 ln 2).
/// </summary>
public static class PeakWidth
{
    private const double FwhmPerSigma = 2.3548200450309493;

    public static double EstimateSigmaDegrees(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int maxPeaks = 12)
    {
        var n = y.Length;
        if (n < 5) return double.NaN;
        var max = 0.0;
        for (var i = 0; i < n; i++) max = Math.Max(max, y[i]);
        if (!(max > 0)) return double.NaN;
        var candidates = new List<int>();
        for (var i = 2; i < n - 2; i++)
            if (y[i] > 0.05 * max && y[i] >= y[i - 1] && y[i] > y[i + 1] && y[i] >= y[i - 2] && y[i] > y[i + 2]) candidates.Add(i);
        var values = y.ToArray();
        candidates.Sort((a, b) => values[b].CompareTo(values[a]));
        var widths = new List<double>();
        foreach (var i in candidates.Take(maxPeaks * 3))
        {
            var half = y[i] / 2;
            int l = i, r = i;
            while (l > 0 && y[l] > half) l--;
            while (r < n - 1 && y[r] > half) r++;
            if (l == 0 || r == n - 1) continue;
            // linear interpolation of the half-height crossings
            var xl = x[l] + (half - y[l]) / (y[l + 1] - y[l]) * (x[l + 1] - x[l]);
            var xr = x[r - 1] + (y[r - 1] - half) / (y[r - 1] - y[r]) * (x[r] - x[r - 1]);
            var fwhm = xr - xl;
            if (fwhm > 0) widths.Add(fwhm);
            if (widths.Count >= maxPeaks) break;
        }
        if (widths.Count == 0) return double.NaN;
        widths.Sort();
        return widths[widths.Count / 2] / FwhmPerSigma;
    }
}
