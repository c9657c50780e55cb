using System.Collections.Immutable;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
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

    /// <summary>Wyckoff sequence like "4a 8c 16h".</summary>
    public string WyckoffSequence => string.Join(' ', AsymmetricUnit.Select(s => s.Position.Label));
}
