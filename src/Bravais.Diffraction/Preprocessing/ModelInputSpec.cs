using Bravais.Diffraction.Patterns;

namespace Bravais.Diffraction.Preprocessing;

/// <summary>
/// What a model was trained on: the 2θ grid, the wavelength the grid is in, and the Gaussian peak width
/// (σ, degrees 2θ) of its training patterns. Measured data is mapped onto this through d-spacing.
/// </summary>
public sealed record ModelInputSpec(AngleGrid Grid, double WavelengthAngstrom, double PeakSigmaDegrees)
{
    /// <summary>The NANO281 grid (0.5–90°, 0.5° step) at Cu Kα (pymatgen's 1.54184 Å) with σ = 0.2°.</summary>
    public static ModelInputSpec Nano281 { get; } = new(AngleGrid.Nano281, 1.54184, 0.2);
}
