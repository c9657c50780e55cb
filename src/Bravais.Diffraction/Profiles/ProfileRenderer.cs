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
        Span<double> output, ProfileNormalization normalization = ProfileNormalization.Height)
    {
        if (output.Length != grid.Count) throw new DiffractionException($"output has {output.Length} values for a grid of {grid.Count}");
        if (twoThetaDegrees.Length != intensity.Length) throw new DiffractionException("stick positions and intensities differ in length");
        output.Clear();
        for (var p = 0; p < twoThetaDegrees.Length; p++)
        {
            var centre = twoThetaDegrees[p];
            var height = intensity[p];
            if (normalization == ProfileNormalization.Area) height /= profile.AreaPerHeight(centre);
            if (profile is GaussianProfile g) GaussianPeaks.AddUntruncated(output, grid, centre, height, g.SigmaDegrees);
            else
                for (var i = 0; i < output.Length; i++)
                    output[i] += height * profile.Value(grid[i] - centre, centre);
        }
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

    /// <summary>The rendered pattern of a peak list with an instrument's grid and profile (its radiation must be the peak list's).</summary>
    public static Pattern Render(PeakList peaks, Instrument instrument, ProfileNormalization normalization = ProfileNormalization.Height)
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
