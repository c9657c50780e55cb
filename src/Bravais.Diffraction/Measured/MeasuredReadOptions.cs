using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// What the user says about a file that the file may not say itself. A radiation or abscissa given here wins
/// over what the header states (the header's wavelength is kept in the metadata as <c>wavelength.file</c>).
/// </summary>
public sealed record MeasuredReadOptions(Radiation? Radiation = null, Abscissa? Abscissa = null, int MinimumPoints = 16)
{
    public static MeasuredReadOptions Default { get; } = new();
}
