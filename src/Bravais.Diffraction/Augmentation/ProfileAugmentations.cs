using Bravais.Crystallography.Numerics;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Profiles;

namespace Bravais.Diffraction.Augmentation;

/// <summary>
/// Small pure functions that perturb a powder profile (intensities on an evenly spaced 2θ grid) in the
/// ways real measurements differ from simulations. Each takes its randomness from an explicit
/// <see cref="Random"/> and works in place on a span; none allocates more than one scratch row.
/// </summary>
public static class ProfileAugmentations
{
    /// <summary>Adds Gaussian noise of σ = fraction·max·(½ + ½·√(I/max)): a floor plus a counting (Poisson-like) part.</summary>
    public static void AddNoise(Span<float> profile, double fraction, Random rng)
    {
        var max = Max(profile);
        if (max <= 0 || fraction <= 0) return;
        for (var i = 0; i < profile.Length; i++)
        {
            var sigma = fraction * max * (0.5 + 0.5 * Math.Sqrt(Math.Max(0, profile[i]) / max));
            profile[i] = (float)Math.Max(0, profile[i] + sigma * rng.NextNormal());
        }
    }

    /// <summary>
    /// Adds a smooth positive background of height up to fraction·max: an exponential decay from low
    /// angle (air scatter), a linear slope and a broad Gaussian hump (amorphous content, 20–35° 2θ).
    /// </summary>
    public static void AddBackground(Span<float> profile, AngleGrid grid, double fraction, Random rng)
    {
        var max = Max(profile);
        if (max <= 0 || fraction <= 0) return;
        var height = fraction * max * rng.NextDouble();
        var decay = rng.NextDouble();
        var slope = rng.NextDouble();
        var hump = rng.NextDouble();
        var decayLength = 5 + 15 * rng.NextDouble();
        var humpCentre = 20 + 15 * rng.NextDouble();
        var humpWidth = 4 + 6 * rng.NextDouble();
        var total = decay + slope + hump + 1e-12;
        var span = Math.Max(1e-9, grid.StopDegrees - grid.StartDegrees);
        for (var i = 0; i < profile.Length; i++)
        {
            var t = grid[i];
            var d = (t - humpCentre) / humpWidth;
            var shape = decay * Math.Exp(-(t - grid.StartDegrees) / decayLength) + slope * (1 - (t - grid.StartDegrees) / span) + hump * Math.Exp(-0.5 * d * d);
            profile[i] += (float)(height * shape / total);
        }
    }

    /// <summary>Broadens peaks by convolution with a normalised Gaussian of σ = <paramref name="sigmaDegrees"/> (area kept, heights drop).</summary>
    public static void Broaden(Span<float> profile, AngleGrid grid, double sigmaDegrees)
    {
        var sigma = sigmaDegrees / grid.StepDegrees; // in points
        if (sigma < 0.05) return;
        var half = Math.Min(profile.Length - 1, (int)Math.Ceiling(4 * sigma));
        Span<float> kernel = stackalloc float[2 * half + 1];
        double sum = 0;
        for (var k = -half; k <= half; k++) sum += kernel[k + half] = (float)Math.Exp(-0.5 * k * k / (sigma * sigma));
        for (var k = 0; k < kernel.Length; k++) kernel[k] = (float)(kernel[k] / sum);
        var source = System.Buffers.ArrayPool<float>.Shared.Rent(profile.Length);
        try
        {
            profile.CopyTo(source);
            for (var i = 0; i < profile.Length; i++)
            {
                double v = 0;
                var k0 = Math.Max(-half, -i);
                var k1 = Math.Min(half, profile.Length - 1 - i);
                for (var k = k0; k <= k1; k++) v += kernel[k + half] * source[i + k];
                profile[i] = (float)v;
            }
        }
        finally { System.Buffers.ArrayPool<float>.Shared.Return(source); }
    }

