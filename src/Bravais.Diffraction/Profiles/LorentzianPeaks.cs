using System.Numerics;

namespace Bravais.Diffraction.Profiles;

/// <summary>
/// Adds a Lorentzian h / (1 + (2(x − μ)/Γ)²) to a row of grid channels (channel c at 2θ = origin + c·step) within
/// <c>reachWidths</c>·Γ of the centre; <c>leftFwhmDegrees</c> (default Γ) is the width below the centre. The Lorentzian part
/// of pseudo-Voigt peaks; <see cref="GaussianPeaks"/> draws the Gaussian part.
/// </summary>
public static class LorentzianPeaks
{
    public static void Add<T>(Span<T> row, double originDegrees, double stepDegrees, double centreDegrees, double height, double fwhmDegrees,
        double reachWidths, double leftFwhmDegrees = double.NaN) where T : IFloatingPointIeee754<T>
    {
        var left = double.IsNaN(leftFwhmDegrees) ? fwhmDegrees : leftFwhmDegrees;
        var lo = Math.Max(0, (int)Math.Ceiling((centreDegrees - reachWidths * left - originDegrees) / stepDegrees));
        var hi = Math.Min(row.Length - 1, (int)Math.Floor((centreDegrees + reachWidths * fwhmDegrees - originDegrees) / stepDegrees));
        for (var c = lo; c <= hi; c++)
        {
            var x = originDegrees + c * stepDegrees - centreDegrees;
            var u = 2 * x / (x < 0 ? left : fwhmDegrees);
            row[c] += T.CreateTruncating(height / (1 + u * u));
        }
    }
}
