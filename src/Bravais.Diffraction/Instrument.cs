using System.Text.Json.Serialization;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Profiles;

namespace Bravais.Diffraction;

/// <summary>
/// The acquisition settings that travel with every pattern (GSAS-II's instrument parameters): the
/// <see cref="Radiation"/> (its lines and their weights), the 2θ <see cref="Grid"/> the intensities sit on, and the
/// peak <see cref="Profile"/>. Presets, model inputs, the search–match comparison and the model manifests each hold
/// one; nothing else states a wavelength, grid or width. Plain data, serialised as JSON in manifests.
/// </summary>
public sealed record Instrument(Radiation Radiation, AngleGrid Grid, PeakProfile Profile)
{
    /// <summary>NANO281 / Kaggle: Cu Kα (pymatgen's weighted mean), 2θ 0.5–90° in 0.5° steps (180 points), Gaussian σ = 0.2°.</summary>
    public static Instrument Nano281 { get; } = new(Radiation.CuKa, AngleGrid.Nano281, new GaussianProfile(0.2));

    /// <summary>
    /// High resolution: Cu Kα, 2θ 5–90° in 0.05° steps (1,701 points), Gaussian σ = 0.04° (FWHM ≈ 0.094°): a laboratory
    /// Bragg–Brentano diffractometer (instrumental FWHM ≈ 0.05–0.1°), two points per FWHM, the usual scan range.
    /// </summary>
    public static Instrument HighRes { get; } = new(Radiation.CuKa, AngleGrid.FromRange(5, 90, 0.05), new GaussianProfile(0.04));

    /// <summary>
    /// The search–match comparison: Cu Kα, 2θ 5–90° in 0.1° steps, Gaussian σ = 0.15°, wide enough to forgive the
    /// 1–3 % cell differences between calculated and measured crystals that the trial d-scales do not absorb.
    /// </summary>
    public static Instrument SearchMatch { get; } = new(Radiation.CuKa, AngleGrid.FromRange(5, 90, 0.1), new GaussianProfile(0.15));

    [JsonIgnore] public double WavelengthAngstrom => Radiation.WavelengthAngstrom;

    /// <summary>The Gaussian σ (degrees) of a Gaussian profile; a clear error for any other shape.</summary>
    [JsonIgnore]
    public double GaussianSigmaDegrees => Profile is GaussianProfile g ? g.SigmaDegrees
        : throw new DiffractionException($"this use needs a Gaussian peak profile, the instrument has {Profile}");

    /// <summary>The same radiation and profile on another grid.</summary>
    public Instrument OnGrid(AngleGrid grid) => this with { Grid = grid };

    public override string ToString() => $"{Radiation}, 2θ {Grid} ({Grid.Count} points), {Profile}";
}
