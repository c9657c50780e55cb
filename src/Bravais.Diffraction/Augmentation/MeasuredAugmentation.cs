namespace Bravais.Diffraction.Augmentation;

/// <summary>
/// How <see cref="MeasuredStyleRenderer"/> turns simulated sticks into something that looks like a laboratory
/// measurement (recorded in model manifests). Every range is sampled uniformly per pattern; the optional effects at the
/// end are off at their defaults (0), so that a pattern drawn with the defaults does not depend on them.
/// </summary>
public sealed record MeasuredAugmentation(
    double CellMismatchMax = 0.02,          // isotropic d scale 1 ± this (calculated vs measured cell)
    double PeakPositionJitter = 0.002,      // extra relative d jitter per peak (anisotropic cell errors)
    double IntensityJitter = 0.25,          // log-normal σ of each peak's intensity factor
    double PreferredOrientationMax = 0.4,   // March–Dollase r in [1 − max, 1]; random preferred axis on the peak list
    double ImpurityProbability = 0.2,       // chance of a second phase …
    double ImpurityFractionMax = 0.15,      // … with at most this weight
    double MissingWeakPeaks = 0.3,          // fraction of peaks below 5 % that vanish in the noise
    double CagliotiWMin = 0.002, double CagliotiWMax = 0.02, // FWHM² = U tan²θ + V tanθ + W (deg²); U, V scaled from W
    double AsymmetryMax = 0.3,              // low-angle tail weight (axial divergence) below 40°
    double ZeroShiftMaxDegrees = 0.05,
    double DisplacementMaxDegrees = 0.08,   // sample displacement: Δ2θ = −s cos θ
    bool KAlpha2 = true,                    // every line of the radiation (Kα2 of a Kα doublet) or only the strongest
    double BackgroundMax = 0.3,             // smooth polynomial background, up to this fraction of the strongest peak
    double AmorphousHumpMax = 0.2,          // broad hump (σ 4–8°) at 18–30°
    double CountsMin = 300, double CountsMax = 20000, // Poisson noise: counts at the strongest peak
    double LorentzianFractionMax = 0,       // pseudo-Voigt η in [0, max] (0: Gaussian peaks)
    double CrystalliteSizeMinNm = 0, double CrystalliteSizeMaxNm = 0) // Scherrer broadening 0.9 λ / (L cos θ), L log-uniform (0: none)
{
    public static MeasuredAugmentation Default { get; } = new();
}
