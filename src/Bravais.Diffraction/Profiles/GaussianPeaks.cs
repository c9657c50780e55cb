using System.Numerics;
using Bravais.Diffraction.Patterns;

namespace Bravais.Diffraction.Profiles;

/// <summary>
/// The one Gaussian peak renderer: adds h·exp(−(x − μ)²/(2σ²)) to a row of grid channels, either over the whole grid
/// (<see cref="AddUntruncated"/>: every peak reaches every point, as NANO281's smearing does) or within a reach of a few
/// σ (<see cref="Add{T}"/>: search–match rows, measured-style rendering; a split Gaussian with its own σ on each side for
/// axially-diverged low-angle peaks). Allocation-free.
/// </summary>
public static class GaussianPeaks
{
    /// <summary>
    /// Adds the Gaussian at every grid point, walking outwards from the point nearest μ with g_{m+1} = g_m · r_m,
    /// r_{m+1} = r_m · exp(−Δ²/σ²) (two multiplications a point), re-anchored with a direct exp every 32 steps; stops in
    /// a direction once the term underflows to zero.
    /// </summary>
    public static void AddUntruncated(Span<double> output, AngleGrid grid, double centreDegrees, double height, double sigmaDegrees)
    {
        var n = output.Length;
        var step = grid.StepDegrees;
        var inv2s2 = 1.0 / (2.0 * sigmaDegrees * sigmaDegrees);
        var nearest = (int)Math.Round((centreDegrees - grid.StartDegrees) / step);
        nearest = Math.Clamp(nearest, 0, n - 1);
        var c = Math.Exp(-step * step / (sigmaDegrees * sigmaDegrees));
        Walk(nearest, +1, centreDegrees, height, inv2s2, c, grid, output);
        Walk(nearest - 1, -1, centreDegrees, height, inv2s2, c, grid, output);
    }

    private static void Walk(int from, int direction, double mu, double height, double inv2s2, double c, AngleGrid grid, Span<double> output)
    {
        var step = grid.StepDegrees;
        double g = 0, r = 0;
        for (int i = from, m = 0; i >= 0 && i < output.Length; i += direction, m++)
        {
            if ((m & 31) == 0)
            {
                var d = grid[i] - mu;
                g = Math.Exp(-d * d * inv2s2);
                // ratio to the next point: exp(−((d + sΔ)² − d²)/(2σ²)) with s = direction
                var dn = d + direction * step;
                r = Math.Exp(-(dn * dn - d * d) * inv2s2);
            }
            else
            {
                g *= r;
                r *= c;
            }
            if (g == 0) break;
            output[i] += height * g;
        }
    }

    /// <summary>
    /// Adds the Gaussian to <paramref name="row"/>, whose channel c sits at 2θ = <paramref name="originDegrees"/> + c·step,
    /// over the channels within <paramref name="reachSigmas"/>·σ of the centre. <paramref name="leftSigmaDegrees"/> (default
    /// σ) is the width below the centre.
    /// </summary>
    public static void Add<T>(Span<T> row, double originDegrees, double stepDegrees, double centreDegrees, double height, double sigmaDegrees,
        double reachSigmas, double leftSigmaDegrees = double.NaN) where T : IFloatingPointIeee754<T>
    {
        var left = double.IsNaN(leftSigmaDegrees) ? sigmaDegrees : leftSigmaDegrees;
        var lo = Math.Max(0, (int)Math.Ceiling((centreDegrees - reachSigmas * left - originDegrees) / stepDegrees));
        var hi = Math.Min(row.Length - 1, (int)Math.Floor((centreDegrees + reachSigmas * sigmaDegrees - originDegrees) / stepDegrees));
        var inverse = 1 / sigmaDegrees;
        var inverseLeft = 1 / left;
        for (var c = lo; c <= hi; c++)
        {
            var x = originDegrees + c * stepDegrees - centreDegrees;
            var u = x * (x < 0 ? inverseLeft : inverse);
            row[c] += T.CreateTruncating(height * Math.Exp(-0.5 * u * u));
        }
    }
}
