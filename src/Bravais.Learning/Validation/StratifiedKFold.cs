namespace Bravais.Learning.Validation;

/// <summary>One cross-validation fold: rows to fit on and rows to score on (indices into the caller's list).</summary>
public sealed record Fold(int Index, int[] Train, int[] Held);

/// <summary>
/// Stratified K-fold: each class's rows are shuffled (seeded) and dealt to the folds in turn, continuing the
/// turn from one class to the next, so every class is spread as evenly as it can be and fold sizes differ by
/// at most one. Every row is held out exactly once. A class with fewer than K members appears in only some
/// held-out folds; no error is raised (the fit simply does not see it in the fold that holds all its rows).
/// </summary>
public static class StratifiedKFold
{
    public static IReadOnlyList<Fold> Split(IReadOnlyList<int> labels, int k, int seed = 0)
    {
        if (k < 2) throw new LearningException($"cross-validation needs at least 2 folds, got {k}");
        if (labels.Count < k) throw new LearningException($"cannot make {k} folds from {labels.Count} rows");
        var assignment = new int[labels.Count];
        var next = 0;
        foreach (var rows in StratifiedSplit.GroupByClass(labels, seed))
            foreach (var row in rows) { assignment[row] = next; next = (next + 1) % k; }
        var folds = new Fold[k];
        for (var f = 0; f < k; f++)
        {
            var held = new List<int>(); var train = new List<int>();
            for (var i = 0; i < assignment.Length; i++) (assignment[i] == f ? held : train).Add(i);
            folds[f] = new Fold(f, train.ToArray(), held.ToArray());
        }
        return folds;
    }
}
