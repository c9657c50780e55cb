using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Prediction;

/// <summary>A reference crystal's simulated sticks: d-spacings (Å) and intensities (strongest = 100), with its labels.</summary>
public sealed record ReferencePattern(string Id, BravaisLattice Lattice, int SpaceGroup, double[] DSpacingAngstrom, double[] Intensity);

/// <summary>
/// A predictor whose evidence names reference crystals (<see cref="SearchMatchEvidence"/>) and that can show their
/// sticks, e.g. to overlay the closest reference on the measured pattern.
/// </summary>
public interface IReferencePatterns
{
    /// <summary>The reference called <paramref name="id"/>, or null when the model has none of that name.</summary>
    ReferencePattern? Reference(string id);
}
