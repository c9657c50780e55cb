namespace Bravais.Analysis.Cleaning;

/// <summary>
/// SNIP background (Ryan et al. 1988; Morháč et al. 1997, NIM A 401, 113; Morháč &amp; Matoušek 2008,
/// Appl. Spectrosc. 62, 91): intensities are compressed with the LLS operator v = ln(ln(√(y+1)+1)+1), then
/// clipped iteratively with windows p = 1…m (increasing window, as ROOT's TSpectrum): v_i ← min(v_i, b_i) where
/// b_i is the second-order estimate (v_{i−p} + v_{i+p})/2, or with <c>fourthOrder</c> the larger of that and
/// the fourth-order estimate (−v_{i−p} + 4v_{i−p/2} + 4v_{i+p/2} − v_{i+p})/6, which keeps curved backgrounds
/// (an amorphous hump) instead of cutting their tops. Peaks narrower than the window are removed; the result
/// is expanded back with the inverse LLS. Negative inputs are treated as 0.
/// </summary>
public static class SnipBackground
{
    /// <summary>Background under <paramref name="intensity"/> for a clipping half-window of <paramref name="windowPoints"/> points.</summary>
    public static double[] Estimate(ReadOnlySpan<double> intensity, int windowPoints, bool fourthOrder = true)
    {
        var n = intensity.Length;
        var v = new double[n];
        var w = new double[n];
        for (var i = 0; i < n; i++) v[i] = Lls(Math.Max(intensity[i], 0));
        windowPoints = Math.Clamp(windowPoints, 1, Math.Max(1, (n - 1) / 2));
        for (var p = 1; p <= windowPoints; p++)
        {
            for (var i = 0; i < n; i++)
            {
                var q = Math.Min(p, Math.Min(i, n - 1 - i)); // shrink the window at the edges
                if (q == 0) { w[i] = v[i]; continue; }
                var b = 0.5 * (v[i - q] + v[i + q]);
                if (fourthOrder && q >= 2)
                {
                    var h = q / 2;
                    var c = (-v[i - 2 * h] + 4 * v[i - h] + 4 * v[i + h] - v[i + 2 * h]) / 6;
                    if (c > b) b = c;
                }
                w[i] = Math.Min(v[i], b);
            }
            (v, w) = (w, v);
        }
        for (var i = 0; i < n; i++) v[i] = InverseLls(v[i]);
        return v;
    }

    /// <summary>Converts a window in degrees to points for data with (median) spacing <paramref name="stepDegrees"/>.</summary>
    public static int WindowPoints(double windowDegrees, double stepDegrees) =>
        Math.Max(1, (int)Math.Round(windowDegrees / Math.Max(stepDegrees, 1e-6)));

    public static double Lls(double y) => Math.Log(Math.Log(Math.Sqrt(y + 1) + 1) + 1);

    public static double InverseLls(double v)
    {
        var a = Math.Exp(Math.Exp(v) - 1) - 1;
        return a * a - 1;
    }
}
