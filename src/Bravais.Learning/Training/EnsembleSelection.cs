using System.Numerics.Tensors;

namespace Bravais.Learning.Training;

/// <summary>
/// Ensemble selection from a library of models (Caruana, Niculescu-Mizil, Crew and Ksikes, ICML 2004): greedy
/// forward selection *with replacement* of the candidate whose addition to the running average of class
/// probabilities gives the highest accuracy (ties: the lower log-loss), for a fixed number of steps; the best
/// prefix is kept and the number of times each candidate was picked is its weight. The candidates' probabilities
/// are held-out predictions (out-of-fold), rows × classes, row-major, all on the same rows.
/// <see cref="CrossValidate"/> scores the procedure itself honestly: weights chosen without one group of rows,
/// accuracy measured on that group, for every group.
/// </summary>
public static class EnsembleSelection
{
    public const int DefaultSteps = 20;

    /// <summary>How many times each candidate was picked, choosing on <paramref name="rows"/> only.</summary>
    public static int[] Select(IReadOnlyList<float[]> candidates, int[] labels, int classes, IReadOnlyList<int> rows, int steps = DefaultSteps)
    {
        if (candidates.Count == 0) throw new ArgumentException("no candidates", nameof(candidates));
        foreach (var c in candidates)
            if (c.Length != labels.Length * classes) throw new ArgumentException($"a candidate has {c.Length} probabilities, expected {labels.Length} × {classes}");
        var n = rows.Count;
        var sum = new float[n * classes];
        var scratch = new float[classes];
        var counts = new int[candidates.Count];
        var best = (Accuracy: double.NegativeInfinity, LogLoss: double.PositiveInfinity, Counts: counts);
        for (var step = 1; step <= steps; step++)
        {
            var pick = -1;
            var pickScore = (Accuracy: double.NegativeInfinity, LogLoss: double.PositiveInfinity);
            for (var c = 0; c < candidates.Count; c++)
            {
                var score = Score(sum, candidates[c], labels, classes, rows, step, scratch);
                if (score.Accuracy > pickScore.Accuracy || (score.Accuracy == pickScore.Accuracy && score.LogLoss < pickScore.LogLoss))
                    (pick, pickScore) = (c, score);
            }
            counts[pick]++;
            var p = candidates[pick];
            for (var i = 0; i < n; i++)
                TensorPrimitives.Add(sum.AsSpan(i * classes, classes), p.AsSpan(rows[i] * classes, classes), sum.AsSpan(i * classes, classes));
            if (pickScore.Accuracy > best.Accuracy || (pickScore.Accuracy == best.Accuracy && pickScore.LogLoss < best.LogLoss))
                best = (pickScore.Accuracy, pickScore.LogLoss, (int[])counts.Clone());
        }
        return best.Counts;
    }

    /// <summary>
    /// Accuracy, per group, of an ensemble whose weights were selected on the other groups' rows; and the weights
    /// selected on all rows (what a refit would use).
    /// </summary>
    public static (double[] GroupAccuracy, int[] Counts) CrossValidate(IReadOnlyList<float[]> candidates, int[] labels, int classes, IReadOnlyList<IReadOnlyList<int>> groups, int steps = DefaultSteps)
    {
        var accuracy = new double[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var others = groups.Where((_, j) => j != g).SelectMany(x => x).ToArray();
            var counts = Select(candidates, labels, classes, others, steps);
            accuracy[g] = Accuracy(Mix(candidates, counts, classes, labels.Length), labels, classes, groups[g]);
        }
        var all = groups.SelectMany(x => x).ToArray();
        return (accuracy, Select(candidates, labels, classes, all, steps));
    }

    /// <summary>The weighted average of the candidates' probabilities (weights = counts / total).</summary>
    public static float[] Mix(IReadOnlyList<float[]> candidates, IReadOnlyList<int> counts, int classes, int rows)
    {
        var total = counts.Sum();
        if (total <= 0) throw new ArgumentException("no candidate has a positive weight", nameof(counts));
        var mix = new float[rows * classes];
        for (var c = 0; c < candidates.Count; c++)
            if (counts[c] > 0) TensorPrimitives.MultiplyAdd(candidates[c], (float)counts[c] / total, mix, mix);
        return mix;
    }

    private static double Accuracy(float[] probabilities, int[] labels, int classes, IReadOnlyList<int> rows)
    {
        var hits = 0;
        foreach (var i in rows) if (TensorPrimitives.IndexOfMax(probabilities.AsSpan(i * classes, classes)) == labels[i]) hits++;
        return hits / (double)Math.Max(1, rows.Count);
    }

    private static (double Accuracy, double LogLoss) Score(float[] sum, float[] candidate, int[] labels, int classes, IReadOnlyList<int> rows, int members, float[] scratch)
    {
        var hits = 0;
        var logLoss = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            TensorPrimitives.Add(sum.AsSpan(i * classes, classes), candidate.AsSpan(row * classes, classes), scratch);
            if (TensorPrimitives.IndexOfMax(scratch) == labels[row]) hits++;
            logLoss -= Math.Log(Math.Max(1e-7, scratch[labels[row]] / members));
        }
        return (hits / (double)Math.Max(1, rows.Count), logLoss / Math.Max(1, rows.Count));
    }
}
