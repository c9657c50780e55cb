namespace Bravais.Learning.Metrics;

/// <summary>Precision, recall and F1 of one class, with its number of true rows (support).</summary>
public sealed record ClassScore(string Class, double Precision, double Recall, double F1, int Support, int Predicted);

/// <summary>A pair of classes mixed up: <see cref="Count"/> rows of <see cref="Actual"/> predicted as <see cref="PredictedAs"/>.</summary>
public sealed record ConfusedPair(string Actual, string PredictedAs, int Count, double FractionOfActual);

/// <summary>
/// Scores of a set of predictions. Conventions (as scikit-learn): balanced accuracy = mean recall over the
/// classes present in the true labels; macro-F1 = mean F1 over the classes present in the true or predicted
/// labels (a class never predicted has precision 0); top-3 = true class among the three most probable (NaN
/// when no probabilities were given). ConfusionMatrix[actual][predicted].
/// </summary>
public sealed record ClassificationMetrics(
    int Count,
    double Accuracy,
    double BalancedAccuracy,
    double MacroF1,
    double Top3Accuracy,
    IReadOnlyList<ClassScore> PerClass,
    int[][] ConfusionMatrix,
    IReadOnlyList<ConfusedPair> MostConfused)
{
    public static ClassificationMetrics Compute(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, IReadOnlyList<string> classes, ReadOnlySpan<float> probabilities = default)
    {
        if (actual.Count != predicted.Count) throw new ArgumentException("actual and predicted differ in length");
        var k = classes.Count;
        var n = actual.Count;
        var confusion = new int[k][];
        for (var c = 0; c < k; c++) confusion[c] = new int[k];
        var correct = 0;
        for (var i = 0; i < n; i++)
        {
            confusion[actual[i]][predicted[i]]++;
            if (actual[i] == predicted[i]) correct++;
        }
        var perClass = new List<ClassScore>(k);
        double recallSum = 0, f1Sum = 0; int recallClasses = 0, f1Classes = 0;
        for (var c = 0; c < k; c++)
        {
            var tp = confusion[c][c];
            var support = confusion[c].Sum();
            var predictedCount = 0;
            for (var a = 0; a < k; a++) predictedCount += confusion[a][c];
            var precision = predictedCount > 0 ? tp / (double)predictedCount : 0;
            var recall = support > 0 ? tp / (double)support : 0;
            var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            perClass.Add(new ClassScore(classes[c], precision, recall, f1, support, predictedCount));
            if (support > 0) { recallSum += recall; recallClasses++; }
            if (support > 0 || predictedCount > 0) { f1Sum += f1; f1Classes++; }
        }
        var top3 = double.NaN;
        if (!probabilities.IsEmpty)
        {
            if (probabilities.Length != n * k) throw new ArgumentException($"expected {n}×{k} probabilities, got {probabilities.Length}");
            var hits = 0;
            for (var i = 0; i < n; i++)
            {
                var row = probabilities.Slice(i * k, k);
                var p = row[actual[i]];
                var higher = 0;
                for (var c = 0; c < k; c++)
                    if (row[c] > p || (row[c] == p && c < actual[i])) higher++;
                if (higher < 3) hits++;
            }
            top3 = n > 0 ? hits / (double)n : double.NaN;
        }
        var pairs = new List<ConfusedPair>();
        for (var a = 0; a < k; a++)
            for (var p = 0; p < k; p++)
                if (a != p && confusion[a][p] > 0)
                    pairs.Add(new ConfusedPair(classes[a], classes[p], confusion[a][p], confusion[a][p] / (double)confusion[a].Sum()));
        var most = pairs.OrderByDescending(x => x.Count).ThenBy(x => x.Actual, StringComparer.Ordinal).Take(10).ToList();
        return new ClassificationMetrics(n, n > 0 ? correct / (double)n : double.NaN,
            recallClasses > 0 ? recallSum / recallClasses : double.NaN,
            f1Classes > 0 ? f1Sum / f1Classes : double.NaN,
            top3, perClass, confusion, most);
    }
}
