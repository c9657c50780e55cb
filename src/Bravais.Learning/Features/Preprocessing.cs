namespace Bravais.Learning.Features;

/// <summary>Intensity transform applied to every grid value before normalisation.</summary>
public enum IntensityScaling { None, Sqrt, Log1p }

/// <summary>Which features a model sees: the (scaled) profile, the peak features, or both side by side.</summary>
public enum FeatureSet { Profile, Peaks, Both }

/// <summary>
/// The preprocessing pipeline saved with every model, applied in this order to each raw pattern:
/// 1. peak features are extracted from the raw profile (<see cref="PeakFeatures"/>), when asked for;
/// 2. the profile is divided by its maximum (<see cref="NormaliseMax"/>; the max becomes 1, an all-zero pattern stays zero);
/// 3. the profile is scaled (<see cref="Scaling"/>: none, sqrt or log1p of the normalised value × <see cref="LogScale"/>);
/// 4. profile and/or peak features are concatenated as <see cref="Features"/> says.
/// Plain data: serialised as JSON in the model manifest.
/// </summary>
public sealed record Preprocessing(
    IntensityScaling Scaling = IntensityScaling.Sqrt,
    bool NormaliseMax = true,
    FeatureSet Features = FeatureSet.Both,
    int PeakCount = PeakFeatureExtractor.DefaultPeakCount,
    double LogScale = 100)
{
    public override string ToString() =>
        $"{(NormaliseMax ? "max-normalise → " : "")}{Scaling.ToString().ToLowerInvariant()} → {Features.ToString().ToLowerInvariant()}" +
        (Features == FeatureSet.Profile ? "" : $" ({PeakCount} peaks)");
}
