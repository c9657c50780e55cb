using Bravais.Analysis.Cleaning;
using Bravais.Learning.Data;
using Bravais.Learning.Models;
using Bravais.Learning.Persistence;
using Bravais.Learning.Features;

namespace Bravais.Analysis.Prediction;

/// <summary>
/// A trained classifier (<see cref="TrainedModel"/>, kind <c>classifier</c>) behind the model contract. Dataset rows must
/// be on the model's 2θ grid; a measured file is cleaned and mapped onto the model's instrument first
/// (<see cref="MeasuredPreprocessor"/>: background removed, broadened to the model's width, strongest channel scaled to
/// 100 as NANO281's sticks are).
/// </summary>
public sealed class ClassifierPredictor(TrainedModel model) : IPatternPredictor
{
    public TrainedModel Model { get; } = model;

    public ModelSummary Summary { get; } = new(ModelManifest.KindName, LevelOf(model.Target), model.Classes, model.Manifest.Instrument,
        $"{model.Manifest.Family} classifier of {model.Target.CliName()} ({model.Classes.Count} classes) on {model.Manifest.Instrument}");

    public static PredictionLevel LevelOf(PredictionTarget target) => target switch
    {
        PredictionTarget.Bravais => PredictionLevel.BravaisLattice,
        PredictionTarget.CrystalSystem => PredictionLevel.CrystalSystem,
        _ => PredictionLevel.SpaceGroup,
    };

    public PatternPrediction Predict(PatternInput input, PredictOptions? options = null, CancellationToken cancellation = default)
    {
        switch (input)
        {
            case PatternInput.Row row:
                return PredictRows([row], options, cancellation)[0];
            case PatternInput.Measurement m:
            {
                var cleaned = MeasuredPreprocessor.Run(m.Pattern, Model.Manifest.Instrument, PreprocessingOptions.Default);
                var values = Array.ConvertAll(cleaned.Values, v => 100 * v);
                var prediction = PredictRows([new PatternInput.Row(m.Source, Model.Manifest.Instrument, values)], options, cancellation)[0];
                return prediction with { Evidence = prediction.Evidence with { Cleaned = cleaned } };
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(input));
        }
    }

    public IReadOnlyList<PatternPrediction> PredictRows(IReadOnlyList<PatternInput.Row> rows, PredictOptions? options = null, CancellationToken cancellation = default)
    {
        var grid = Model.Pipeline.Grid;
        var x = new FeatureMatrix(rows.Count, grid.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Values.Length != grid.Count || row.Instrument.Grid != grid)
                throw new AnalysisException($"the data's 2θ grid ({row.Values.Length} columns, {row.Instrument.Grid}) differs from the model's ({grid.Count} columns, {grid}); resample the patterns to the model's grid", new(row.Source));
            row.Values.CopyTo(x.Row(i));
        }
        var p = Model.PredictProbabilities(x, cancellation);
        var k = Model.Classes.Count;
        var results = new PatternPrediction[rows.Count];
        var probabilities = new double[k];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var c = 0; c < k; c++) probabilities[c] = p[i * k + c];
            results[i] = FromProbabilities(rows[i].Source, Summary.Primary, Model.Classes, probabilities);
        }
        return results;
    }

    /// <summary>A prediction from the primary level's probabilities; space groups also give the lattices and systems they imply.</summary>
    public static PatternPrediction FromProbabilities(string source, PredictionLevel level, IReadOnlyList<string> classes, ReadOnlySpan<double> probabilities)
    {
        var ranked = Levels.Rank(classes, probabilities);
        return level switch
        {
            PredictionLevel.BravaisLattice => new(source, level, ranked, [], [], null, PredictionEvidence.None),
            PredictionLevel.CrystalSystem => new(source, level, [], ranked, [], null, PredictionEvidence.None),
            _ => FromSpaceGroups(source, ranked),
        };
    }

    private static PatternPrediction FromSpaceGroups(string source, ClassProbability[] spaceGroups)
    {
        var (lattices, systems) = Levels.FromSpaceGroups(spaceGroups);
        return new(source, PredictionLevel.SpaceGroup, lattices, systems, spaceGroups,
            int.Parse(spaceGroups[0].Label, System.Globalization.CultureInfo.InvariantCulture), PredictionEvidence.None);
    }
}
