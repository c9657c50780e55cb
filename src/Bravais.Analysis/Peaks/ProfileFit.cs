using Bravais.Diffraction.Physics;
using Bravais.Analysis.Numerics;

namespace Bravais.Analysis.Peaks;

/// <summary>
/// Pseudo-Voigt fit of the detected peaks, group by group: peaks whose profiles (and Kα2 twins) overlap are fitted
/// together with one shared width Γ and Lorentzian fraction η and a local linear correction to the background;
/// each peak has its own position and integrated intensity, and its Kα2 twin sits at the position Bragg's law gives
/// for the secondary wavelength with the radiation's Kα2 ratio of its area. Weighted by the noise
/// model; the background correction has a Gaussian prior of one noise σ (the SNIP background is that good), which
/// keeps it from trading off against the area of a broad weak peak. Peaks whose area is not significant are removed
/// one at a time and the group refitted.
/// </summary>
public static class ProfileFit
{
    private const int Shared = 4; // b0, b1, Γ, η

    /// <summary>The data and noise of one pattern as the fit sees them.</summary>
    public readonly record struct Data(double[] X, double[] Y, double[] Background, double[] Variance, double StepDegrees, double BackgroundSigma);

    /// <summary>Fits all candidates; <paramref name="fwhmAt"/> gives the starting width (and grouping distance) at a 2θ.</summary>
    /// <param name="widthRange">How far a group's width may stray from <paramref name="fwhmAt"/> (factors below and above).</param>
    public static List<FittedPeak> Fit(Data data, IReadOnlyList<double> positions, IReadOnlyList<double> heights, IReadOnlyList<double> significances,
        Func<double, double> fwhmAt, Radiation lines, PeakSearchOptions options, double[] model, (double Low, double High)? widthRange = null)
    {
        var range = widthRange ?? (0.25, 4);
        var result = new List<FittedPeak>();
        var groups = Groups(positions, fwhmAt, lines, options.MaxPeaksPerGroup);
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var x0 = group.Select(i => positions[i]).ToList();
            var h0 = group.Select(i => heights[i]).ToList();
            var sig = group.Select(i => significances[i]).ToList();
            // the region stops halfway to the neighbouring groups, whose peaks this fit does not model
            var lowest = g > 0 ? 0.5 * (Reach(lines, positions[groups[g - 1][^1]]) + x0[0]) : double.NegativeInfinity;
            var highest = g + 1 < groups.Count ? 0.5 * (Reach(lines, x0[^1]) + positions[groups[g + 1][0]]) : double.PositiveInfinity;
            result.AddRange(FitGroup(data, x0, h0, sig, fwhmAt(x0.Average()), lines, options, model, lowest, highest, range));
        }
        result.Sort((a, b) => a.TwoThetaDegrees.CompareTo(b.TwoThetaDegrees));
        return result;
    }

    /// <summary>Indices of candidates fitted together: neighbours closer than three widths (counting the Kα2 twin) join one group.</summary>
    public static List<List<int>> Groups(IReadOnlyList<double> positions, Func<double, double> fwhmAt, Radiation lines, int maxPerGroup)
    {
        var groups = new List<List<int>>();
        var current = new List<int>();
        for (var i = 0; i < positions.Count; i++)
        {
            if (current.Count > 0)
            {
                if (positions[i] - Reach(lines, positions[current[^1]]) > 3 * fwhmAt(positions[i])) { groups.Add(current); current = []; }
            }
            current.Add(i);
        }
        if (current.Count > 0) groups.Add(current);
        var split = new List<List<int>>();
        foreach (var g in groups) SplitLarge(g, positions, maxPerGroup, split);
        return split;
    }

    /// <summary>Where a peak's profile ends on the high-angle side: its Kα2 twin when there is one.</summary>
    private static double Reach(Radiation lines, double position) =>
        lines.IsDoublet && lines.SecondaryTwoThetaDegrees(position) is var t2 && double.IsFinite(t2) ? t2 : position;

    private static void SplitLarge(List<int> group, IReadOnlyList<double> positions, int max, List<List<int>> into)
    {
        if (group.Count <= max) { into.Add(group); return; }
        var cut = 1;
        for (var k = 2; k < group.Count; k++)
            if (positions[group[k]] - positions[group[k - 1]] > positions[group[cut]] - positions[group[cut - 1]]) cut = k;
        SplitLarge(group[..cut], positions, max, into);
        SplitLarge(group[cut..], positions, max, into);
    }

    private static List<FittedPeak> FitGroup(Data data, List<double> x0, List<double> h0, List<double> significance, double fwhm,
        Radiation lines, PeakSearchOptions options, double[] model, double lowest, double highest, (double Low, double High) range)
    {
        var x = data.X;
        var step = data.StepDegrees;
        var fwhmMin = Math.Max(1.2 * step, range.Low * fwhm);
        var fwhmMax = range.High * fwhm;
        while (x0.Count > 0)
        {
            var from = LowerIndex(x, Math.Max(x0.Min() - 4 * fwhm, lowest));
            var to = UpperIndex(x, Math.Min(Reach(lines, x0.Max()) + 4 * fwhm, highest));
            var m = to - from + 1;
            var k = x0.Count;
            if (m <= Shared + 2 * k) return [];
            var centre = 0.5 * (x[from] + x[to]);
            var start = new double[Shared + 2 * k];
            start[2] = fwhm; start[3] = 0.5;
            for (var p = 0; p < k; p++)
            {
                start[Shared + 2 * p] = x0[p];
                start[Shared + 2 * p + 1] = Math.Max(h0[p], 0) / PseudoVoigt.HeightPerArea(fwhm, 0.5) / (1 + lines.SecondaryRatio * 0.3);
            }
            var lo = x[from]; var top = x[to];
            void Project(double[] q)
            {
                q[2] = Math.Clamp(q[2], fwhmMin, fwhmMax);
                q[3] = Math.Clamp(q[3], 0, 1);
                for (var p = 0; p < k; p++)
                {
                    q[Shared + 2 * p] = Math.Clamp(q[Shared + 2 * p], lo, top);
                    q[Shared + 2 * p + 1] = Math.Max(q[Shared + 2 * p + 1], 0);
                }
            }
            var fit = LevenbergMarquardt.Minimize(start, m + 2, (q, r, j) => Residuals(data, from, to, centre, lines, q, r, j), Project, maxIterations: 80);
            // drop the least significant peak when any is not significant, then refit
            var worst = WorstPeak(fit, k, m, options.MinAreaSignificance);
            if (worst >= 0)
            {
                x0.RemoveAt(worst); h0.RemoveAt(worst); significance.RemoveAt(worst);
                continue;
            }
            var q = fit.Parameters;
            var peaks = new List<FittedPeak>(k);
            for (var p = 0; p < k; p++)
            {
                var position = q[Shared + 2 * p];
                var area = q[Shared + 2 * p + 1];
                var esd = fit.StandardError(Shared + 2 * p, m);
                peaks.Add(new FittedPeak(position, esd, Bragg.DSpacingAngstrom(position, lines.PrimaryAngstrom),
                    area * PseudoVoigt.HeightPerArea(q[2], q[3]), area, q[2], q[3], significance[p]));
            }
            var r0 = new double[m + 2];
            Residuals(data, from, to, centre, lines, q, r0, Span<double>.Empty);
            for (var i = 0; i < m; i++)
                model[from + i] += data.Y[from + i] - data.Background[from + i] - r0[i] * Math.Sqrt(data.Variance[from + i]) - q[0] - q[1] * (x[from + i] - centre);
            return peaks;
        }
        return [];
    }

    /// <summary>
    /// The index of the peak to drop from a group fit, or −1 when every peak is significant. A peak's significance is its
    /// area over the area's standard error, widened by the fit's misfit where the model does not describe the data (under
    /// a poorly subtracted hump, noise bumps must not pass for peaks); a peak with no area is never significant. When JᵀJ
    /// is singular there are no standard errors; a peak whose area went to zero (whose position the data no longer
    /// constrain) is then the cause and is dropped, else the weakest peak.
    /// </summary>
    private static int WorstPeak(LeastSquaresFit fit, int k, int m, double minSignificance)
    {
        var worst = -1; var worstRatio = double.MaxValue;
        if (fit.Covariance is null)
        {
            for (var p = 0; p < k; p++)
            {
                var area = fit.Parameters[Shared + 2 * p + 1];
                if (area < worstRatio) { worst = p; worstRatio = area; }
            }
            return worst;
        }
        for (var p = 0; p < k; p++)
        {
            var area = fit.Parameters[Shared + 2 * p + 1];
            var ratio = area > 0 ? area / fit.StandardError(Shared + 2 * p + 1, m) : 0;
            if (double.IsNaN(ratio)) ratio = 0;
            if (ratio < minSignificance && ratio < worstRatio) { worst = p; worstRatio = ratio; }
        }
        return worst;
    }

    /// <summary>Weighted residuals (data − background − model)/σ and, when <paramref name="jacobian"/> is not empty, their derivatives.</summary>
    private static void Residuals(Data data, int from, int to, double centre, Radiation lines, ReadOnlySpan<double> q, Span<double> residuals, Span<double> jacobian)
    {
        var n = q.Length;
        var k = (n - Shared) / 2;
        double b0 = q[0], b1 = q[1], w = q[2], eta = q[3];
        var withJ = !jacobian.IsEmpty;
        Span<double> twin = stackalloc double[k];
        Span<double> twinSlope = stackalloc double[k];
        for (var p = 0; p < k; p++)
        {
            var t = lines.IsDoublet ? lines.SecondaryTwoThetaDegrees(q[Shared + 2 * p]) : double.NaN;
            twin[p] = t;
            twinSlope[p] = double.IsFinite(t) ? lines.SecondaryDerivative(q[Shared + 2 * p]) : 0;
        }
        var ratio = lines.SecondaryRatio;
        var m = to - from + 1;
        var priorSigma = Math.Max(data.BackgroundSigma, 1e-300);
        var halfWidth = Math.Max(0.5 * (data.X[to] - data.X[from]), 1e-9);
        residuals[m] = q[0] / priorSigma;
        residuals[m + 1] = q[1] * halfWidth / priorSigma;
        if (withJ)
        {
            jacobian.Slice(m * n, 2 * n).Clear();
            jacobian[m * n] = 1 / priorSigma;
            jacobian[(m + 1) * n + 1] = halfWidth / priorSigma;
        }
        for (var i = 0; i < m; i++)
        {
            var xi = data.X[from + i];
            var weight = 1 / Math.Sqrt(data.Variance[from + i]);
            var value = b0 + b1 * (xi - centre);
            var row = withJ ? jacobian.Slice(i * n, n) : default;
            if (withJ)
            {
                row.Clear();
                row[0] = -weight;
                row[1] = -weight * (xi - centre);
            }
            for (var p = 0; p < k; p++)
            {
                var xp = q[Shared + 2 * p];
                var area = q[Shared + 2 * p + 1];
                var f = PseudoVoigt.Evaluate(xi, xp, w, eta, out var dx, out var dw, out var de);
                double f2 = 0, dx2 = 0, dw2 = 0, de2 = 0;
                if (double.IsFinite(twin[p]))
                    f2 = ratio * PseudoVoigt.Evaluate(xi, twin[p], w, eta, out dx2, out dw2, out de2);
                value += area * (f + f2);
                if (!withJ) continue;
                row[2] -= weight * area * (dw + ratio * dw2);
                row[3] -= weight * area * (de + ratio * de2);
                row[Shared + 2 * p] = -weight * area * (dx + ratio * dx2 * twinSlope[p]);
                row[Shared + 2 * p + 1] = -weight * (f + f2);
            }
            residuals[i] = weight * (data.Y[from + i] - data.Background[from + i] - value);
        }
    }

    private static int LowerIndex(double[] x, double value)
    {
        var i = Array.BinarySearch(x, value);
        if (i < 0) i = ~i;
        return Math.Clamp(i, 0, x.Length - 1);
    }

    private static int UpperIndex(double[] x, double value)
    {
        var i = Array.BinarySearch(x, value);
        if (i < 0) i = ~i - 1;
        return Math.Clamp(i, 0, x.Length - 1);
    }
}
