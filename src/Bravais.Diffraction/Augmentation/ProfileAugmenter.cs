using Bravais.Diffraction.Patterns;

namespace Bravais.Diffraction.Augmentation;

/// <summary>
/// Applies the augmentations of <see cref="AugmentationOptions"/> to one profile in a fixed physical
/// order (sample: texture, broadening, impurity phase; instrument: zero shift, background, intensity
/// field, noise), each with probability <see cref="AugmentationOptions.Probability"/>, and restores the
/// original maximum so the intensity scale stays as the model expects. Deterministic for a given
/// <see cref="Random"/> state.
/// </summary>
public static class ProfileAugmenter
{
    public static void Apply(Span<float> profile, AngleGrid grid, AugmentationOptions options, Random rng)
    {
        if (profile.Length != grid.Count) throw new DiffractionException($"profile has {profile.Length} points for a grid of {grid.Count}");
        if (options.Probability <= 0 || profile.Length == 0) return;
        var originalMax = System.Numerics.Tensors.TensorPrimitives.Max(profile);
        if (originalMax <= 0) return;
        bool Use(double magnitude) => magnitude > 0 && rng.NextDouble() < options.Probability;

        if (Use(options.PreferredOrientation)) ProfileAugmentations.RescalePeaks(profile, options.PreferredOrientation, rng);
        if (Use(options.PeakBroadeningDegrees)) ProfileAugmentations.Broaden(profile, grid, options.PeakBroadeningDegrees * rng.NextDouble());
        if (Use(options.ImpurityFraction) && options.ImpurityPeaks > 0)
            ProfileAugmentations.AddImpurityPeaks(profile, grid, options.ImpurityPeaks, options.ImpurityFraction, Math.Max(grid.StepDegrees, 0.1), rng);
        if (Use(options.ZeroShiftDegrees)) ProfileAugmentations.ZeroShift(profile, grid, options.ZeroShiftDegrees * (2 * rng.NextDouble() - 1));
        if (Use(options.BackgroundFraction)) ProfileAugmentations.AddBackground(profile, grid, options.BackgroundFraction, rng);
        if (Use(options.IntensityJitter)) ProfileAugmentations.JitterIntensities(profile, grid, options.IntensityJitter, rng);
        if (Use(options.NoiseFraction)) ProfileAugmentations.AddNoise(profile, options.NoiseFraction, rng);
        ProfileAugmentations.ScaleToMax(profile, originalMax);
    }
}
