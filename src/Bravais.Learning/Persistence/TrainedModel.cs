using Bravais.Learning.Data;
using Bravais.Learning.Features;
using Bravais.Learning.Metrics;
using Bravais.Learning.Models;

namespace Bravais.Learning.Persistence;

/// <summary>A fitted classifier with the preprocessing it was trained behind and its manifest: raw patterns in, classes out.</summary>
public sealed record TrainedModel(ModelManifest Manifest, FeaturePipeline Pipeline, IClassifier Classifier, PredictionTarget Target)
{
    public IReadOnlyList<string> Classes => Manifest.Classes;

    /// <summary>One line for people and reports: family, settings, target, training data and its own test accuracy.</summary>
    public string Describe() => FormattableString.Invariant(
        $"{Manifest.Family} {Manifest.HyperParameters}, target {Manifest.Target}, trained on {Manifest.TrainingData?.File ?? "?"} (its own test accuracy {100 * (Manifest.TestMetrics?.Accuracy ?? double.NaN):0.0}%)");

    /// <summary>Class probabilities (rows × classes) for raw intensities on the model's grid.</summary>
    public float[] PredictProbabilities(FeatureMatrix rawIntensities, CancellationToken cancellation = default)
    {
        var features = Pipeline.Transform(rawIntensities, cancellation);
        return Classifier.PredictProbabilities(features);
    }

    /// <summary>Checks a dataset's grid against the model's; a different column count or grid is refused.</summary>
    public void CheckGrid(PatternDataset data, string? source = null)
    {
        if (data.Intensities.Columns != Pipeline.Grid.Count || data.Grid != Pipeline.Grid)
            throw new LearningException(
                $"the data's 2θ grid ({data.Intensities.Columns} columns, {data.Grid}) differs from the model's ({Pipeline.Grid.Count} columns, {Pipeline.Grid}); resample the patterns to the model's grid",
                source is null ? null : new Crystallography.SourceLocation(source));
    }

    public ClassificationMetrics Evaluate(PatternDataset data, CancellationToken cancellation = default)
    {
        CheckGrid(data);
        var p = PredictProbabilities(data.Intensities, cancellation);
        var y = Target.Labels(data);
        return ClassificationMetrics.Compute(y, Argmax.Rows(p, Classes.Count), Classes, p);
    }
}
