using Bravais.Analysis.SearchMatch;
using Bravais.Crystallography.Symmetry;
using Bravais.Learning.Calibration;

namespace Bravais.Analysis.Prediction;

/// <summary>
/// A search–match model (<see cref="MeasuredModel"/>, kind <c>measured-pattern-matcher</c>) behind the model contract:
/// a measured file or a dataset row (read as a measurement on its grid) is cleaned and compared with every reference;
/// the Bravais lattices are the calibrated neighbour vote; the space groups are the same vote by space group (same
/// temperatures), summed into crystal systems; <see cref="PatternPrediction.SpaceGroup"/> is that of the closest
/// reference of the top lattice.
/// </summary>
public sealed class SearchMatchPredictor(MeasuredModel model) : IPatternPredictor
{
    public MeasuredModel Model { get; } = model;

    public ModelSummary Summary { get; } = new(MeasuredModelManifest.KindName, PredictionLevel.BravaisLattice,
        Enum.GetNames<BravaisLattice>(), model.Manifest.Matcher.Instrument,
        $"search–match against {model.Library.Count} simulated references ({model.Manifest.LibrarySource}), calibrated at T = {model.Manifest.Calibration.Temperature:0.###}");

    public PatternPrediction Predict(PatternInput input, PredictOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new PredictOptions();
        var pattern = input switch
        {
            PatternInput.Measurement m => m.Pattern,
            PatternInput.Row r => r.ToMeasurement(),
            _ => throw new ArgumentOutOfRangeException(nameof(input)),
        };
        var p = Model.Predict(pattern, options.Threads, cancellation, options.Neighbours);
        var library = Model.Library;
        var lattices = p.Ranked.Select((l, i) => new ClassProbability(l.Label(), p.Probabilities[i])).ToArray();
        var k = Math.Min(Model.Manifest.Matcher.Neighbours, p.Neighbours.Length);
        var groupLogits = PatternMatcher.SpaceGroupLogits(library, p.Neighbours[..k], Model.Manifest.Matcher.VoteTemperature);
        var groups = groupLogits.Keys.Order().ToArray();
        var groupProbabilities = TemperatureScaling.Softmax(groups.Select(g => groupLogits[g]).ToArray(), Model.Manifest.Calibration.Temperature);
        var spaceGroups = Levels.Rank(groups.Select(g => g.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), groupProbabilities);
        var (_, systems) = Levels.FromSpaceGroups(spaceGroups);
        ReferenceHit Hit(Neighbour n) => new(library.Ids[n.Entry], library.Lattices[n.Entry], library.SpaceGroups[n.Entry], n.Similarity, n.Scale, n.Score, n.Strain);
        var bestIndex = Array.FindIndex(p.Neighbours, n => library.Ids[n.Entry] == p.BestReference);
        var best = bestIndex >= 0 ? Hit(p.Neighbours[bestIndex]) : new ReferenceHit(p.BestReference, p.Ranked[0], p.SpaceGroup, p.BestSimilarity, p.BestScale, double.NaN, p.BestStrain);
        var evidence = new PredictionEvidence
        {
            Cleaned = p.Preprocessed,
            SearchMatch = new SearchMatchEvidence(best, p.Neighbours.Select(Hit).ToArray()),
            Uncalibrated = p.Ranked.Select((l, i) => new ClassProbability(l.Label(), p.Uncalibrated[i])).ToArray(),
        };
        return new PatternPrediction(input.Source, PredictionLevel.BravaisLattice, lattices, systems, spaceGroups, p.SpaceGroup, evidence);
    }
}
