namespace Bravais.Crystallography.Structures;

/// <summary>
/// The largest structure the readers build. A site costs about 150 bytes (record, occupant array, label), so
/// 5,000,000 sites take about 0.75 GB — within a 2 GB heap with room for the powder calculation — and leave a
/// margin of four over the largest real input met so far (a 50 MB CIF of 1.27 M atoms). A file asking for more
/// (a POSCAR count of 10⁹, 10⁵ atoms times 192 operations) is refused before anything is allocated.
/// </summary>
public static class StructureLimits
{
    public const int MaxSites = 5_000_000;

    /// <summary>
    /// The largest |fractional coordinate| accepted: a million cells. Beyond it the position is lost to rounding
    /// (1e16 has no fractional part in a double, 1e308 Cartesian overflows to a NaN position) — such a number is a
    /// typing or conversion error, refused instead of silently placing the atom at the origin.
    /// </summary>
    public const double MaxFractionalCoordinate = 1e6;
}
