using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Powder;

namespace Bravais.Diffraction.Profiles;

/// <summary>
/// Renders a stick pattern on a 2θ grid: y(x) = Σ_k I_k · shape_k(x − 2θ_k), with the shape height- or
/// area-normalised. No truncation: every peak contributes at every point (Gaussian tails are evaluated by an
/// exact multiplicative recurrence on uniform grids, two multiplications per point). Nothing is renormalised
/// after smearing. Allocation-free for span outputs.
/// </summary>
public static class ProfileRenderer
{
    /// <summary>Renders sticks (2θ in degrees, intensities) into <paramref name="output"/> (length = grid count), overwriting it.</summary>
    public static void Render(ReadOnlySpan<double> twoThetaDegrees, ReadOnlySpan<double> intensity, AngleGrid grid, PeakProfile profile,
        Span<double> output, ProfileNormalization normalization = ProfileNormalization.Height)
    {
        if (output.Length != grid.Count) throw new DiffractionException($"output has {output.Length} values for a grid of {grid.Count}");
        if (twoThetaDegrees.Length != intensity.Length) throw new DiffractionException("stick positions and intensities differ in length");
        CheckWork(twoThetaDegrees.Length, grid, profile);
        output.Clear();
        for (var p = 0; p < twoThetaDegrees.Length; p++)
        {
            var centre = twoThetaDegrees[p];
            var height = intensity[p];
            if (normalization == ProfileNormalization.Area) height /= profile.AreaPerHeight(centre);
            if (profile is GaussianProfile g) AddGaussian(centre, height, g.SigmaDegrees, grid, output);
            else
                for (var i = 0; i < output.Length; i++)
                    output[i] += height * profile.Value(grid[i] - centre, centre);
        }
    }

    /// <summary>
    /// The most profile evaluations one rendering may take: 2·10⁹, a few seconds. A Gaussian is evaluated only
    /// until it underflows (38.6 σ either side), other shapes at every grid point, so a million peaks on a
    /// million-point grid with a Lorentzian (10¹², hours) is refused with the reason instead.
    /// </summary>
    public const double MaxEvaluations = 2e9;

    private static void CheckWork(int peaks, AngleGrid grid, PeakProfile profile)
    {
        var perPeak = profile is GaussianProfile g ? Math.Min(grid.Count, 2 * 38.6 * g.SigmaDegrees / grid.StepDegrees + 2) : grid.Count;
        var work = peaks * perPeak;
        if (work > MaxEvaluations)
            throw new DiffractionException(FormattableString.Invariant(
                $"rendering {peaks} peaks on a grid of {grid.Count} points would take about {work:G3} profile evaluations, more than the limit of {MaxEvaluations:G3}; use a coarser grid or a narrower 2θ range"));
    }

    /// <summary>Renders sticks at arbitrary 2θ positions <paramref name="x"/> (e.g. a measured pattern's).</summary>
    public static void Render(ReadOnlySpan<double> twoThetaDegrees, ReadOnlySpan<double> intensity, ReadOnlySpan<double> x, PeakProfile profile,
        Span<double> output, ProfileNormalization normalization = ProfileNormalization.Height)
    {
        if (output.Length != x.Length) throw new DiffractionException($"output has {output.Length} values for {x.Length} positions");
        output.Clear();
        for (var p = 0; p < twoThetaDegrees.Length; p++)
        {
            var centre = twoThetaDegrees[p];
            var height = intensity[p];
            if (normalization == ProfileNormalization.Area) height /= profile.AreaPerHeight(centre);
            for (var i = 0; i < output.Length; i++)
                output[i] += height * profile.Value(x[i] - centre, centre);
        }
    }

    /// <summary>The rendered pattern of a peak list on a grid.</summary>
    public static Pattern Render(PeakList peaks, AngleGrid grid, PeakProfile profile, ProfileNormalization normalization = ProfileNormalization.Height)
    {
        var tt = new double[peaks.Count];
        var y = new double[peaks.Count];
        for (var i = 0; i < peaks.Count; i++) { tt[i] = peaks.Peaks[i].TwoThetaDegrees; y[i] = peaks.Peaks[i].Intensity; }
        var output = new double[grid.Count];
        Render(tt, y, grid, profile, output, normalization);
        return Pattern.OnGrid(grid, output, peaks.Radiation.WavelengthAngstrom);
    }

    /// <summary>
    /// Adds h·exp(−(x_i − μ)²/(2σ²)) at every grid point, walking outwards from the point nearest μ with
    /// g_{m+1} = g_m · r_m, r_{m+1} = r_m · exp(−Δ²/σ²), re-anchored with a direct exp every 32 steps.
    /// Stops in a direction once the term underflows to zero.
    /// </summary>
    private static void AddGaussian(double mu, double height, double sigma, AngleGrid grid, Span<double> output)
    {
        var n = output.Length;
        var step = grid.StepDegrees;
        var inv2s2 = 1.0 / (2.0 * sigma * sigma);
        var nearest = (int)Math.Round((mu - grid.StartDegrees) / step);
        nearest = Math.Clamp(nearest, 0, n - 1);
        var c = Math.Exp(-step * step / (sigma * sigma));
        WalkGaussian(nearest, +1, mu, height, inv2s2, c, grid, output);
        WalkGaussian(nearest - 1, -1, mu, height, inv2s2, c, grid, output);
    }

    private static void WalkGaussian(int from, int direction, double mu, double height, double inv2s2, double c, AngleGrid grid, Span<double> output)
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
}
