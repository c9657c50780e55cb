using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Lattices;

namespace Bravais.Synthesis.Verification;

/// <summary>The outcome of checking a generated crystal.</summary>
/// <param name="FoundOperationCount">Operations per cell found by <see cref="SymmetryFinder"/> (when the search was requested).</param>
public sealed record VerificationResult(bool Passed, string? Failure, int ExpectedAtoms, int ActualAtoms, int? FoundOperationCount)
{
    /// <summary>True when the search ran and found exactly the intended group's operations.</summary>
    public bool? HasExactSymmetry { get; init; }
}

/// <summary>
/// Checks a generated crystal (a structure, the group it was built in and the atom count its Wyckoff positions give): the atom count equals Σ Wyckoff multiplicities, no two atoms coincide,
/// and every operation of its space group maps every atom onto an atom of the same species (within a
/// tolerance in Å). Optionally also searches the structure's full symmetry to detect accidental
/// higher symmetry.
/// </summary>
public static class CrystalVerifier
{
    /// <param name="rotations">Rotations for the symmetry search; default: the holohedry of the group's lattice family.</param>
    /// <param name="searchToleranceAngstrom">Tolerance of the symmetry search (default: <paramref name="toleranceAngstrom"/>); a larger one also counts pseudo-symmetry.</param>
    /// <param name="countOperations">Count every operation of the structure (reported as <see cref="VerificationResult.FoundOperationCount"/>);
    /// otherwise only look for one operation beyond the group's, stopping at the first (<see cref="SymmetryFinder.HasOperationBeyond"/>).</param>
    /// <param name="expected">The atom count the cell must have (Σ multiplicities of the occupied Wyckoff positions).</param>
    public static VerificationResult Verify(Structure structure, SpaceGroup group, int expected, double toleranceAngstrom = 0.01, bool searchSymmetry = false, IReadOnlyList<int[]>? rotations = null, double? searchToleranceAngstrom = null,
        bool countOperations = true)
    {
        var actual = structure.Sites.Length;
        if (expected != actual)
            return new VerificationResult(false, $"{actual} atoms in the cell, Wyckoff multiplicities sum to {expected}", expected, actual, null);
        var index = AtomIndex.Of(structure, toleranceAngstrom);
        var positions = index.Positions;
        var species = index.Species;
        for (var i = 0; i < positions.Length; i++)
        {
            var j = index.Find(positions[i], species[i]);
            if (j != i)
                return new VerificationResult(false, $"atoms {structure.Sites[i].Label} #{i} and #{j} coincide", expected, actual, null);
        }
        foreach (var op in group.Operations)
            for (var i = 0; i < positions.Length; i++)
                if (index.Find(op.Apply(positions[i]), species[i]) < 0)
                    return new VerificationResult(false, $"operation {op.ToXyz()} maps atom {structure.Sites[i].Label} at {positions[i]} onto no atom of its species", expected, actual, null);
        if (!searchSymmetry) return new VerificationResult(true, null, expected, actual, null);
        var searchIndex = searchToleranceAngstrom is { } t && t != toleranceAngstrom ? index.WithTolerance(t) : index;
        if (!countOperations)
        {
            var extra = SymmetryFinder.HasOperationBeyond(searchIndex, rotations ?? HolohedryRotations.For(group), group);
            return new VerificationResult(true, null, expected, actual, null) { HasExactSymmetry = !extra };
        }
        var found = SymmetryFinder.CountOperations(searchIndex, rotations ?? HolohedryRotations.For(group));
        return new VerificationResult(true, null, expected, actual, found) { HasExactSymmetry = found == group.Order };
    }
}
