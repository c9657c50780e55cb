using Bravais.Learning.Features;
using Bravais.Learning.Models;

namespace Bravais.Learning.Interpretation;

/// <summary>
/// Permutation importance per 2θ bin (Breiman 2001): the drop in accuracy when one raw intensity column is
/// shuffled across rows, the rest left intact. The shuffled column goes through the whole preprocessing, so
/// bins matter through the profile and through the peak features they feed. Computed on the validation
/// split (the test split stays untouched for the single final score), on at most <c>maxRows</c> rows.
/// </summary>
public static class PermutationImportance
{
    public static double[] PerBin(FeatureMatrix raw, int[] labels, FeaturePipeline pipeline, IClassifier model, int maxRows, int seed,
        IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, raw.Rows).ToArray();
        random.Shuffle(rows);
        if (rows.Length > maxRows) rows = rows[..maxRows];
        var x = raw.SelectRows(rows);
        var y = rows.Select(r => labels[r]).ToArray();
        var baseline = Accuracy(model, pipeline.Transform(x, cancellation), y);
        var importance = new double[raw.Columns];
        var permuted = new FeatureMatrix((float[])x.Values.Clone(), x.Rows, x.Columns);
        var order = Enumerable.Range(0, x.Rows).ToArray();
        for (var j = 0; j < raw.Columns; j++)
        {
            cancellation.ThrowIfCancellationRequested();
            random.Shuffle(order);
            if (IsConstant(x, j))
            {
                // shuffling a constant column (e.g. an empty low-angle bin) changes no row: importance 0, no prediction needed
                progress?.Report(j + 1);
                continue;
            }
            for (var i = 0; i < x.Rows; i++) permuted[i, j] = x[order[i], j];
            importance[j] = baseline - Accuracy(model, pipeline.Transform(permuted, cancellation), y);
            for (var i = 0; i < x.Rows; i++) permuted[i, j] = x[i, j];
            progress?.Report(j + 1);
        }
        return importance;
    }

    private static bool IsConstant(FeatureMatrix x, int column)
    {
        if (x.Rows <= 1) return true;
        var first = x[0, column];
        for (var i = 1; i < x.Rows; i++) if (x[i, column] != first) return false;
        return true;
    }

    private static double Accuracy(IClassifier model, FeatureMatrix features, int[] y)
    {
        var p = model.Predict(features);
        var hits = 0;
        for (var i = 0; i < y.Length; i++) if (p[i] == y[i]) hits++;
        return hits / (double)Math.Max(1, y.Length);
    }
}
