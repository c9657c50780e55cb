using Bravais.Diffraction;
using Bravais.Diffraction.Patterns;

namespace Bravais.Analysis.Cleaning;

/// <summary>
/// A measured pattern made ready for a model: <see cref="Values"/> on the model instrument's grid, <see cref="Covered"/>
/// saying which channels the measurement reached (uncovered ones hold the fill value), and, for plots and
/// checks, the cleaned pattern and its estimated background on the measurement's own points (in the model's 2θ).
/// </summary>
public sealed record PreprocessedPattern(
    Instrument Model,
    float[] Values,
    bool[] Covered,
    double[] TwoThetaModelDegrees,
    double[] Raw,
    double[] Background,
    double MeasuredSigmaDegrees,
    IReadOnlyList<string> Steps)
{
    public int CoveredCount => Covered.Count(c => c);
    public double CoveredFraction => (double)CoveredCount / Covered.Length;

    /// <summary>The covered range of the model grid in degrees, or null when nothing is covered.</summary>
    public (double From, double To)? CoveredRangeDegrees
    {
        get
        {
            var first = Array.IndexOf(Covered, true);
            var last = Array.LastIndexOf(Covered, true);
            return first < 0 ? null : (Model.Grid[first], Model.Grid[last]);
        }
    }

    public Pattern ToPattern() => new(Model, Array.ConvertAll(Values, v => (double)v));
}
