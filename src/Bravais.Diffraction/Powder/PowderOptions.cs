using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Powder;

/// <summary>
/// Settings of a powder calculation. Defaults reproduce pymatgen 2022.11 <c>XRDCalculator().get_pattern(s)</c>:
/// Cu Kα, 2θ from 0 to 90°, intensities scaled so the strongest peak is 100, no Debye–Waller damping.
/// </summary>
public sealed record PowderOptions
{
    public Radiation Radiation { get; init; } = Radiation.CuKa;
    public double TwoThetaMinDegrees { get; init; } = 0.0;
    /// <summary>Upper end of the 2θ range (≤ 180°; 180 = every reflection in the limiting sphere).</summary>
    public double TwoThetaMaxDegrees { get; init; } = 90.0;
    /// <summary>Scale intensities so the strongest peak is 100 (pymatgen's default); false keeps |F|²·LP.</summary>
    public bool Scaled { get; init; } = true;
    /// <summary>Isotropic Debye–Waller B (Å²) per element symbol, as pymatgen's <c>debye_waller_factors</c>.</summary>
    public IReadOnlyDictionary<string, double>? DebyeWallerByElement { get; init; }
    /// <summary>Use each site's own B_iso (from the CIF) where no per-element B is given. pymatgen ignores them, so off by default.</summary>
    public bool UseSiteDisplacement { get; init; }

    /// <summary>
    /// Refuse a structure whose estimated reflection count (<see cref="ReflectionLimit.Estimate"/>) exceeds this; 0 = no limit.
    /// See <see cref="ReflectionLimit.DefaultMaxReflections"/> for the default and its reasons.
    /// </summary>
    public long MaxReflections { get; init; } = ReflectionLimit.DefaultMaxReflections;

    public static PowderOptions Default { get; } = new();

    /// <summary>pymatgen's tolerance (degrees) within which two reflections count as one peak.</summary>
    public const double TwoThetaMergeToleranceDegrees = 1e-5;

    /// <summary>pymatgen drops merged peaks whose intensity is at most this much on the 0–100 scale (numerical zeros of absences).</summary>
    public const double ScaledIntensityTolerance = 1e-3;

    internal void Validate()
    {
        if (!(TwoThetaMinDegrees >= 0 && TwoThetaMaxDegrees <= 180 && TwoThetaMinDegrees < TwoThetaMaxDegrees))
            throw new DiffractionException(FormattableString.Invariant($"2θ range {TwoThetaMinDegrees}–{TwoThetaMaxDegrees}° is invalid (need 0 ≤ min < max ≤ 180)"));
        if (MaxReflections < 0)
            throw new DiffractionException(FormattableString.Invariant($"the reflection limit {MaxReflections} must be positive (or 0 for none)"));
    }
}
