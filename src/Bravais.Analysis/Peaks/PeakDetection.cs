using Bravais.Analysis.Cleaning;

namespace Bravais.Analysis.Peaks;

/// <summary>A detected peak before profile fitting: index of the data point, net height there, and significance of the filter response.</summary>
public readonly record struct PeakCandidate(int Index, double TwoThetaDegrees, double NetHeight, double Significance);

/// <summary>
/// Noise model and peak detection. The noise variance is σ²(y) = σ₀²·max(1, s/s̃) — Poisson-like scaling with the
/// smoothed signal s above its median s̃, σ₀ the robust scatter of data about a Savitzky–Golay smooth where the
/// signal is low. Detection convolves the background-free pattern with the negative second derivative of a Gaussian
/// (the Ricker wavelet, i.e. a continuous-wavelet-transform row at the scale of the peaks, which also separates
/// shoulders) and keeps local maxima whose response exceeds a multiple of its own propagated noise.
/// </summary>
public static class PeakDetection
{
    private const double FwhmPerSigma = 2.3548200450309493;
    private const double MedianOfChiSquare1 = 0.45493642311957283;

    /// <summary>
    /// The filter's Gaussian scales relative to the peaks' own: 0.7 resolves neighbours about one width apart, 1.3 is
    /// close to the matched filter and sees weak peaks in strong noise, 2.5 finds peaks much broader than the typical
    /// one (strain-broadened lines of real samples). A peak found at several counts once, at
    /// the position of the finer scale.
    /// </summary>
    public static readonly double[] DetectionScales = [0.7, 1.3, 2.5];

    /// <summary>The noise variance of every point, with a floor of (<paramref name="floorFraction"/> × the largest net signal)².</summary>
    public static double[] NoiseVariance(ReadOnlySpan<double> y, ReadOnlySpan<double> background, double stepDegrees, double fwhmDegrees,
        out double sigmaAtBackground, double floorFraction = 1e-3)
    {
        var n = y.Length;
        var half = Math.Clamp((int)Math.Round(0.5 * fwhmDegrees / stepDegrees), 2, 50);
        var smooth = SavitzkyGolay.Smooth(y, half, 2);
        var c0 = SavitzkyGolay.Coefficients(half, 2)[half];
        var levels = smooth.ToArray();
        Array.Sort(levels);
        var median = Math.Max(levels[n / 2], 0);
        // points with the lower half of the signal: mostly background, where the smooth follows the data
        var squares = new List<double>(n / 2 + 1);
        for (var i = 0; i < n; i++)
            if (smooth[i] <= median)
            {
                var r = y[i] - smooth[i];
                squares.Add(r * r);
            }
        squares.Sort();
        var sigma2 = squares.Count > 0 ? squares[squares.Count / 2] / MedianOfChiSquare1 / Math.Max(1 - c0, 0.1) : 0;
        var maxNet = 0.0;
        for (var i = 0; i < n; i++) maxNet = Math.Max(maxNet, smooth[i] - background[i]);
        var floor = floorFraction * Math.Max(maxNet, 1e-300);
        sigma2 = Math.Max(sigma2, floor * floor);
        sigmaAtBackground = Math.Sqrt(sigma2);
        var scale = Math.Max(median, 1e-3 * Math.Max(maxNet, 1e-300));
        var variance = new double[n];
        for (var i = 0; i < n; i++) variance[i] = sigma2 * Math.Max(1, smooth[i] / scale);
        return variance;
    }

