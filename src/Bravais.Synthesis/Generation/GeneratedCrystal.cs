using System.Collections.Immutable;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Verification;
using Bravais.Synthesis.Wyckoff;

namespace Bravais.Synthesis.Generation;

/// <summary>One site of the asymmetric unit and the Wyckoff position it occupies.</summary>
public sealed record AsymmetricSite(Site Site, WyckoffPosition Position);

/// <summary>
/// A generated, verified crystal: its space group, the asymmetric unit on Wyckoff positions, and the
/// expanded structure (every atom of the conventional cell, <see cref="Structure.Symmetry"/> set).
/// </summary>
public sealed record GeneratedCrystal(
    SpaceGroup Group,
    Structure Structure,
    ImmutableArray<AsymmetricSite> AsymmetricUnit,
    int Attempts)
{
    /// <summary>Attempts rejected because atoms came too close.</summary>
    public int RejectedTooClose { get; init; }

    /// <summary>Attempts rejected because the structure had more symmetry than the intended group.</summary>
    public int RejectedHigherSymmetry { get; init; }

    /// <summary>Σ multiplicities of the occupied Wyckoff positions: the atom count the cell must have.</summary>
    public int ExpectedAtomCount => AsymmetricUnit.Sum(s => s.Position.Multiplicity);

    /// <summary>Checks this crystal (<see cref="CrystalVerifier.Verify"/>): atom count, no coinciding atoms, every operation of its group, optionally its full symmetry.</summary>
    public VerificationResult Verify(double toleranceAngstrom = 0.01, bool searchSymmetry = false, IReadOnlyList<int[]>? rotations = null, double? searchToleranceAngstrom = null, bool countOperations = true) =>
        CrystalVerifier.Verify(Structure, Group, ExpectedAtomCount, toleranceAngstrom, searchSymmetry, rotations, searchToleranceAngstrom, countOperations);

    /// <summary>Wyckoff sequence like "4a 8c 16h".</summary>
    public string WyckoffSequence => string.Join(' ', AsymmetricUnit.Select(s => s.Position.Label));
}
