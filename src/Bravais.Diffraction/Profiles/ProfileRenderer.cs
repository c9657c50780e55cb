using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Powder;

namespace Bravais.Diffraction.Profiles;

/// <summary>
/// Renders a stick pattern on a 2θ grid: y(x) = Σ_k I_k · shape_k(x − 2θ_k), with the shape height- or
/// area-normalised. No truncation: every peak contributes at every point (Gaussian tails are evaluated by an
/// exact multiplicative recurrence on uniform grids, <see cref="GaussianPeaks.AddUntruncated"/>). Nothing is renormalised
/// after smearing. Allocation-free for span outputs.
/// </summary>
public static class ProfileRenderer
{
    /// <summary>Renders sticks (2θ in degrees, intensities) into <paramref name="output"/> (length = grid count), overwriting it.</summary>
    public static void Render(ReadOnlySpan<double> twoThetaDegrees, ReadOnlySpan<double> intensity, AngleGrid grid, PeakProfile profile,
        Span<double> output, ProfileNormalisation normalization = ProfileNormalisation.Height)
    {
        if (output.Length != grid.Count) throw new DiffractionException($"output has {output.Length} values for a grid of {grid.Count}");
        if (twoThetaDegrees.Length != intensity.Length) throw new DiffractionException("stick positions and intensities differ in length");
        CheckWork(twoThetaDegrees.Length, grid, profile);
        output.Clear();
        for (var p = 0; p < twoThetaDegrees.Length; p++)
        {
            var centre = twoThetaDegrees[p];
            var height = intensity[p];
            if (normalization == ProfileNormalisation.Area) height /= profile.AreaPerHeight(centre);
            if (profile is GaussianProfile g) GaussianPeaks.AddUntruncated(output, grid, centre, height, g.SigmaDegrees);
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
        Span<double> output, ProfileNormalisation normalization = ProfileNormalisation.Height)
    {
        if (output.Length != x.Length) throw new DiffractionException($"output has {output.Length} values for {x.Length} positions");
        output.Clear();
        for (var p = 0; p < twoThetaDegrees.Length; p++)
        {
            var centre = twoThetaDegrees[p];
            var height = intensity[p];
            if (normalization == ProfileNormalisation.Area) height /= profile.AreaPerHeight(centre);
            for (var i = 0; i < output.Length; i++)
                output[i] += height * profile.Value(x[i] - centre, centre);
        }
    }

    /// <summary>The rendered pattern of a peak list with an instrument's grid and profile (its radiation must be the peak list's).</summary>
    public static Pattern Render(PeakList peaks, Instrument instrument, ProfileNormalisation normalization = ProfileNormalisation.Height)
    {
        if (instrument.Radiation != peaks.Radiation)
            throw new DiffractionException($"the peaks were calculated for {peaks.Radiation}, the instrument has {instrument.Radiation}");
        var grid = instrument.Grid;
        var tt = new double[peaks.Count];
        var y = new double[peaks.Count];
        for (var i = 0; i < peaks.Count; i++) { tt[i] = peaks.Peaks[i].TwoThetaDegrees; y[i] = peaks.Peaks[i].Intensity; }
        var output = new double[grid.Count];
        Render(tt, y, grid, instrument.Profile, output, normalization);
        return new Pattern(instrument, output);
    }
}
