namespace Bravais.Diffraction.Physics;

/// <summary>
/// An X-ray tube anode's characteristic lines in Å: Kα1, Kα2, Kβ1 and the unresolved Kα, the intensity-weighted mean
/// (2 Kα1 + Kα2) / 3 (Kα2/Kα1 = <see cref="KAlpha2Ratio"/>) as the table rounds it.
/// </summary>
public sealed record Anode(string Element, double KAlphaAngstrom, double KAlpha1Angstrom, double KAlpha2Angstrom, double KBeta1Angstrom)
{
    /// <summary>Intensity ratio Kα2/Kα1 (≈ 0.5 for every common anode).</summary>
    public const double KAlpha2Ratio = 0.5;
}

/// <summary>
/// The one wavelength table of Bravais. Values: Bearden (1967), Rev. Mod. Phys. 39, 78, as pymatgen 2022.11 tabulates
/// them in <c>XRDCalculator.WAVELENGTHS</c> (so that simulated patterns agree with pymatgen's and with the NANO281 data),
/// with two additions: Ni (not in pymatgen's table; Bearden's values) and Co Kβ1 = 1.62079 Å (Bearden; pymatgen's
/// 1.63079 is a misprint). Kα is the tabulated weighted mean, not recomputed, so that "CuKa" stays pymatgen's value.
/// </summary>
public static class Anodes
{
    public static IReadOnlyList<Anode> All { get; } =
    [
        new("Cu", 1.54184, 1.54056, 1.54439, 1.39222),
        new("Mo", 0.71073, 0.70930, 0.71359, 0.63229),
        new("Cr", 2.29100, 2.28970, 2.29361, 2.08487),
        new("Fe", 1.93735, 1.93604, 1.93998, 1.75661),
        new("Co", 1.79026, 1.78896, 1.79285, 1.62079),
        new("Ag", 0.560885, 0.559421, 0.563813, 0.497082),
        new("Ni", 1.65919, 1.65791, 1.66175, 1.50014),
    ];

    /// <summary>The anode of an element symbol (case-insensitive), or null.</summary>
    public static Anode? Find(string element) =>
        All.FirstOrDefault(a => string.Equals(a.Element, element, StringComparison.OrdinalIgnoreCase));
}
