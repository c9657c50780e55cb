using Bravais.Analysis.Cleaning;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Prediction;

/// <summary>A class and its probability.</summary>
public readonly record struct ClassProbability(string Label, double Probability);

/// <summary>The levels a prediction ranks classes at.</summary>
public enum PredictionLevel { BravaisLattice, CrystalSystem, SpaceGroup }

/// <summary>
/// What a model says about one pattern, whatever its kind: the classes at each level it predicts, best first with their
/// probabilities (a level the model does not predict is empty), its answer at its <see cref="Primary"/> level, and the
/// evidence that led there. <see cref="SpaceGroup"/> is the model's single space-group answer (for search–match: the
/// space group of the closest reference of the top lattice), null when it has none.
/// </summary>
public sealed record PatternPrediction(
    string Source,
    PredictionLevel Primary,
    IReadOnlyList<ClassProbability> BravaisLattices,
    IReadOnlyList<ClassProbability> CrystalSystems,
    IReadOnlyList<ClassProbability> SpaceGroups,
    int? SpaceGroup,
    PredictionEvidence Evidence)
{
    /// <summary>The ranked classes at <paramref name="level"/>.</summary>
    public IReadOnlyList<ClassProbability> At(PredictionLevel level) => level switch
    {
        PredictionLevel.BravaisLattice => BravaisLattices,
        PredictionLevel.CrystalSystem => CrystalSystems,
        _ => SpaceGroups,
    };

    /// <summary>The answer at the primary level with its probability.</summary>
    public ClassProbability Best => At(Primary)[0];

    /// <summary>The top Bravais lattice, when the model ranks lattices.</summary>
    public BravaisLattice? Lattice => BravaisLattices.Count > 0 ? Crystallography.Symmetry.BravaisLattices.Parse(BravaisLattices[0].Label) : null;

    /// <summary>The crystal system: of <see cref="SpaceGroup"/> when there is one, else the top of <see cref="CrystalSystems"/>.</summary>
    public CrystalSystem? CrystalSystem => SpaceGroup is { } sg ? Crystallography.Symmetry.CrystalSystems.FromSpaceGroupNumber(sg)
        : CrystalSystems.Count > 0 && Crystallography.Symmetry.CrystalSystems.TryParse(CrystalSystems[0].Label, out var s) ? s : null;
}

/// <summary>Why a model answered as it did; each part is present when the model has that kind of evidence.</summary>
public sealed record PredictionEvidence
{
    public static PredictionEvidence None { get; } = new();

    /// <summary>The measured pattern after cleaning, on the model's grid (for plots and coverage).</summary>
    public PreprocessedPattern? Cleaned { get; init; }

    /// <summary>Search–match: the closest references.</summary>
    public SearchMatchEvidence? SearchMatch { get; init; }

    /// <summary>The primary level's probabilities before calibration, best first (when the model is calibrated).</summary>
    public IReadOnlyList<ClassProbability>? Uncalibrated { get; init; }

    /// <summary>The peaks found in the pattern (peak search), strongest first.</summary>
    public IReadOnlyList<FoundPeak>? Peaks { get; init; }

    /// <summary>The best indexing candidates (cell, figures of merit, extinction symbols), best first.</summary>
    public IReadOnlyList<IndexingEvidence>? Indexing { get; init; }

    /// <summary>The neural network's own ranking at each level, before fusion.</summary>
    public NeuralEvidence? Neural { get; init; }
}

/// <summary>A peak found in a pattern: position (2θ at the pattern's wavelength, and d), integrated intensity, FWHM and position esd.</summary>
public sealed record FoundPeak(double TwoThetaDegrees, double DSpacingAngstrom, double Intensity, double FwhmDegrees, double EsdDegrees);

/// <summary>An extinction symbol with its probability and the space groups it admits.</summary>
public sealed record ExtinctionChoice(string Symbol, double Probability, IReadOnlyList<int> SpaceGroups);

/// <summary>
/// An indexing candidate: the conventional cell in the standard setting (hR on hexagonal axes), its volume, figures of
/// merit, zero shift, lines indexed, the extinction symbols it admits, and the 2θ (at the pattern's wavelength) of its
/// allowed reflections in range, for tick marks.
/// </summary>
public sealed record IndexingEvidence(
    string Lattice, double A, double B, double C, double Alpha, double Beta, double Gamma, double Volume,
    double M20, double FN, double ZeroShiftDegrees, int IndexedLines, int PeaksUsed,
    IReadOnlyList<ExtinctionChoice> ExtinctionSymbols, IReadOnlyList<double> TickTwoThetaDegrees);

/// <summary>The neural network's ranking at each level, best first.</summary>
public sealed record NeuralEvidence(IReadOnlyList<ClassProbability> BravaisLattices, IReadOnlyList<ClassProbability> CrystalSystems, IReadOnlyList<ClassProbability> SpaceGroups);

/// <summary>One reference crystal close to the pattern: its id, labels, cosine, the d-scale it matched at, ranking score and the cell change refinement made.</summary>
public sealed record ReferenceHit(string Id, BravaisLattice Lattice, int SpaceGroup, double Cosine, double DScale, double Score, double CellChange);

/// <summary>Search–match evidence: the closest reference of the top lattice and the ranked neighbours (best first).</summary>
public sealed record SearchMatchEvidence(ReferenceHit Best, IReadOnlyList<ReferenceHit> Neighbours);
