using System.Collections.Immutable;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Crystallography.IO;

/// <summary>
/// The outcome of reading one data block (CIF) or one file (POSCAR): either a <see cref="Structure"/> with
/// what is known of its symmetry, or the <see cref="Error"/> that stopped it. <see cref="Warnings"/> lists
/// assumptions made on the way (e.g. "no symmetry given, assumed P1").
/// </summary>
public sealed record StructureReadResult(
    string File,
    string? Block,
    Structure? Structure,
    CrystallographyException? Error,
    ImmutableArray<string> Warnings,
    SpaceGroup? SpaceGroup = null,
    BravaisLattice? BravaisLattice = null)
{
    public bool IsSuccess => Structure is not null;

    /// <summary>Declared space-group number (from the file's tags) or that of the group its symmetry resolved to.</summary>
    public int? SpaceGroupNumber => Structure?.Symmetry?.SpaceGroupNumber;

    public CrystalSystem? CrystalSystem => SpaceGroupNumber is int n and >= 1 and <= 230 ? CrystalSystems.FromSpaceGroupNumber(n) : null;

    public static StructureReadResult Failure(string file, string? block, CrystallographyException error) =>
        new(file, block, null, error, []);

    public static StructureReadResult Failure(string file, string? block, Exception error) =>
        Failure(file, block, error as CrystallographyException
            ?? new CrystallographyException($"internal error ({error.GetType().Name}): {error.Message}", new SourceLocation(file, block), error));
}
