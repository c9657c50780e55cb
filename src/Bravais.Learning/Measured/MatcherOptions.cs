using System.Text.Json.Serialization;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Preprocessing;

namespace Bravais.Learning.Measured;

/// <summary>
/// Settings of the reference-pattern matcher (recorded in the model manifest): the comparison grid (2θ at
/// <see cref="WavelengthAngstrom"/>), the common peak width σ both sides are rendered with, the trial d-spacing
/// scales (1 + ScaleMin … 1 + ScaleMax in ScaleStep) that absorb the ~1–3 % cell differences between calculated
/// (DFT) and measured crystals, the number of neighbours that vote, and the vote temperature.
/// </summary>
public sealed record MatcherOptions(
    double StartDegrees = 5,
    double StopDegrees = 90,
    double StepDegrees = 0.1,
    double SigmaDegrees = 0.15,
    double WavelengthAngstrom = 1.54184,
    double ScaleMin = -0.03,
    double ScaleMax = 0.02,
    double ScaleStep = 0.005,
    int Neighbours = 10,
    double VoteTemperature = 0.02)
{
    [JsonIgnore] public AngleGrid Grid => AngleGrid.FromRange(StartDegrees, StopDegrees, StepDegrees);
    [JsonIgnore] public ModelInputSpec Spec => new(Grid, WavelengthAngstrom, SigmaDegrees);

    public double[] Scales()
    {
        var n = (int)Math.Round((ScaleMax - ScaleMin) / ScaleStep) + 1;
        return Enumerable.Range(0, n).Select(i => 1 + ScaleMin + i * ScaleStep).ToArray();
    }
}
