using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// The fixed frame in which reflection conditions are compared: a Bravais lattice, the centring letter of the cell
/// (P, A, B, C, I, F, R) and its orientation (<see cref="Axes"/>: the unique axis 'a', 'b' or 'c' of a monoclinic
/// cell, 'H' or 'R' for hexagonal or rhombohedral axes of an hR lattice, '-' otherwise). Two settings belong to one
/// extinction group only when they share their family: Pbca and Pcab are different groups of the oP family, and
/// P 1 21/c 1 and P 1 21/n 1 different groups of the mP (unique axis b) family.
/// </summary>
public readonly record struct ExtinctionFamily(BravaisLattice Lattice, char Centring, char Axes)
{
    /// <summary>The family of the conventional cell of <paramref name="lattice"/> in its standard setting: unique axis b and
    /// C centring for mS, C centring for oS, hexagonal (obverse) axes for hR.</summary>
    public static ExtinctionFamily Standard(BravaisLattice lattice) => lattice switch
    {
        BravaisLattice.aP => new(lattice, 'P', '-'),
        BravaisLattice.mP => new(lattice, 'P', 'b'),
        BravaisLattice.mS => new(lattice, 'C', 'b'),
        BravaisLattice.oP or BravaisLattice.tP or BravaisLattice.hP or BravaisLattice.cP => new(lattice, 'P', '-'),
        BravaisLattice.oS => new(lattice, 'C', '-'),
        BravaisLattice.oI or BravaisLattice.tI or BravaisLattice.cI => new(lattice, 'I', '-'),
        BravaisLattice.oF or BravaisLattice.cF => new(lattice, 'F', '-'),
        BravaisLattice.hR => new(lattice, 'R', 'H'),
        _ => throw new ArgumentOutOfRangeException(nameof(lattice), lattice, "not a Bravais lattice"),
    };

    /// <summary>The family a tabulated setting belongs to (its lattice, centring letter and orientation).</summary>
    public static ExtinctionFamily Of(SpaceGroup setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var axes = setting.CrystalSystem switch
        {
            CrystalSystem.Monoclinic => UniqueAxis(setting),
            _ when setting.BravaisLattice == BravaisLattice.hR => setting.Setting == "R" ? 'R' : 'H',
            _ => '-',
        };
        // the setting's own centring letter (SpaceGroup.Centring is that of the type's standard symbol)
        return new ExtinctionFamily(setting.BravaisLattice, char.ToUpperInvariant(setting.FullHermannMauguin.TrimStart()[0]), axes);
    }

    public CrystalSystem CrystalSystem => Lattice == BravaisLattice.hP ? CrystalSystem.Hexagonal : Lattice.FamilySystem();

    public override string ToString() => Axes == '-' ? $"{Lattice} {Centring}" : $"{Lattice} {Centring} ({AxesName})";

    private string AxesName => Axes switch { 'H' => "hexagonal axes", 'R' => "rhombohedral axes", _ => $"unique axis {Axes}" };

    /// <summary>The axis along which the two-fold rotation (or normal to which the mirror) of a monoclinic setting lies.</summary>
    private static char UniqueAxis(SpaceGroup setting)
    {
        foreach (var op in setting.Operations)
        {
            if (op.IsIdentityRotation) continue;
            for (var i = 0; i < 3; i++)
            {
                var others = Enumerable.Range(0, 3).Where(j => j != i).ToArray();
                var diagonal = op.Rotation(i, i) != 0 && op.Rotation(others[0], others[0]) == -op.Rotation(i, i) && op.Rotation(others[1], others[1]) == -op.Rotation(i, i);
                if (diagonal) return "abc"[i];
            }
        }
        throw new InvalidOperationException($"monoclinic setting {setting.HermannMauguin} has no two-fold axis along a, b or c");
    }
}
