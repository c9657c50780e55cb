namespace Bravais.Synthesis.Generation;

/// <summary>Knobs of the random crystal generator (defaults give inorganic-like crystals sized like Materials Project ones).</summary>
/// <param name="MaxDistinctSites">Most symmetrically distinct sites (Wyckoff orbits) per crystal.</param>
/// <param name="AtomCountFromDatabase">Draw each crystal's size from the Materials Project atoms-per-cell distribution of its
/// Bravais lattice (<see cref="AtomCountPrior"/>) and add sites until it is reached; otherwise draw 1–8 sites (mostly 2–6).</param>
/// <param name="MaxAtomsPerCell">Most atoms in the conventional cell; positions that would exceed it are not used.</param>
/// <param name="SpecialPositionBias">How strongly special positions are preferred: weight e^(−0.35·bias·free parameters) (0 = by multiplicity only;
/// default 3, which made synthetic-trained models transfer best to real Materials Project patterns, see docs/synthesis.md).</param>
/// <param name="PartialOccupancyProbability">Chance that a site gets an occupancy in [0.5, 1) instead of 1.</param>
/// <param name="MinDistanceFactor">Atoms closer than this × (sum of covalent radii) are rejected.</param>
/// <param name="VolumeSpread">Log-normal spread of the cell volume around the sum of atomic volumes.</param>
/// <param name="MaxVolumeInflation">Largest volume factor applied to separate atoms that came too close.</param>
/// <param name="MaxAttempts">Attempts per crystal before giving up.</param>
/// <param name="RequireExactSymmetry">Reject crystals whose true symmetry (found by <see cref="Verification.SymmetryFinder"/>) exceeds the intended group.</param>
/// <param name="SymmetryToleranceAngstrom">Tolerance of the self-check (every operation maps every atom onto an atom).</param>
/// <param name="PlacementDraws">Random draws tried for each site with free parameters; the draw farthest from the atoms placed
/// so far is kept (more draws spread the atoms more evenly, as in real, densely packed crystals).</param>
/// <param name="SpreadAtoms">Try all <paramref name="PlacementDraws"/> draws and keep the farthest (otherwise stop at the first
/// draw that keeps the minimum distance).</param>
/// <param name="SnapProbability">Chance that a crystal is pseudo-symmetric: its free coordinates are multiples of 1/8 plus a
/// Gaussian jitter of <paramref name="SnapJitter"/> (fractional units), like the distorted or ordered variants of simple parent
/// structures that fill real databases (0 = every coordinate uniform).</param>
/// <param name="SnapJitter">Standard deviation (fractional coordinates) of the jitter of a pseudo-symmetric crystal's coordinates.</param>
/// <param name="WideAxialRatios">Draw axial ratios from <see cref="Lattices.AxialRatios.Wide"/> (elongated layered/chain cells too).</param>
/// <param name="SymmetrySearchToleranceAngstrom">Tolerance of the search for extra symmetry: also rejects pseudo-symmetry within this distance.</param>
public sealed record GeneratorOptions(
    int MaxDistinctSites = 40,
    bool AtomCountFromDatabase = true,
    int MaxAtomsPerCell = 160,
    double SpecialPositionBias = 3.0,
    double PartialOccupancyProbability = 0.0,
    double MinDistanceFactor = 0.75,
    double VolumeSpread = 0.12,
    double MaxVolumeInflation = 1.6,
    int MaxAttempts = 200,
    bool RequireExactSymmetry = true,
    double SymmetryToleranceAngstrom = 0.01,
    double SymmetrySearchToleranceAngstrom = 0.1,
    int PlacementDraws = 6,
    bool SpreadAtoms = false,
    double SnapProbability = 0.0,
    double SnapJitter = 0.02,
    bool WideAxialRatios = false)
{
    public static GeneratorOptions Default { get; } = new();
}
