using System.Collections.Immutable;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Crystallography.IO;

/// <summary>
/// The outcome of reading one data block (CIF) or one file (POSCAR): either a <see cref="Structure"/> with
/// what is known of its symmetry, or the <see cref="Error"/> that stopped it. A failed block still carries
/// its declared <see cref="Symmetry"/> when that was read before the failure (e.g. a block with a space
/// group but no atom coordinates). <see cref="Warnings"/> lists assumptions made on the way.
/// </summary>
public sealed record StructureReadResult(
    string File,
    string? Block,
    Structure? Structure,
    CrystallographyException? Error,
    ImmutableArray<string> Warnings,
    SpaceGroup? SpaceGroup = null,
    BravaisLattice? BravaisLattice = null,
    SymmetryInfo? DeclaredSymmetry = null)
{
    public bool IsSuccess => Structure is not null;

    /// <summary>
    /// Consistency problems passed over because the block was read leniently (<see cref="StructureReadOptions.Lenient"/>);
    /// empty in strict reading, where they are errors. A structure with any is never a labelled data-set row.
    /// </summary>
    public ImmutableArray<string> Inconsistencies { get; init; } = [];

    /// <summary>What the source declared about symmetry (also for a failed block when it was read).</summary>
    public SymmetryInfo? Symmetry => Structure?.Symmetry ?? DeclaredSymmetry;

    /// <summary>Declared space-group number, or that of the group its symmetry resolved to.</summary>
    public int? SpaceGroupNumber => Symmetry?.SpaceGroupNumber;

    public CrystalSystem? CrystalSystem => SpaceGroupNumber is int n and >= 1 and <= 230 ? CrystalSystems.FromSpaceGroupNumber(n) : null;

    public static StructureReadResult Failure(string file, string? block, CrystallographyException error) =>
        new(file, block, null, error, []);

    public static StructureReadResult Failure(string file, string? block, Exception error) =>
        Failure(file, block, error as CrystallographyException
            ?? new CrystallographyException($"internal error ({error.GetType().Name}): {error.Message}", new SourceLocation(file, block), error));
}
