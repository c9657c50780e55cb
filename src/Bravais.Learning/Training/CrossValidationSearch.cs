using System.Diagnostics;
using Bravais.Learning.Metrics;
using Bravais.Learning.Models;

namespace Bravais.Learning.Training;

/// <summary>
/// Step 3's outcome: every searched setting's CV scores (<see cref="Runs"/>), its held-out probabilities (null when a fold came
/// from an older checkpoint without them), and in hold-out mode each family's best fit so far (kept as its refit).
/// </summary>
internal sealed record SearchOutcome(List<CvRun> Runs, Dictionary<CvRun, float[]?> HeldProbabilities, Dictionary<CvRun, IClassifier> HoldoutModels);

/// <summary>
/// Step 3 of the protocol: every setting of every requested family scored by stratified K-fold CV on the training part
/// (held-out and training accuracy per fold; folds fitted side by side with a share of the threads each), or with hold-out
/// validation fitted once and scored on the validation split. Finished fits are recorded in the checkpoint and reused.
/// </summary>
internal static class CrossValidationSearch
{
    public static SearchOutcome Run(TrainingContext c)
    {
        var request = c.Request;
        var k = c.K;
        var settings = c.Families.Select(f => (Family: f, Settings: request.EffectiveGrid.For(f))).ToList();
        var totalFits = settings.Sum(s => s.Settings.Count) * c.FoldCount;
        var done = 0;
        var outcome = new SearchOutcome([], [], []);
        var checkpoint = new CvCheckpoint(request.CheckpointPath, CvCheckpoint.Protocol(request));
        if (checkpoint.Loaded > 0)
            c.Progress?.Report(new TrainingProgress("checkpoint", checkpoint.Loaded, checkpoint.Loaded, $"reusing {checkpoint.Loaded} finished CV fits from {Path.GetFileName(request.CheckpointPath)}"));
        foreach (var (family, grid) in settings)
        {
            var space = c.SpaceFor(family);
            foreach (var hp in grid)
            {
                var accuracy = new double[c.FoldCount]; var trainAccuracy = new double[c.FoldCount]; var seconds = new double[c.FoldCount];
                var held = new float[c.HeldLabels.Length * k];
                var incomplete = false;
                IClassifier? holdoutModel = null;
                var parallelFolds = Math.Max(1, Math.Min(c.FoldCount, request.ParallelFolds > 0 ? request.ParallelFolds : c.Threads));
                var threadsPerFit = Math.Max(1, c.Threads / parallelFolds);
                Parallel.For(0, c.FoldCount, new ParallelOptions { MaxDegreeOfParallelism = parallelFolds, CancellationToken = c.Cancellation }, f =>
                {
                    var key = CvCheckpoint.Key(family.Name, hp, f);
                    if (checkpoint.TryGet(key, out var stored))
                    {
                        (accuracy[f], trainAccuracy[f], seconds[f]) = (stored.Accuracy, stored.TrainAccuracy, stored.FitSeconds);
                        if (stored.Held is { } storedHeld && storedHeld.Length == c.HeldRows[f].Count * k) Scatter(storedHeld, c.HeldRows[f], held, k);
                        else incomplete = true; // written by an older Bravais: no ensemble with this run
                        Interlocked.Increment(ref done);
                        return;
                    }
                    c.Progress?.Report(new TrainingProgress("cross-validation", Volatile.Read(ref done), totalFits,
                        c.Holdout ? $"{family.Name} {SettingText.Short(hp, grid)} (hold-out)" : $"{family.Name} {SettingText.Short(hp, grid)} fold {f + 1}/{c.Folds.Count}"));
                    var model = c.Create(family, hp);
                    var watch = Stopwatch.StartNew();
                    model.Fit(space.Folds[f].Fit, space.Validation, c.Options(threadsPerFit, f));
                    seconds[f] = watch.Elapsed.TotalSeconds;
                    var p = model.PredictProbabilities(space.Folds[f].Held.X);
                    accuracy[f] = Scoring.Accuracy(p, space.Folds[f].Held.Y, k);
                    Scatter(p, c.HeldRows[f], held, k);
                    if (c.Holdout) holdoutModel = model;
                    trainAccuracy[f] = Scoring.Accuracy(model, TrainingContext.Sample(space.Folds[f].Fit, request.TrainScoreRows, request.Seed + f));
                    checkpoint.Add(key, new FoldScore(accuracy[f], trainAccuracy[f], seconds[f], p));
                    Interlocked.Increment(ref done);
                });
                var run = new CvRun(family.Name, hp, Scoring.MainValue(family, hp), accuracy, trainAccuracy, seconds.Average());
                outcome.Runs.Add(run);
                outcome.HeldProbabilities[run] = incomplete ? null : held;
                if (holdoutModel is not null)
                {
                    // keep only the family's best fit so far
                    var previous = outcome.HoldoutModels.Keys.FirstOrDefault(r => r.Family == family.Name);
                    if (previous is null || Scoring.BestRun([previous, run]) == run)
                    {
                        if (previous is not null) outcome.HoldoutModels.Remove(previous);
                        outcome.HoldoutModels[run] = holdoutModel;
                    }
                }
                c.Progress?.Report(new TrainingProgress("cv result", outcome.Runs.Count, settings.Sum(x => x.Settings.Count),
                    FormattableString.Invariant($"{family.Name} {SettingText.Short(hp, grid)}: CV {100 * run.Mean:0.0}% ± {100 * run.Std:0.0}%, train {100 * run.TrainMean:0.0}%, {run.FitSeconds:0.0} s/fit")));
            }
        }
        c.Progress?.Report(new TrainingProgress("cross-validation", totalFits, totalFits, "cross-validation done"));
        return outcome;
    }

