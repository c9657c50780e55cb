using Bravais.Diffraction.Patterns;

namespace Bravais.Analysis.Cleaning;

/// <summary>
/// Puts irregularly spaced points onto a model grid by Gaussian-kernel integration,
/// v(t) = Σᵢ yᵢ g_σ(t − xᵢ) Δxᵢ, which broadens peaks by σ and preserves their area; with σ → 0 it is
/// linear interpolation. Grid channels outside [x₀, x_{n−1}] are reported as not covered.
/// </summary>
public static class GridResampler
{
    public static (double[] Values, bool[] Covered) Resample(ReadOnlySpan<double> x, ReadOnlySpan<double> y,
        AngleGrid grid, double kernelSigmaDegrees)
    {
        var values = new double[grid.Count];
        var covered = new bool[grid.Count];
        var n = x.Length;
        if (n < 2) return (values, covered);
        // a micro-degree of slack absorbs rounding in the 2θ → d → 2θ mapping
        var lo = x[0] - 1e-6; var hi = x[n - 1] + 1e-6;
        if (kernelSigmaDegrees <= 1e-9)
        {
            var j = 0;
            for (var c = 0; c < grid.Count; c++)
            {
                var t = grid[c];
                if (t < lo || t > hi) continue;
                covered[c] = true;
                while (j + 2 < n && x[j + 1] < t) j++;
                var f = (t - x[j]) / (x[j + 1] - x[j]);
                values[c] = y[j] + Math.Clamp(f, 0, 1) * (y[j + 1] - y[j]);
            }
            return (values, covered);
        }
        var inv = 1 / (kernelSigmaDegrees * Math.Sqrt(2 * Math.PI));
        var reach = 5 * kernelSigmaDegrees;
        var start = 0;
        for (var c = 0; c < grid.Count; c++)
        {
            var t = grid[c];
            if (t < lo || t > hi) continue;
            covered[c] = true;
            while (start < n && x[start] < t - reach) start++;
            double s = 0, weight = 0;
            for (var i = start; i < n && x[i] <= t + reach; i++)
            {
                var dx = i + 1 < n ? (i > 0 ? 0.5 * (x[i + 1] - x[i - 1]) : x[1] - x[0]) : x[n - 1] - x[n - 2];
                var u = (x[i] - t) / kernelSigmaDegrees;
                var g = inv * Math.Exp(-0.5 * u * u) * dx;
                s += g * y[i];
                weight += g;
            }
            // near the ends of the data the kernel is cut: renormalise by the weight actually seen
            values[c] = weight > 1e-12 ? s / weight : 0;
        }
        return (values, covered);
    }
}
