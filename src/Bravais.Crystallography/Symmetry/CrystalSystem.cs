namespace Bravais.Crystallography.Symmetry;

/// <summary>The seven crystal systems, in International Tables order.</summary>
public enum CrystalSystem { Triclinic, Monoclinic, Orthorhombic, Tetragonal, Trigonal, Hexagonal, Cubic }

public static class CrystalSystems
{
    /// <summary>The crystal system of space-group type 1–230 (International Tables Vol. A ranges).</summary>
    public static CrystalSystem FromSpaceGroupNumber(int number) => number switch
    {
        >= 1 and <= 2 => CrystalSystem.Triclinic,
        <= 15 and >= 3 => CrystalSystem.Monoclinic,
        <= 74 and >= 16 => CrystalSystem.Orthorhombic,
        <= 142 and >= 75 => CrystalSystem.Tetragonal,
        <= 167 and >= 143 => CrystalSystem.Trigonal,
        <= 194 and >= 168 => CrystalSystem.Hexagonal,
        <= 230 and >= 195 => CrystalSystem.Cubic,
        _ => throw new ArgumentOutOfRangeException(nameof(number), number, "space-group number must be 1–230"),
    };

    /// <summary>Lower-case name as used in labels files: triclinic, monoclinic, …</summary>
    public static string Name(this CrystalSystem system) => system.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out CrystalSystem system) =>
        Enum.TryParse(text.Trim().Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out system);
}
