using Bravais.Analysis.Cleaning;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;

namespace Bravais.Analysis.Peaks;

/// <summary>
/// Finds the reflections of a powder pattern: SNIP background (<see cref="SnipBackground"/>, window from the typical
/// peak width), a Poisson-like noise model, detection with a Ricker matched filter on the background-free pattern
/// (Kα2 stripped by <see cref="KAlpha2Stripping"/> for detection only), then pseudo-Voigt fits of overlapping groups
/// with Kα1/Kα2 doublets fitted together (<see cref="ProfileFit"/>). Three passes: fit at the typical width; fit
/// again with widths held near the Caglioti curve of the first pass; look for significant peaks left in the
/// residual (shoulders, unresolved neighbours) and refit with them. Pure function of its input.
/// </summary>
public static class PeakSearch
{
    private const double FwhmPerSigma = 2.3548200450309493;

    /// <summary>Peaks of a measured pattern; its wavelength (or <see cref="PeakSearchOptions.Radiation"/>) sets the radiation.</summary>
    public static PeakSearchResult Find(MeasuredPattern pattern, PeakSearchOptions? options = null)
    {
        options ??= PeakSearchOptions.Default;
        var lines = options.Radiation ?? (pattern.Radiation is { } stated ? RadiationLines.ForPeakSearch(stated)
            : pattern.Kind == Abscissa.TwoThetaDegrees ? throw new AnalysisException(
                "the wavelength is not known: the file does not state it; give it with --wavelength (Å) or an anode name such as Cu", new(pattern.Source))
            : Radiation.FromName("CuKa1"));
        var points = new List<(double X, double Y)>(pattern.Count);
        for (var i = 0; i < pattern.Count; i++)
        {
            var t = pattern.Kind switch
            {
                Abscissa.DSpacingAngstrom => Bragg.TwoThetaDegrees(pattern.X[i], lines.PrimaryAngstrom),
                Abscissa.QInverseAngstrom => Bragg.TwoThetaDegrees(2 * Math.PI / pattern.X[i], lines.PrimaryAngstrom),
                _ => pattern.X[i],
            };
            if (double.IsFinite(t) && double.IsFinite(pattern.Intensity[i])) points.Add((t, pattern.Intensity[i]));
        }
        points.Sort((a, b) => a.X.CompareTo(b.X));
        return Find(pattern.Source, points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), lines, options);
    }

    /// <summary>Peaks of a pattern given as 2θ (degrees, increasing) and intensities.</summary>
    public static PeakSearchResult Find(string source, double[] twoThetaDegrees, double[] intensity, Radiation lines, PeakSearchOptions? options = null)
    {
        options ??= PeakSearchOptions.Default;
        var n = twoThetaDegrees.Length;
        if (n != intensity.Length) throw new AnalysisException("2θ and intensity columns differ in length", new(source));
        if (n < 50) throw new AnalysisException($"only {n} data points; a powder pattern for peak search needs at least 50", new(source));
        var x = twoThetaDegrees; var y = intensity;
        var step = MedianStep(x);
        if (!(step > 0)) throw new AnalysisException("the 2θ values do not increase", new(source));

        var fwhm0 = TypicalFwhm(x, y, step, lines, options);
        // SNIP on raw noisy data follows the noise minima; on data smoothed over a peak width it follows the mean
        var smoothed = SavitzkyGolay.Smooth(y, Math.Clamp((int)Math.Round(fwhm0 / step), 1, 50), 2);
        var background = SnipBackground.Estimate(smoothed, SnipBackground.WindowPoints(Math.Clamp(8 * fwhm0, 0.6, 4.0), step));
        var variance = PeakDetection.NoiseVariance(y, background, step, fwhm0, out var noiseSigma);
        var net = new double[n];
        for (var i = 0; i < n; i++) net[i] = y[i] - background[i];
        var detectionVariance = variance;
        var detectionSignal = net;
        if (lines.SecondaryAngstrom is double l2)
        {
            detectionSignal = KAlpha2Stripping.Strip(x, net, lines.PrimaryAngstrom, l2, lines.SecondaryRatio);
            detectionVariance = variance.Select(v => v * (1 + lines.SecondaryRatio * lines.SecondaryRatio)).ToArray();
        }
        var data = new ProfileFit.Data(x, y, background, variance, step, noiseSigma);
        var minFwhm = Math.Max(1.2 * step, 0.3 * fwhm0);
        var maxFwhm = Math.Min(6 * fwhm0, 3.0);

        // pass 1: the typical width everywhere
        var candidates = PeakDetection.Detect(x, detectionSignal, detectionVariance, step, _ => fwhm0, options.MinSignificance);
        var model = new double[n];
        var peaks = ProfileFit.Fit(data, candidates.Select(c => c.TwoThetaDegrees).ToList(), candidates.Select(c => c.NetHeight).ToList(),
            candidates.Select(c => c.Significance).ToList(), _ => fwhm0, lines, options, model);
        // pass 2: the width curve of pass 1 for starting widths and grouping
        var curve = WidthCurve.Fit(peaks, minFwhm, maxFwhm);
        Array.Clear(model);
        peaks = ProfileFit.Fit(data, peaks.Select(p => p.TwoThetaDegrees).ToList(), peaks.Select(p => p.Height).ToList(),
            peaks.Select(p => p.Significance).ToList(), curve.FwhmAt, lines, options, model, WidthRange);
        // pass 3: significant peaks left in the residual (shoulders, peaks masked by a stronger neighbour)
        var residual = new double[n];
        for (var i = 0; i < n; i++) residual[i] = net[i] - model[i];
        if (lines.SecondaryAngstrom is double l2b) residual = KAlpha2Stripping.Strip(x, residual, lines.PrimaryAngstrom, l2b, lines.SecondaryRatio);
        var extra = PeakDetection.Detect(x, residual, detectionVariance, step, curve.FwhmAt, options.MinSignificance + 1)
            .Where(c => peaks.All(p => Math.Abs(p.TwoThetaDegrees - c.TwoThetaDegrees) > 0.5 * curve.FwhmAt(c.TwoThetaDegrees))).ToList();
        if (extra.Count > 0)
        {
            var all = peaks.Select(p => (p.TwoThetaDegrees, p.Height, p.Significance))
                .Concat(extra.Select(c => (c.TwoThetaDegrees, Height: c.NetHeight, c.Significance))).OrderBy(p => p.TwoThetaDegrees).ToList();
            Array.Clear(model);
            peaks = ProfileFit.Fit(data, all.Select(p => p.TwoThetaDegrees).ToList(), all.Select(p => p.Height).ToList(),
                all.Select(p => p.Significance).ToList(), curve.FwhmAt, lines, options, model, WidthRange);
        }
        peaks = Clean(peaks, curve, options);
        for (var i = 0; i < n; i++) model[i] += background[i];
        var typical = peaks.Count > 0 ? peaks.Select(p => p.FwhmDegrees).Order().ElementAt(peaks.Count / 2) : fwhm0;
        return new PeakSearchResult(source, lines, peaks, x, y, background, model, noiseSigma, typical);
    }

    /// <summary>
    /// The typical FWHM (degrees): pseudo-Voigt fits of the eight strongest maxima of the lightly smoothed,
    /// roughly background-free pattern (at least 0.5° apart), median of their widths. Smoothing first keeps
    /// single-point noise spikes from passing for narrow peaks.
    /// </summary>
    public static double TypicalFwhm(double[] x, double[] y, double step, Radiation lines, PeakSearchOptions options)
    {
        var n = x.Length;
        var smooth = SavitzkyGolay.Smooth(y, 2, 2);
        var rough = SnipBackground.Estimate(smooth, SnipBackground.WindowPoints(2.0, step));
        var net = new double[n];
        for (var i = 0; i < n; i++) net[i] = smooth[i] - rough[i];
        var sigma = PeakWidth.EstimateSigmaDegrees(x, net);
        var guess = Math.Clamp(double.IsFinite(sigma) ? sigma * FwhmPerSigma : 8 * step, 3 * step, 1.0);
        var maxima = new List<int>();
        for (var i = 3; i < n - 3; i++)
        {
            var top = true;
            for (var k = -3; k <= 3 && top; k++) top = k == 0 || net[i] > net[i + k] || (net[i] == net[i + k] && k > 0);
            if (top && net[i] > 0) maxima.Add(i);
        }
        maxima.Sort((a, b) => net[b].CompareTo(net[a]));
        var chosen = new List<int>();
        foreach (var i in maxima)
        {
            if (chosen.All(j => Math.Abs(x[j] - x[i]) >= 0.5)) chosen.Add(i);
            if (chosen.Count == 8) break;
        }
        if (chosen.Count == 0) return guess;
        chosen.Sort();
        var variance = PeakDetection.NoiseVariance(y, rough, step, guess, out var sigma0);
        var data = new ProfileFit.Data(x, y, rough, variance, step, sigma0);
        var fitted = ProfileFit.Fit(data, chosen.Select(i => x[i]).ToList(), chosen.Select(i => net[i]).ToList(), chosen.Select(_ => 10.0).ToList(),
            _ => guess, lines, options with { MinAreaSignificance = 0 }, new double[n]);
        if (fitted.Count == 0) return guess;
        var widths = fitted.Select(p => p.FwhmDegrees).Order().ToList();
        return Math.Clamp(widths[widths.Count / 2], 2.5 * step, 1.5);
    }

    /// <summary>
    /// After the first pass, a group's width may stray from the Caglioti curve by these factors only: two unresolved
    /// peaks then leave a residual (and are found in the third pass) instead of passing for one broad peak.
    /// </summary>
    public static readonly (double Low, double High) WidthRange = (0.8, 1.2);

    /// <summary>Drops duplicates (two fits closer than a third of a width keep the stronger), peaks below the height floor, and all beyond the strongest <see cref="PeakSearchOptions.MaxPeaks"/>.</summary>
    private static List<FittedPeak> Clean(List<FittedPeak> peaks, WidthCurve curve, PeakSearchOptions options)
    {
        if (peaks.Count == 0) return peaks;
        var max = peaks.Max(p => p.Height);
        var kept = new List<FittedPeak>();
        foreach (var p in peaks.OrderByDescending(p => p.Height))
        {
            if (p.Height < options.MinRelativeHeight * max || !double.IsFinite(p.TwoThetaEsdDegrees)) continue;
            if (kept.Any(q => Math.Abs(q.TwoThetaDegrees - p.TwoThetaDegrees) < curve.FwhmAt(p.TwoThetaDegrees) / 3)) continue;
            kept.Add(p);
            if (kept.Count >= options.MaxPeaks) break;
        }
        kept.Sort((a, b) => a.TwoThetaDegrees.CompareTo(b.TwoThetaDegrees));
        return kept;
    }

    private static double MedianStep(double[] x)
    {
        var d = new double[x.Length - 1];
        for (var i = 1; i < x.Length; i++) d[i - 1] = x[i] - x[i - 1];
        Array.Sort(d);
        return d[d.Length / 2];
    }
}
