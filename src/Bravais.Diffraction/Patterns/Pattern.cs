namespace Bravais.Diffraction.Patterns;

/// <summary>
/// A powder pattern: intensity against 2θ (degrees) for a given wavelength (Å). Simulated patterns
/// live on an <see cref="AngleGrid"/>; measured ones may be irregular. Immutable by convention.
/// </summary>
public sealed record Pattern(double[] TwoThetaDegrees, double[] Intensity, double WavelengthAngstrom)
{
    public int Count => TwoThetaDegrees.Length;

    public static Pattern OnGrid(AngleGrid grid, double[] intensity, double wavelengthAngstrom)
    {
        if (intensity.Length != grid.Count) throw new DiffractionException($"pattern has {intensity.Length} values for a grid of {grid.Count}");
        var x = new double[grid.Count];
        for (var i = 0; i < x.Length; i++) x[i] = grid[i];
        return new Pattern(x, intensity, wavelengthAngstrom);
    }
}
