namespace Bravais.Analysis.Cleaning;

/// <summary>How the measured intensities are scaled after background removal.</summary>
public enum Normalisation
{
    /// <summary>Highest covered channel = 1.</summary>
    Max,
    /// <summary>Sum over covered channels = 1.</summary>
    Area,
    /// <summary>Left as is.</summary>
    None,
}

/// <summary>
/// Preprocessing steps for a measured pattern, recorded in a model's manifest so that prediction repeats
/// exactly what the model was tuned with. Windows are in degrees 2θ of the model's wavelength.
/// <list type="bullet">
/// <item><see cref="StripKAlpha2"/>: Rachinger stripping in the file's own 2θ (needs a 2θ abscissa and a
/// known anode; <see cref="AnodeElement"/>); after it the pattern's wavelength is Kα1.</item>
/// <item><see cref="SmoothingHalfWidth"/> &gt; 0: Savitzky–Golay smoothing of that half-width (points) and <see cref="SmoothingOrder"/>.</item>
/// <item><see cref="SnipWindowDegrees"/> &gt; 0: SNIP background subtraction with that clipping window.</item>
/// <item><see cref="BroadenToModel"/>: Gaussian broadening so the peak σ matches the model's (never sharpening).</item>
/// <item><see cref="Normalisation"/> over the covered channels.</item>
/// </list>
/// Channels of the model grid outside the measured range are <b>not covered</b>: they get the value
/// <see cref="UncoveredFill"/> and are flagged in <see cref="PreprocessedPattern.Covered"/>; the measured
/// recipe trains with random range cropping using the same fill, and its matcher ignores those channels.
/// </summary>
public sealed record PreprocessingOptions(
    double SnipWindowDegrees = 2.0,
    int SmoothingHalfWidth = 0,
    int SmoothingOrder = 2,
    bool StripKAlpha2 = false,
    string AnodeElement = "Cu",
    bool BroadenToModel = true,
    Normalisation Normalisation = Normalisation.Max,
    float UncoveredFill = 0f)
{
    public static PreprocessingOptions Default { get; } = new();

    /// <summary>One line naming every step and setting, for manifests and reports.</summary>
    public string Describe() => FormattableString.Invariant(
        $"kalpha2-strip={(StripKAlpha2 ? AnodeElement : "off")}; savitzky-golay={(SmoothingHalfWidth > 0 ? $"{2 * SmoothingHalfWidth + 1}pt/order{SmoothingOrder}" : "off")}; snip={(SnipWindowDegrees > 0 ? $"{SnipWindowDegrees}deg" : "off")}; broaden={(BroadenToModel ? "to-model" : "off")}; normalise={Normalisation}; uncovered-fill={UncoveredFill}");
}
