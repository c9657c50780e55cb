using System.Text.Json;
using Bravais.Learning.Baselines;
using Bravais.Learning.Metrics;
using Bravais.Learning.Persistence;
using Bravais.Learning.Validation;

namespace Bravais.Learning.Training;

/// <summary>One setting of one family scored by K-fold CV: held-out and training accuracy of every fold.</summary>
public sealed record CvRun(string Family, object HyperParameters, double MainValue, double[] FoldAccuracy, double[] FoldTrainAccuracy, double FitSeconds)
{
    public double Mean => FoldAccuracy.Average();
    public double Std => Stats.Std(FoldAccuracy);
    public double TrainMean => FoldTrainAccuracy.Average();
    public string Setting => JsonSerializer.Serialize(HyperParameters, HyperParameters.GetType(), ClassifierFile.Json).Replace("\n", "", StringComparison.Ordinal).Replace("  ", "", StringComparison.Ordinal);
}

/// <summary>A family's best CV setting refitted on the whole training part, scored once on validation and once on test.</summary>
public sealed record FamilyResult(string Family, CvRun Best, ClassificationMetrics Validation, ClassificationMetrics Test, double FitSeconds, double PatternsPerSecond);

/// <summary>Accuracy of the selected setting trained on a fraction of the training part.</summary>
public sealed record CurvePoint(int TrainRows, double TrainAccuracy, double ValidationAccuracy);

/// <summary>Validation accuracy of the selected setting with a given feature set.</summary>
public sealed record FeatureComparison(string Features, int FeatureCount, double ValidationAccuracy, double ValidationBalancedAccuracy);

/// <summary>Everything a training run produced: the chosen model plus what the report shows.</summary>
public sealed record TrainingResult(
    TrainingRequest Request,
    TrainValidationTest Split,
    IReadOnlyList<string> Classes,
    int[] Labels,
    IReadOnlyList<CvRun> CvRuns,
    IReadOnlyList<FamilyResult> Families,
    FamilyResult Selected,
    IReadOnlyList<BaselineResult> Baselines,
    double[] ImportancePerBin,
    double[] MeanPattern,
    IReadOnlyList<CurvePoint> LearningCurve,
    IReadOnlyList<FeatureComparison> FeatureComparisons,
    FamilyResult CurveSource,
    TrainedModel Model,
    TimeSpan Elapsed);

public static class Stats
{
    /// <summary>Sample standard deviation (n − 1); 0 for fewer than two values.</summary>
    public static double Std(IReadOnlyList<double> x)
    {
        if (x.Count < 2) return 0;
        var m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Count - 1));
    }
}
