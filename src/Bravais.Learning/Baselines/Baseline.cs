using Bravais.Learning.Metrics;

namespace Bravais.Learning.Baselines;

/// <summary>A chance-level reference: its expected accuracy in closed form and the metrics of one seeded draw.</summary>
public sealed record BaselineResult(string Name, string Description, double ExpectedAccuracy, ClassificationMetrics Metrics);

/// <summary>
/// The three baselines reported beside every model (scikit-learn's DummyClassifier strategies):
/// uniform random guessing (expected accuracy 1/K over the K classes of the target), stratified random
/// guessing with the training class frequencies (expected Σ p_train(c) p_eval(c)), and always the
/// training majority class (expected p_eval(majority)). Each is also drawn once with the seed and scored.
/// </summary>
public static class Baseline
{
    public static IReadOnlyList<BaselineResult> Evaluate(IReadOnlyList<int> trainLabels, IReadOnlyList<int> evalLabels, IReadOnlyList<string> classes, int seed)
    {
        var k = classes.Count;
        var trainCounts = new double[k];
        foreach (var y in trainLabels) trainCounts[y]++;
        var evalCounts = new double[k];
        foreach (var y in evalLabels) evalCounts[y]++;
        var nTrain = Math.Max(1, trainLabels.Count); var nEval = Math.Max(1, evalLabels.Count);
        var majority = Array.IndexOf(trainCounts, trainCounts.Max());
        var cumulative = new double[k];
        double sum = 0;
        for (var c = 0; c < k; c++) { sum += trainCounts[c] / nTrain; cumulative[c] = sum; }

        var random = new Random(seed);
        var uniform = evalLabels.Select(_ => random.Next(k)).ToArray();
        var stratified = evalLabels.Select(_ =>
        {
            var u = random.NextDouble();
            var c = Array.BinarySearch(cumulative, u);
            return Math.Min(k - 1, c < 0 ? ~c : c);
        }).ToArray();
        var constant = evalLabels.Select(_ => majority).ToArray();
        var expectedStratified = 0.0;
        for (var c = 0; c < k; c++) expectedStratified += trainCounts[c] / nTrain * evalCounts[c] / nEval;
        return
        [
            new("uniform random", $"a class drawn uniformly from all {k}", 1.0 / k, ClassificationMetrics.Compute(evalLabels, uniform, classes)),
            new("stratified random", "a class drawn with the training frequencies", expectedStratified, ClassificationMetrics.Compute(evalLabels, stratified, classes)),
            new("majority class", $"always '{classes[majority]}'", evalCounts[majority] / nEval, ClassificationMetrics.Compute(evalLabels, constant, classes)),
        ];
    }
}
