using System.Collections.Immutable;

namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// One setting of one of the 230 space-group types: number, symbols, the setting code (e.g. "b1",
/// "c", "1", "2", "H", "R", "ba-c"), and its exact operations (coset representatives × centring
/// translations: the full general position within one cell).
/// </summary>
public sealed record SpaceGroup(
    int Number,
    string HermannMauguin,
    string FullHermannMauguin,
    string Hall,
    string Setting,
    bool IsStandardSetting,
    CrystalSystem CrystalSystem,
    char Centring,
    string PointGroup,
    BravaisLattice BravaisLattice,
    ImmutableArray<SymmetryOperation> Operations)
{
    /// <summary>Multiplicity of the general position in this (possibly centred) cell.</summary>
    public int Order => Operations.Length;

    /// <summary>Serial number of this setting in the Hall-symbol table (1–530, spglib's numbering); 0 when not tabulated.</summary>
    public int HallNumber { get; init; }
}
