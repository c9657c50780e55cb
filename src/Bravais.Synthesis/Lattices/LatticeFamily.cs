using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Synthesis.Lattices;

/// <summary>The metric constraints a space group's operations impose on its cell (setting-aware).</summary>
public enum LatticeFamily
{
    Triclinic,
    /// <summary>One unique axis (see <see cref="LatticeShape.UniqueAxis"/>) perpendicular to the other two.</summary>
    Monoclinic,
    Orthorhombic,
    Tetragonal,
    /// <summary>a = b, γ = 120° (hexagonal groups, trigonal P groups, R groups on hexagonal axes).</summary>
    Hexagonal,
    /// <summary>a = b = c, α = β = γ (R groups on rhombohedral axes).</summary>
    Rhombohedral,
    Cubic,
}

/// <summary>The lattice family and, for monoclinic groups, the unique axis (0 = a, 1 = b, 2 = c).</summary>
public readonly record struct LatticeShape(LatticeFamily Family, int UniqueAxis)
{
    /// <summary>Reads the family from the crystal system and the rotation parts of the operations.</summary>
    public static LatticeShape Of(SpaceGroup group)
    {
        switch (group.CrystalSystem)
        {
            case CrystalSystem.Triclinic: return new(LatticeFamily.Triclinic, -1);
            case CrystalSystem.Orthorhombic: return new(LatticeFamily.Orthorhombic, -1);
            case CrystalSystem.Tetragonal: return new(LatticeFamily.Tetragonal, 2);
            case CrystalSystem.Hexagonal: return new(LatticeFamily.Hexagonal, 2);
            case CrystalSystem.Cubic: return new(LatticeFamily.Cubic, -1);
            case CrystalSystem.Trigonal:
                // a threefold axis along [111] (x,y,z → z,x,y) means rhombohedral axes
                var rhombohedral = group.Operations.Any(o => o.R00 == 0 && o.R01 == 0 && o.R02 == 1 && o.R10 == 1 && o.R11 == 0 && o.R12 == 0 && o.R20 == 0 && o.R21 == 1 && o.R22 == 0);
                return new(rhombohedral ? LatticeFamily.Rhombohedral : LatticeFamily.Hexagonal, rhombohedral ? -1 : 2);
            case CrystalSystem.Monoclinic:
                foreach (var o in group.Operations)
                {
                    if (o.IsIdentityRotation) continue;
                    // a twofold rotation or mirror is diagonal ±1 with one entry of the other sign: that entry is the unique axis
                    int plus = 0, minus = 0, axisPlus = -1, axisMinus = -1;
                    for (var i = 0; i < 3; i++)
                    {
                        if (o.Rotation(i, i) == 1) { plus++; axisPlus = i; }
                        else if (o.Rotation(i, i) == -1) { minus++; axisMinus = i; }
                    }
                    if (plus == 1 && minus == 2) return new(LatticeFamily.Monoclinic, axisPlus);
                    if (plus == 2 && minus == 1) return new(LatticeFamily.Monoclinic, axisMinus);
                }
                throw new CrystallographyException($"space group {group.Number} ({group.HermannMauguin}): cannot find the monoclinic unique axis");
            default:
                throw new CrystallographyException($"unknown crystal system {group.CrystalSystem}");
        }
    }
}
