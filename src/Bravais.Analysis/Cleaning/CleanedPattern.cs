namespace Bravais.Analysis.Cleaning;

/// <summary>
/// A measured pattern after Kα2 stripping, mapping to the model's 2θ, smoothing and background removal, still on
/// the measurement's own points: <see cref="Intensity"/> (background-free; noise may dip below 0 — clipped only after broadening), the input it came from
/// (<see cref="Raw"/>) and the <see cref="Background"/> removed, with the estimated peak σ.
/// </summary>
public sealed record CleanedPattern(
    string Source,
    double WavelengthAngstrom,
    double[] TwoThetaModelDegrees,
    double[] Intensity,
    double[] Raw,
    double[] Background,
    double MeasuredSigmaDegrees,
    double MedianStepDegrees,
    IReadOnlyList<string> Steps);
