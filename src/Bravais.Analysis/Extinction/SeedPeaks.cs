using Bravais.Diffraction.Physics;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// Rough peaks taken from a pattern when the caller gave none, only to seed the cell, zero shift and widths before the
/// Pawley fit (not a peak search: <c>bravais peaks</c> is): local maxima of the three-point smoothed pattern standing 6σ
/// above zero, positions by a parabola through the top three points, FWHM from the half-maximum crossings. Kα2
/// shoulders of stronger peaks are dropped, so that every seed is a Kα1 position.
/// </summary>
internal static class SeedPeaks
{
    public static List<ObservedPeak> Find(ObservedPattern pattern, Radiation radiation)
    {
        var (x, y) = (pattern.TwoThetaDegrees, pattern.Intensity);
        var n = y.Length;
        var smooth = new double[n];
        for (var i = 1; i < n - 1; i++) smooth[i] = 0.25 * y[i - 1] + 0.5 * y[i] + 0.25 * y[i + 1];
        var sigma = pattern.Sigma ?? NoiseLevel(y);
        var found = new List<ObservedPeak>();
        for (var i = 2; i < n - 2; i++)
        {
            if (!(smooth[i] > smooth[i - 1] && smooth[i] >= smooth[i + 1])) continue;
            var noise = pattern.Sigma is null ? sigma[0] : sigma[i];
            if (smooth[i] < 6 * noise) continue;
            var denominator = smooth[i - 1] - 2 * smooth[i] + smooth[i + 1];
            var offset = denominator < 0 ? 0.5 * (smooth[i - 1] - smooth[i + 1]) / denominator : 0;
            var position = x[i] + Math.Clamp(offset, -1, 1) * (x[i + 1] - x[i - 1]) / 2;
            var half = smooth[i] / 2;
            int l = i, r = i;
            while (l > 0 && smooth[l] > half) l--;
            while (r < n - 1 && smooth[r] > half) r++;
            var fwhm = Math.Max(x[r] - x[l], 2 * (x[i + 1] - x[i]));
            if (fwhm > 2) continue;
            found.Add(new ObservedPeak(position, smooth[i] * fwhm * 1.2, fwhm));
        }
        if (!radiation.IsDoublet) return found;
        var primary = radiation.PrimaryLine;
        var second = radiation.Lines.First(line => line != primary);
        var ratio = second.RelativeIntensity / primary.RelativeIntensity;
        var kept = new List<ObservedPeak>();
        foreach (var p in found.OrderByDescending(p => p.Intensity))
        {
            var shoulder = kept.Any(q =>
            {
                var s = second.WavelengthAngstrom / primary.WavelengthAngstrom * Math.Sin(q.TwoThetaDegrees * Math.PI / 360);
                if (s >= 1) return false;
                var alpha2 = 2 * Math.Asin(s) * 180 / Math.PI;
                return Math.Abs(alpha2 - p.TwoThetaDegrees) < 0.4 * q.FwhmDegrees && p.Intensity < 1.5 * ratio * q.Intensity;
            });
            if (!shoulder) kept.Add(p);
        }
        return [.. kept.OrderBy(p => p.TwoThetaDegrees)];
    }

    /// <summary>One noise level for the whole pattern: 1.4826 × median |second difference| / √6.</summary>
    private static double[] NoiseLevel(double[] y)
    {
        var d = new double[y.Length - 2];
        for (var i = 1; i < y.Length - 1; i++) d[i - 1] = Math.Abs(y[i + 1] - 2 * y[i] + y[i - 1]);
        Array.Sort(d);
        return [Math.Max(1.4826 * d[d.Length / 2] / Math.Sqrt(6), 1e-12)];
    }
}