    /// <summary>
    /// Local maxima of the Ricker response of <paramref name="net"/> (background-free, Kα2-stripped where needed) at
    /// each of <see cref="DetectionScales"/> times the Gaussian scale FWHM/2.355 of the local width <paramref name="fwhmAt"/>, significant by
    /// <paramref name="minSignificance"/>, in increasing 2θ.
    /// </summary>
    public static List<PeakCandidate> Detect(ReadOnlySpan<double> x, ReadOnlySpan<double> net, ReadOnlySpan<double> variance,
        double stepDegrees, Func<double, double> fwhmAt, double minSignificance)
    {
        var merged = new List<PeakCandidate>();
        foreach (var scale in DetectionScales)
            foreach (var c in DetectAtScale(x, net, variance, stepDegrees, fwhmAt, minSignificance, scale))
            {
                var near = merged.FindIndex(m => Math.Abs(m.TwoThetaDegrees - c.TwoThetaDegrees) < 0.5 * fwhmAt(c.TwoThetaDegrees));
                if (near < 0) merged.Add(c);
                else if (c.Significance > merged[near].Significance) merged[near] = merged[near] with { Significance = c.Significance };
            }
        merged.Sort((a, b) => a.Index.CompareTo(b.Index));
        return merged;
    }

    private static List<PeakCandidate> DetectAtScale(ReadOnlySpan<double> x, ReadOnlySpan<double> net, ReadOnlySpan<double> variance,
        double stepDegrees, Func<double, double> fwhmAt, double minSignificance, double scale)
    {
        var n = net.Length;
        var kernels = new Dictionary<int, double[]>();
        var response = new double[n];
        var noise = new double[n];
        for (var i = 0; i < n; i++)
        {
            // kernels at scales quantised to quarter points, built once each
            var key = (int)Math.Round(4 * scale * fwhmAt(x[i]) / FwhmPerSigma / stepDegrees);
            if (!kernels.TryGetValue(key, out var kernel)) kernels[key] = kernel = RickerKernel(key / 4.0);
            var half = kernel.Length / 2;
            if (i < half || i >= n - half) { noise[i] = double.PositiveInfinity; continue; }
            double s = 0, v = 0;
            for (var k = 0; k < kernel.Length; k++)
            {
                var w = kernel[k];
                s += w * net[i - half + k];
                v += w * w * variance[i - half + k];
            }
            response[i] = s;
            noise[i] = Math.Sqrt(v);
        }
        var found = new List<PeakCandidate>();
        for (var i = 1; i < n - 1; i++)
        {
            if (!(response[i] > 0) || response[i] < response[i - 1] || response[i] <= response[i + 1]) continue;
            var significance = response[i] / noise[i];
            if (!(significance >= minSignificance)) continue;
            // the data themselves must stand above the background at the peak (mean over the filter's core), not only their curvature
            var core = Math.Max(1, (int)Math.Round(0.5 * scale * fwhmAt(x[i]) / stepDegrees));
            double sum = 0; var count = 0;
            for (var k = Math.Max(0, i - core); k <= Math.Min(n - 1, i + core); k++) { sum += net[k]; count++; }
            var height = Math.Max(sum / count, response[i]);
            if (!(sum > 0)) continue;
            found.Add(new PeakCandidate(i, x[i], height, significance));
        }
        return found;
    }

    /// <summary>The Ricker wavelet (1 − t²)·exp(−t²/2), t = k/σ, over ±4σ points, normalised so that a Gaussian of the same σ and unit height responds with 1.</summary>
    public static double[] RickerKernel(double sigmaPoints)
    {
        sigmaPoints = Math.Max(sigmaPoints, 0.8);
        var half = (int)Math.Ceiling(4 * sigmaPoints);
        var kernel = new double[2 * half + 1];
        double mean = 0;
        for (var k = -half; k <= half; k++)
        {
            var t = k / sigmaPoints;
            kernel[k + half] = (1 - t * t) * Math.Exp(-0.5 * t * t);
            mean += kernel[k + half];
        }
        mean /= kernel.Length;
        double response = 0;
        for (var k = -half; k <= half; k++)
        {
            kernel[k + half] -= mean; // exactly zero sum: a constant or linear background gives no response
            var t = k / sigmaPoints;
            response += kernel[k + half] * Math.Exp(-0.5 * t * t);
        }
        for (var k = 0; k < kernel.Length; k++) kernel[k] /= response;
        return kernel;
    }
}
