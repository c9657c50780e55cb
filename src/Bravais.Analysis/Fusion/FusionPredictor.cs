using System.Globalization;
using Bravais.Analysis.Prediction;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Measured;

namespace Bravais.Analysis.Fusion;

/// <summary>What the physics of one measured pattern says: its peaks and its indexing candidates (best first) with their extinction symbols.</summary>
public sealed record PhysicsEvidence(IReadOnlyList<FoundPeak> Peaks, IReadOnlyList<IndexingEvidence> Indexing, string? Reason);

/// <summary>Peak search, indexing and extinction symbols of a measured pattern (no data, no training).</summary>
public interface IPhysicsAnalysis
{
    PhysicsEvidence Analyse(MeasuredPattern pattern, CancellationToken cancellation = default);
}

/// <summary>
/// One calibrated answer from all the evidence of a measured pattern: the physics (<see cref="IPhysicsAnalysis"/>),
/// search–match when a library is present, fused by a <see cref="FusionModel"/> into space-group probabilities whose
/// lattice and system marginals are the other two levels. Without a library the indexing alone answers; rows of a
/// table (no measured profile) are left to search–match alone. The evidence of every source is kept in the answer.
/// </summary>
public sealed class FusionPredictor(IPatternPredictor? searchMatch, IPhysicsAnalysis physics, FusionModel fusion) : IPatternPredictor
{
    public IPatternPredictor? SearchMatch { get; } = searchMatch;

    public FusionModel Fusion { get; } = fusion;

    public ModelSummary Summary { get; } = new("fused", PredictionLevel.BravaisLattice, Enum.GetNames<BravaisLattice>(),
        searchMatch?.Summary.Instrument ?? Diffraction.Instrument.SearchMatch,
        $"indexing and extinction symbols{(searchMatch is null ? "" : " + " + searchMatch.Summary.Description)}, fused on {fusion.Training.Patterns} development patterns ({fusion.Training.Data})");

    public PatternPrediction Predict(PatternInput input, PredictOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new PredictOptions();
        var matched = SearchMatch?.Predict(input, options, cancellation);
        PhysicsEvidence? physics1 = input is PatternInput.Measurement m ? physics.Analyse(m.Pattern, cancellation) : null;
        var evidence = FusionEvidence.From(null, matched, physics1?.Indexing);
        var groups = Fusion.SpaceGroupProbabilities(evidence);
        var spaceGroups = Levels.Rank(Enumerable.Range(1, FusionEvidence.SpaceGroupCount).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray(), groups);
        var (lattices, systems) = Levels.FromSpaceGroups(spaceGroups);
        var shown = (matched?.Evidence ?? PredictionEvidence.None) with
        {
            Peaks = physics1?.Peaks,
            Indexing = physics1?.Indexing,
        };
        return new PatternPrediction(input.Source, PredictionLevel.BravaisLattice, lattices, systems, spaceGroups,
            int.Parse(spaceGroups[0].Label, CultureInfo.InvariantCulture), shown);
    }
}
