using Bravais.Diffraction.Physics;

namespace Bravais.Analysis.Peaks;

/// <summary>Settings of <see cref="PeakSearch"/>. Defaults suit laboratory scans and high-resolution simulated patterns alike.</summary>
public sealed record PeakSearchOptions
{
    /// <summary>The radiation, taken as given; null takes the pattern's (<see cref="RadiationLines.ForPeakSearch"/>: a stated Kα mean means the doublet).</summary>
    public Radiation? Radiation { get; init; }

    /// <summary>Detection threshold: the matched-filter response of a peak must exceed this many standard deviations of its noise.</summary>
    public double MinSignificance { get; init; } = 4.0;

    /// <summary>A fitted peak is kept when its integrated intensity exceeds this many of its standard errors.</summary>
    public double MinAreaSignificance { get; init; } = 2.5;

    /// <summary>Peaks below this fraction of the strongest fitted height are dropped (noise floor of noiseless simulations).</summary>
    public double MinRelativeHeight { get; init; } = 0.002;

    /// <summary>At most this many peaks, the strongest kept.</summary>
    public int MaxPeaks { get; init; } = 300;

    /// <summary>At most this many peaks fitted together in one overlapping group (larger groups are split at their widest gap).</summary>
    public int MaxPeaksPerGroup { get; init; } = 10;

    public static PeakSearchOptions Default { get; } = new();
}

/// <summary>
/// One reflection found in a pattern: the primary line's position (Kα1 where the radiation is a doublet) with its
/// estimated standard deviation, the d-spacing at the primary wavelength, the fitted height and integrated
/// intensity of the primary line (the Kα2 twin adds the radiation's Kα2 ratio of it), the full
/// width at half maximum and Lorentzian fraction of its pseudo-Voigt, and the detection significance.
/// </summary>
public sealed record FittedPeak(
    double TwoThetaDegrees,
    double TwoThetaEsdDegrees,
    double DSpacingAngstrom,
    double Height,
    double IntegratedIntensity,
    double FwhmDegrees,
    double Eta,
    double Significance);

/// <summary>
/// What <see cref="PeakSearch"/> found in one pattern: the peaks in increasing 2θ, the data it worked on (2θ in
/// degrees, intensities), the background it subtracted, the fitted model (background + all profiles), the noise
/// standard deviation at the background level, and the radiation used.
/// </summary>
public sealed record PeakSearchResult(
    string Source,
    Radiation Radiation,
    IReadOnlyList<FittedPeak> Peaks,
    double[] TwoThetaDegrees,
    double[] Intensity,
    double[] Background,
    double[] Model,
    double NoiseSigma,
    double TypicalFwhmDegrees);