    /// <summary>Shifts the pattern by <paramref name="shiftDegrees"/> along 2θ (a zero-point error), by linear interpolation; zero beyond the ends.</summary>
    public static void ZeroShift(Span<float> profile, AngleGrid grid, double shiftDegrees)
    {
        var shift = shiftDegrees / grid.StepDegrees; // points; new[i] = old[i − shift]
        if (Math.Abs(shift) < 1e-6) return;
        var source = System.Buffers.ArrayPool<float>.Shared.Rent(profile.Length);
        try
        {
            profile.CopyTo(source);
            for (var i = 0; i < profile.Length; i++)
            {
                var x = i - shift;
                var j = (int)Math.Floor(x);
                var f = x - j;
                var a = (uint)j < (uint)profile.Length ? source[j] : 0f;
                var b = (uint)(j + 1) < (uint)profile.Length ? source[j + 1] : 0f;
                profile[i] = (float)((1 - f) * a + f * b);
            }
        }
        finally { System.Buffers.ArrayPool<float>.Shared.Return(source); }
    }

    /// <summary>Multiplies by a smooth random field exp(σ·g(2θ)), g a sum of three random cosines of periods 10–60° (unit variance).</summary>
    public static void JitterIntensities(Span<float> profile, AngleGrid grid, double sigma, Random rng)
    {
        if (sigma <= 0) return;
        Span<double> amplitude = stackalloc double[3];
        Span<double> frequency = stackalloc double[3];
        Span<double> phase = stackalloc double[3];
        for (var k = 0; k < 3; k++)
        {
            amplitude[k] = rng.NextNormal() * Math.Sqrt(2.0 / 3.0);
            frequency[k] = 2 * Math.PI / (10 + 50 * rng.NextDouble());
            phase[k] = 2 * Math.PI * rng.NextDouble();
        }
        for (var i = 0; i < profile.Length; i++)
        {
            double g = 0;
            for (var k = 0; k < 3; k++) g += amplitude[k] * Math.Cos(frequency[k] * grid[i] + phase[k]);
            profile[i] *= (float)Math.Exp(sigma * g);
        }
    }

    /// <summary>
    /// Rescales each peak by its own factor in [1 − a, 1 + a], as texture does to individual reflections:
    /// the profile is cut into peak regions at its local minima and each region is multiplied by its factor.
    /// </summary>
    public static void RescalePeaks(Span<float> profile, double amount, Random rng)
    {
        if (amount <= 0 || profile.Length < 3) return;
        amount = Math.Min(amount, 0.95);
        var factor = 1 + amount * (2 * rng.NextDouble() - 1);
        for (var i = 0; i < profile.Length; i++)
        {
            // A new region starts after each strict local minimum.
            if (i > 0 && i < profile.Length - 1 && profile[i] <= profile[i - 1] && profile[i] < profile[i + 1])
                factor = 1 + amount * (2 * rng.NextDouble() - 1);
            profile[i] *= (float)factor;
        }
    }

    /// <summary>Adds up to <paramref name="maxCount"/> Gaussian peaks (σ = <paramref name="sigmaDegrees"/>) at random angles, each up to fraction·max high.</summary>
    public static void AddImpurityPeaks(Span<float> profile, AngleGrid grid, int maxCount, double fraction, double sigmaDegrees, Random rng)
    {
        var max = Max(profile);
        if (max <= 0 || maxCount <= 0 || fraction <= 0) return;
        var count = 1 + rng.Next(maxCount);
        for (var p = 0; p < count; p++)
        {
            var centre = grid.StartDegrees + rng.NextDouble() * (grid.StopDegrees - grid.StartDegrees);
            var height = fraction * max * (0.2 + 0.8 * rng.NextDouble());
            GaussianPeaks.Add(profile, grid.StartDegrees, grid.StepDegrees, centre, height, sigmaDegrees, reachSigmas: 5);
        }
    }

    /// <summary>Scales the profile so its maximum equals <paramref name="targetMax"/> (no-op for an all-zero profile).</summary>
    public static void ScaleToMax(Span<float> profile, float targetMax)
    {
        var max = Max(profile);
        if (max <= 0) return;
        System.Numerics.Tensors.TensorPrimitives.Multiply(profile, targetMax / max, profile);
    }

    private static float Max(ReadOnlySpan<float> profile) => profile.Length == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.Max(profile);
}
