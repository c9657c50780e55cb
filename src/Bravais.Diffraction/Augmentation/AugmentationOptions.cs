namespace Bravais.Diffraction.Augmentation;

/// <summary>
/// Named, seeded augmentations of a powder profile, each with its magnitude (0 = off) and applied with
/// probability <see cref="Probability"/>. Magnitudes are relative to the pattern's maximum intensity or
/// in degrees 2θ. Defaults mimic the gap between simulated and laboratory patterns:
/// <list type="bullet">
/// <item><see cref="NoiseFraction"/>: Gaussian noise σ as a fraction of the maximum, with a √I (counting, Poisson-like) part.</item>
/// <item><see cref="BackgroundFraction"/>: smooth background (low-angle decay + slope + broad amorphous hump) up to this fraction of the maximum.</item>
/// <item><see cref="PeakBroadeningDegrees"/>: extra Gaussian broadening σ drawn up to this (crystallite size / instrument).</item>
/// <item><see cref="ZeroShiftDegrees"/>: 2θ zero-point shift drawn uniformly in ±this.</item>
/// <item><see cref="IntensityJitter"/>: smooth multiplicative field exp(N(0, σ)) along 2θ (absorption, counting statistics of grains).</item>
/// <item><see cref="PreferredOrientation"/>: each peak rescaled by a factor in [1 − a, 1 + a] (texture, March–Dollase-like).</item>
/// <item><see cref="ImpurityPeaks"/>: up to this many extra Gaussian peaks of height ≤ <see cref="ImpurityFraction"/> of the maximum (second phase).</item>
/// </list>
/// </summary>
public sealed record AugmentationOptions
{
    public double Probability { get; init; } = 0.5;
    public double NoiseFraction { get; init; } = 0.01;
    public double BackgroundFraction { get; init; } = 0.05;
    public double PeakBroadeningDegrees { get; init; } = 0.1;
    public double ZeroShiftDegrees { get; init; } = 0.05;
    public double IntensityJitter { get; init; } = 0.1;
    public double PreferredOrientation { get; init; } = 0.3;
    public int ImpurityPeaks { get; init; } = 2;
    public double ImpurityFraction { get; init; } = 0.05;

    /// <summary>Nothing applied.</summary>
    public static AugmentationOptions None => new()
    {
        Probability = 0, NoiseFraction = 0, BackgroundFraction = 0, PeakBroadeningDegrees = 0, ZeroShiftDegrees = 0,
        IntensityJitter = 0, PreferredOrientation = 0, ImpurityPeaks = 0, ImpurityFraction = 0,
    };

    /// <summary>The defaults above.</summary>
    public static AugmentationOptions Default => new();

    /// <summary>The named options that are switched on, e.g. "noise=0.01, zero-shift=0.05°" (for manifests and logs).</summary>
    public string Describe()
    {
        if (Probability <= 0) return "none";
        var parts = new List<string>();
        void Add(string name, double value, string unit = "") { if (value > 0) parts.Add(FormattableString.Invariant($"{name}={value:0.####}{unit}")); }
        Add("noise", NoiseFraction);
        Add("background", BackgroundFraction);
        Add("peak-broadening", PeakBroadeningDegrees, "°");
        Add("zero-shift", ZeroShiftDegrees, "°");
        Add("intensity-jitter", IntensityJitter);
        Add("preferred-orientation", PreferredOrientation);
        if (ImpurityPeaks > 0 && ImpurityFraction > 0) parts.Add(FormattableString.Invariant($"impurity-peaks={ImpurityPeaks}×{ImpurityFraction:0.###}"));
        return parts.Count == 0 ? "none" : FormattableString.Invariant($"p={Probability:0.##}: ") + string.Join(", ", parts);
    }
}
