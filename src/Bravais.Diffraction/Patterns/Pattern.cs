namespace Bravais.Diffraction.Patterns;

/// <summary>
/// A rendered powder pattern: intensities on its <see cref="Instrument"/>'s grid, with the radiation and profile they
/// were rendered with. (A measured file, irregular and with counts, is a <c>MeasuredPattern</c>.) Immutable by convention.
/// </summary>
public sealed record Pattern(Instrument Instrument, double[] Intensity)
{
    public int Count => Intensity.Length;
    public double WavelengthAngstrom => Instrument.WavelengthAngstrom;

    /// <summary>The 2θ (degrees) of every point, from the grid.</summary>
    public double[] TwoThetaDegrees => Instrument.Grid.Values();
}