    /// <summary>Copies the rows of a fold's probabilities to their places among all held-out rows.</summary>
    private static void Scatter(float[] foldProbabilities, IReadOnlyList<int> rows, float[] all, int k)
    {
        for (var i = 0; i < rows.Count; i++) foldProbabilities.AsSpan(i * k, k).CopyTo(all.AsSpan(rows[i] * k, k));
    }
}

/// <summary>Accuracy and metrics of probabilities, and the choice of a family's best setting: shared by the protocol's steps.</summary>
internal static class Scoring
{
    public static double Accuracy(float[] probabilities, int[] labels, int k)
    {
        var predicted = Argmax.Rows(probabilities, k);
        var hits = 0;
        for (var i = 0; i < predicted.Length; i++) if (predicted[i] == labels[i]) hits++;
        return hits / (double)Math.Max(1, predicted.Length);
    }

    public static double Accuracy(IClassifier model, LabelledRows rows) => Accuracy(model.PredictProbabilities(rows.X), rows.Y, model.ClassCount);

    public static ClassificationMetrics Metrics(int[] labels, float[] probabilities, IReadOnlyList<string> classes) =>
        ClassificationMetrics.Compute(labels, Argmax.Rows(probabilities, classes.Count), classes, probabilities);

    public static ClassificationMetrics Score(IClassifier model, LabelledRows rows, IReadOnlyList<string> classes) =>
        Metrics(rows.Y, model.PredictProbabilities(rows.X), classes);

    /// <summary>A family's best setting: highest CV mean, then the faster fit.</summary>
    public static CvRun BestRun(IEnumerable<CvRun> runs) => runs.OrderByDescending(r => r.Mean).ThenBy(r => r.FitSeconds).First();

    /// <summary>The numeric value of a family's main hyper-parameter in a setting (NaN when not numeric).</summary>
    public static double MainValue(IClassifierFamily family, object hp)
    {
        var value = hp.GetType().GetProperty(family.MainHyperParameter)?.GetValue(hp);
        return value switch
        {
            null => double.NaN,
            IConvertible c when value is not string and not bool => c.ToDouble(System.Globalization.CultureInfo.InvariantCulture),
            _ => double.NaN,
        };
    }
}
