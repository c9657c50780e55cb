namespace Bravais.Analysis.Extinction;

/// <summary>
/// Densities of an extracted block intensity J given its Gaussian measurement error σ: zero true intensity (every line of
/// the block absent) gives N(J; 0, σ²); present lines, each an independent Wilson (acentric, exponential) intensity of
/// mean μ_l, give a sum approximated by the Gamma distribution of the same mean and variance (shape k = (Σμ)²/Σμ² ≥ 1,
/// scale θ = Σμ²/Σμ) convolved with the error: closed form for k = 1 (exponentially modified Gaussian), quadrature
/// otherwise. All in logs.
/// </summary>
internal static class BlockLikelihood
{
    private const double LogSqrt2Pi = 0.91893853320467274;

    public static double LogNormal(double x, double sigma) => -0.5 * (x / sigma) * (x / sigma) - Math.Log(sigma) - LogSqrt2Pi;

    /// <summary>log p(J) for a Gamma(k, θ) intensity plus N(0, σ²) error (k ≥ ½).</summary>
    public static double LogGammaGaussian(double j, double k, double theta, double sigma)
    {
        if (Math.Abs(k - 1) < 1e-6) return LogExGaussian(j, theta, sigma);
        // integrate Gamma(x)·N(J − x) over x = u² (dx = 2u du), which keeps the integrand finite at 0 for k < 1; the mass lies
        // near the Gamma's bulk or near J, so both get grid points
        var mean = k * theta;
        var hi = Math.Max(j + 8 * sigma, mean + 10 * theta * Math.Sqrt(k) + 10 * theta);
        var uHi = Math.Sqrt(hi);
        const int coarse = 128, fine = 64;
        Span<double> us = stackalloc double[coarse + fine + 1];
        var n = 0;
        for (var i = 0; i <= coarse; i++) us[n++] = uHi * i / coarse;
        double a = Math.Sqrt(Math.Max(j - 6 * sigma, 0)), b = Math.Sqrt(Math.Max(Math.Min(j + 6 * sigma, hi), 0));
        if (b > a && b - a < 0.25 * uHi)
            for (var i = 0; i < fine; i++) us[n++] = a + (b - a) * (i + 0.5) / fine;
        var grid = us[..n];
        grid.Sort();
        var logNorm = Math.Log(2) - LogGammaFunction(k) - k * Math.Log(theta);
        Span<double> logf = stackalloc double[n];
        var max = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            var u = grid[i];
            var x = u * u;
            var lg = u <= 0 ? (2 * k - 1 > 1e-12 ? double.NegativeInfinity : logNorm) : logNorm + (2 * k - 1) * Math.Log(u) - x / theta;
            logf[i] = lg + LogNormal(j - x, sigma);
            if (logf[i] > max) max = logf[i];
        }
        if (double.IsNegativeInfinity(max)) return LogNormal(j - mean, Math.Sqrt(sigma * sigma + k * theta * theta));
        double sum = 0;
        for (var i = 1; i < n; i++) sum += 0.5 * (Math.Exp(logf[i] - max) + Math.Exp(logf[i - 1] - max)) * (grid[i] - grid[i - 1]);
        return sum > 0 ? max + Math.Log(sum) : LogNormal(j - mean, Math.Sqrt(sigma * sigma + k * theta * theta));
    }

    /// <summary>log of the exponential(θ) ⊛ N(0, σ²) density: (1/θ) exp(σ²/2θ² − J/θ) Φ((J − σ²/θ)/σ).</summary>
    public static double LogExGaussian(double j, double theta, double sigma) =>
        -Math.Log(theta) + sigma * sigma / (2 * theta * theta) - j / theta + LogNormalCdf((j - sigma * sigma / theta) / sigma);

    /// <summary>log Φ(z), accurate far into the lower tail.</summary>
    public static double LogNormalCdf(double z)
    {
        if (z > -6) return Math.Log(0.5 * Erfc(-z / Math.Sqrt(2)));
        // Mills ratio: Φ(z) ≈ φ(z)/|z| · (1 − 1/z² + 3/z⁴ − 15/z⁶)
        var z2 = z * z;
        return -0.5 * z2 - LogSqrt2Pi - Math.Log(-z) + Math.Log(1 - 1 / z2 + 3 / (z2 * z2) - 15 / (z2 * z2 * z2));
    }

    /// <summary>Complementary error function (Chebyshev fit, relative error below 1.2e-7).</summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7).</summary>
    public static double LogGammaFunction(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGammaFunction(1 - x);
        ReadOnlySpan<double> c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        x -= 1;
        var a = c[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++) a += c[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }
}
