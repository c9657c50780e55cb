namespace Bravais.Analysis.Peaks;

/// <summary>
/// The instrument's peak width as a function of angle, Caglioti, Paoletti &amp; Ricci (1958):
/// Γ² = U tan²θ + V tanθ + W, here with V = 0 and U, W ≥ 0, fitted by weighted least squares to the widths of fitted
/// peaks (outliers beyond three median deviations dropped once). With fewer than five widths it is the median width at every angle.
/// </summary>
public sealed record WidthCurve(double U, double V, double W, double MinFwhmDegrees, double MaxFwhmDegrees)
{
    public double FwhmAt(double twoThetaDegrees)
    {
        var t = Math.Tan(twoThetaDegrees * Math.PI / 360);
        var g2 = U * t * t + V * t + W;
        return Math.Clamp(g2 > 0 ? Math.Sqrt(g2) : MinFwhmDegrees, MinFwhmDegrees, MaxFwhmDegrees);
    }

    public static WidthCurve Constant(double fwhmDegrees) => new(0, 0, fwhmDegrees * fwhmDegrees, fwhmDegrees, fwhmDegrees);

    public static WidthCurve Fit(IReadOnlyList<FittedPeak> peaks, double minFwhmDegrees, double maxFwhmDegrees)
    {
        var widths = peaks.Where(p => p.FwhmDegrees > minFwhmDegrees * 1.01 && p.FwhmDegrees < maxFwhmDegrees * 0.99).ToList();
        if (widths.Count == 0) return Constant(Math.Clamp(peaks.Select(p => p.FwhmDegrees).DefaultIfEmpty(minFwhmDegrees).Average(), minFwhmDegrees, maxFwhmDegrees));
        var sorted = widths.Select(p => p.FwhmDegrees).Order().ToList();
        var median = sorted[(sorted.Count - 1) / 2]; // the lower median: unresolved neighbours only ever widen a peak
        if (widths.Count < 5) return Constant(Math.Clamp(median, minFwhmDegrees, maxFwhmDegrees));
        var deviations = widths.Select(p => Math.Abs(p.FwhmDegrees - median)).Order().ToList();
        var mad = Math.Max(deviations[deviations.Count / 2], 1e-6);
        var kept = widths.Where(p => Math.Abs(p.FwhmDegrees - median) <= 3 * mad / 0.6745).ToList();
        // Γ² = W + U tan²θ with U, W ≥ 0 (the V term, negative for most instruments, is not determined well by the
        // few widths of one pattern and lets the curve turn over); weighted by significance
        double s00 = 0, s01 = 0, s11 = 0, b0 = 0, b1 = 0;
        foreach (var p in kept)
        {
            var t = Math.Tan(p.TwoThetaDegrees * Math.PI / 360);
            var t2 = t * t;
            var weight = Math.Min(p.Significance, 100);
            var g2 = p.FwhmDegrees * p.FwhmDegrees;
            s00 += weight; s01 += weight * t2; s11 += weight * t2 * t2;
            b0 += weight * g2; b1 += weight * t2 * g2;
        }
        var det = s00 * s11 - s01 * s01;
        double u = det > 1e-12 * s00 * s11 ? (s00 * b1 - s01 * b0) / det : 0, w;
        if (u <= 0) { u = 0; w = b0 / s00; }
        else
        {
            w = (s11 * b0 - s01 * b1) / det;
            if (w < 0) { w = 0; u = b1 / s11; }
        }
        var curve = new WidthCurve(u, 0, w, minFwhmDegrees, maxFwhmDegrees);
        // a curve that misses the observed range badly (too few angles to pin three terms) falls back to the median
        var lowest = kept.Min(p => p.TwoThetaDegrees); var highest = kept.Max(p => p.TwoThetaDegrees);
        foreach (var at in new[] { lowest, highest })
            if (curve.FwhmAt(at) is var width && (width < 0.3 * median || width > 3 * median)) return Constant(median);
        return curve;
    }
}
