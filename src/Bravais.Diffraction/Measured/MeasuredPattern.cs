using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// A measured powder pattern as read from a file, before any preprocessing: abscissa values in strictly
/// increasing order (<see cref="Kind"/> says whether they are 2θ, Q or d), intensities, optional standard
/// uncertainties, the radiation (wavelength and lines) when the file or the user gave one, and what the reader learnt on the way.
/// </summary>
public sealed record MeasuredPattern(
    string Source,
    Abscissa Kind,
    double[] X,
    double[] Intensity,
    double[]? Uncertainty,
    Radiation? Radiation,
    IReadOnlyDictionary<string, string> Metadata)
{
    public int Count => X.Length;

    /// <summary>The wavelength (Å) the peak positions are read with, when known.</summary>
    public double? WavelengthAngstrom => Radiation?.WavelengthAngstrom;

    /// <summary>The d-spacing (Å) of point <paramref name="i"/>; needs a wavelength for 2θ data.</summary>
    public double DSpacingAngstrom(int i) => Kind switch
    {
        Abscissa.DSpacingAngstrom => X[i],
        Abscissa.QInverseAngstrom => 2 * Math.PI / X[i],
        _ => Bragg.DSpacingAngstrom(X[i], RequireWavelength()),
    };

    /// <summary>The wavelength, or a clear error saying how to give one.</summary>
    public double RequireWavelength() =>
        WavelengthAngstrom ?? throw new DiffractionException(
            "the wavelength is not known: the file does not state it; give it with --wavelength (Å) or an anode name such as Cu",
            new Crystallography.SourceLocation(Source));
}
