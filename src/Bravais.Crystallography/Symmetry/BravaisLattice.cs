namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// The 14 Bravais lattices with the NANO281 labels (Pearson-symbol prefixes). S is any one-face
/// (A, B or C) centring; monoclinic I-centred settings (e.g. I2/a) are also mS.
/// Enum order is the NANO281 label order: aP mP mS oP oS oI oF tP tI hP hR cP cI cF.
/// </summary>
public enum BravaisLattice { aP, mP, mS, oP, oS, oI, oF, tP, tI, hP, hR, cP, cI, cF }

public static class BravaisLattices
{
    public static IReadOnlyList<BravaisLattice> All { get; } = Enum.GetValues<BravaisLattice>();

    public static string Label(this BravaisLattice lattice) => lattice.ToString();

    public static bool TryParse(string label, out BravaisLattice lattice)
    {
        var s = label.Trim();
        // accept the C/A/B spellings some tables use for one-face centring
        if (s is "mC" or "mA" or "mB" or "mI") s = "mS";
        if (s is "oC" or "oA" or "oB") s = "oS";
        return Enum.TryParse(s, ignoreCase: false, out lattice) && Enum.IsDefined(lattice);
    }

    public static BravaisLattice Parse(string label) =>
        TryParse(label, out var b) ? b : throw new CrystallographyException($"'{label}' is not a Bravais lattice label (expected one of {string.Join(' ', All)})");

    /// <summary>The crystal system a Bravais lattice belongs to; hP is reported as hexagonal (it also hosts trigonal P groups).</summary>
    public static CrystalSystem FamilySystem(this BravaisLattice lattice) => lattice switch
    {
        BravaisLattice.aP => CrystalSystem.Triclinic,
        BravaisLattice.mP or BravaisLattice.mS => CrystalSystem.Monoclinic,
        BravaisLattice.oP or BravaisLattice.oS or BravaisLattice.oI or BravaisLattice.oF => CrystalSystem.Orthorhombic,
        BravaisLattice.tP or BravaisLattice.tI => CrystalSystem.Tetragonal,
        BravaisLattice.hR => CrystalSystem.Trigonal,
        BravaisLattice.hP => CrystalSystem.Hexagonal,
        _ => CrystalSystem.Cubic,
    };

    /// <summary>
    /// The Bravais lattice of a space group from its crystal system and the lattice-centring letter of
    /// its Hermann–Mauguin symbol (P, A, B, C, I, F, R).
    /// </summary>
    public static BravaisLattice FromCentring(CrystalSystem system, char centring)
    {
        var c = char.ToUpperInvariant(centring);
        return (system, c) switch
        {
            (CrystalSystem.Triclinic, _) => BravaisLattice.aP,
            (CrystalSystem.Monoclinic, 'P') => BravaisLattice.mP,
            (CrystalSystem.Monoclinic, 'A' or 'B' or 'C' or 'I' or 'F') => BravaisLattice.mS,
            (CrystalSystem.Orthorhombic, 'P') => BravaisLattice.oP,
            (CrystalSystem.Orthorhombic, 'A' or 'B' or 'C') => BravaisLattice.oS,
            (CrystalSystem.Orthorhombic, 'I') => BravaisLattice.oI,
            (CrystalSystem.Orthorhombic, 'F') => BravaisLattice.oF,
            (CrystalSystem.Tetragonal, 'P') => BravaisLattice.tP,
            (CrystalSystem.Tetragonal, 'I') => BravaisLattice.tI,
            (CrystalSystem.Trigonal, 'R') => BravaisLattice.hR,
            (CrystalSystem.Trigonal, 'P') => BravaisLattice.hP,
            (CrystalSystem.Hexagonal, 'P') => BravaisLattice.hP,
            (CrystalSystem.Cubic, 'P') => BravaisLattice.cP,
            (CrystalSystem.Cubic, 'I') => BravaisLattice.cI,
            (CrystalSystem.Cubic, 'F') => BravaisLattice.cF,
            _ => throw new CrystallographyException($"centring '{centring}' is not possible in the {system.Name()} system"),
        };
    }
}
