using System.Diagnostics;
using Bravais.Learning.Baselines;
using Bravais.Learning.Data;
using Bravais.Learning.Features;
using Bravais.Learning.Interpretation;
using Bravais.Learning.Metrics;
using Bravais.Learning.Models;
using Bravais.Learning.Models.Ensemble;
using Bravais.Learning.Persistence;
using Bravais.Learning.Validation;

namespace Bravais.Learning.Training;

/// <summary>
/// The training protocol, start to finish:
/// 1. stratified train / validation / test split (seeded);
/// 2. the preprocessing is fitted on the training part only and applied to every row;
/// 3. every setting of every requested family is scored by stratified K-fold CV on the training part
///    (mean ± std of held-out accuracy; training accuracy on up to <see cref="TrainingRequest.TrainScoreRows"/> rows for the bias–variance picture);
///    with <see cref="TrainingRequest.Folds"/> = 0 (hold-out mode, for families too slow for K fits) each setting is fitted once on the
///    training part and scored on the validation split instead;
/// 4. each family's best setting is refitted on the whole training part (validation given for early stopping; in hold-out mode the
///    fit already made is kept) and scored once on validation and once on test;
/// 4b. a soft-voting ensemble is chosen from every searched setting by ensemble selection on their held-out (out-of-fold)
///    probabilities and scored by cross-validating that selection (<see cref="EnsembleSelection"/>); its members are refitted and it
///    competes like a family;
///    the model kept is the candidate with the best CV mean — the test split never influences any choice;
/// 5. baselines, permutation importance (on the validation split), learning curve and feature-set comparison
///    (both on the validation split) for the selected setting.
/// </summary>
public static class TrainingPipeline
{
    public static TrainingResult Run(TrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var data = request.Data;
        var target = request.Target;
        var classes = target.ClassNames();
        var k = classes.Count;
        var labels = target.Labels(data);
        var families = request.Families.Select(ClassifierFamilies.Get).ToList();
        if (families.Count == 0) throw new LearningException("no model families requested");
        if (families.Any(f => f is EnsembleFamily))
            throw new LearningException("'ensemble' is not searched by itself: it is formed from the other families' cross-validated predictions (turn it off with --no-ensemble)");
        if (request.Folds == 1 || request.Folds < 0) throw new LearningException($"--cv must be 0 (hold-out: score each setting on the validation split) or at least 2, got {request.Folds}");
        var holdout = request.Folds == 0;
        var threads = request.Threads > 0 ? request.Threads : Environment.ProcessorCount;

        var split = StratifiedSplit.Split(labels, request.ValidationFraction, request.TestFraction, request.Seed);
        if (split.Validation.Length == 0 || split.Test.Length == 0)
            throw new LearningException($"the dataset ({data.Count} rows) is too small for a validation and a test part");
        var rawTrain = data.Intensities.SelectRows(split.Train);
        var trainLabels = split.Train.Select(i => labels[i]).ToArray();
        IReadOnlyList<Fold> folds = holdout ? [] : StratifiedKFold.Split(trainLabels, request.Folds, request.Seed);
        var foldCount = holdout ? 1 : folds.Count;
        // the rows whose held-out predictions the search produces: the training part (K-fold) or the validation split (hold-out)
        var heldLabels = holdout ? split.Validation.Select(i => labels[i]).ToArray() : trainLabels;
        IReadOnlyList<int>[] heldRows = holdout ? [Enumerable.Range(0, split.Validation.Length).ToArray()] : folds.Select(f => (IReadOnlyList<int>)f.Held).ToArray();
        // each distinct preprocessing (the requested one; a family may need its own, e.g. the CNN reads the raw profile) is fitted once on train
        var spaces = new Dictionary<Preprocessing, FeatureSpace>();
        FeatureSpace SpaceFor(IClassifierFamily family) => SpaceOf(ClassifierFamilies.PreprocessingFor(family, request.EffectivePreprocessing));
        FeatureSpace SpaceOf(Preprocessing steps)
        {
            if (spaces.TryGetValue(steps, out var space)) return space;
            var fitted = FeaturePipeline.Fit(steps, data.Instrument, rawTrain);
            var features = fitted.Transform(data.Intensities, cancellation);
            LabelledRows Rows(IReadOnlyList<int> idx) => new(features.SelectRows(idx), idx.Select(i => labels[i]).ToArray(), k) { ProfileGrid = fitted.ProfileGrid };
            var tr = Rows(split.Train);
            var va = Rows(split.Validation);
            space = new FeatureSpace(fitted, tr, va, Rows(split.Test),
                holdout ? [(tr, va)] : folds.Select(f => (Subset(tr, f.Train), Subset(tr, f.Held))).ToList());
            return spaces[steps] = space;
        }
        if (request.Pretraining is { } pre && (pre.Grid != data.Grid || pre.Intensities.Columns != data.Intensities.Columns))
            throw new LearningException($"the pretraining set's 2θ grid ({pre.Grid}, {pre.Intensities.Columns} points) differs from the data's ({data.Grid}, {data.Intensities.Columns} points)", new(request.PretrainingFile));
        // one pretrained model per setting of a family that can use the pretraining set; its fits (folds, refit) start from it
        var pretrained = new Dictionary<object, IPretrainable?>(ReferenceEqualityComparer.Instance);
        IPretrainable? PretrainedFor(IClassifierFamily family, object hp)
        {
            if (request.Pretraining is not { } set) return null;
            lock (pretrained)
            {
                if (pretrained.TryGetValue(hp, out var done)) return done;
                if (family.Create(hp) is not IPretrainable model) return pretrained[hp] = null;
                var space = SpaceFor(family);
                progress?.Report(new TrainingProgress("pretraining", 0, 1, $"{family.Name} {SettingText.Short(hp, request.EffectiveGrid.For(family))} on {set.Count} rows of {Path.GetFileName(request.PretrainingFile)}"));
                var watch = Stopwatch.StartNew();
                var rows = new LabelledRows(space.Pipeline.Transform(set.Intensities, cancellation), target.Labels(set), k) { ProfileGrid = space.Pipeline.ProfileGrid };
                model.Pretrain(rows, space.Validation, Options(request, threads, 0, progress, cancellation));
                progress?.Report(new TrainingProgress("pretraining", 1, 1, FormattableString.Invariant($"{family.Name} pretrained in {watch.Elapsed.TotalSeconds:0} s (not counted in its fit seconds)")));
                return pretrained[hp] = model;
            }
        }
        IClassifier Create(IClassifierFamily family, object hp)
        {
            var model = family.Create(hp);
            if (PretrainedFor(family, hp) is { } start) ((IPretrainable)model).StartFrom(start);
            return model;
        }
        var train = SpaceOf(request.EffectivePreprocessing).Train;
        var validation = SpaceOf(request.EffectivePreprocessing).Validation;
        var test = SpaceOf(request.EffectivePreprocessing).Test;

        // 3. grid search with K-fold CV on the training part
        var settings = families.Select(f => (Family: f, Settings: request.EffectiveGrid.For(f))).ToList();
        var totalFits = settings.Sum(s => s.Settings.Count) * foldCount;
        var done = 0;
        var runs = new List<CvRun>();
        var heldProbabilities = new Dictionary<CvRun, float[]?>(); // null when incomplete
        var holdoutModels = new Dictionary<CvRun, IClassifier>();
        var checkpoint = new CvCheckpoint(request.CheckpointPath, CvCheckpoint.Protocol(request));
        if (checkpoint.Loaded > 0)
            progress?.Report(new TrainingProgress("checkpoint", checkpoint.Loaded, checkpoint.Loaded, $"reusing {checkpoint.Loaded} finished CV fits from {Path.GetFileName(request.CheckpointPath)}"));
        foreach (var (family, grid) in settings)
        {
            var foldData = SpaceFor(family).Folds;
            var familyValidation = SpaceFor(family).Validation;
            foreach (var hp in grid)
            {
                var accuracy = new double[foldCount]; var trainAccuracy = new double[foldCount]; var seconds = new double[foldCount];
                var held = new float[heldLabels.Length * k];
                var incomplete = false; // a fold came from a checkpoint without held-out probabilities
                IClassifier? holdoutModel = null;
                // folds run side by side, each fit given its share of the threads, so single-threaded families also use every core
                var parallelFolds = Math.Max(1, Math.Min(foldCount, request.ParallelFolds > 0 ? request.ParallelFolds : threads));
                var threadsPerFit = Math.Max(1, threads / parallelFolds);
                Parallel.For(0, foldCount, new ParallelOptions { MaxDegreeOfParallelism = parallelFolds, CancellationToken = cancellation }, f =>
                {
                    var key = CvCheckpoint.Key(family.Name, hp, f);
                    if (checkpoint.TryGet(key, out var stored))
                    {
                        (accuracy[f], trainAccuracy[f], seconds[f]) = (stored.Accuracy, stored.TrainAccuracy, stored.FitSeconds);
                        if (stored.Held is { } storedHeld && storedHeld.Length == heldRows[f].Count * k) Scatter(storedHeld, heldRows[f], held, k);
                        else incomplete = true; // written by an older Bravais: no ensemble with this run
                        Interlocked.Increment(ref done);
                        return;
                    }
                    progress?.Report(new TrainingProgress("cross-validation", Volatile.Read(ref done), totalFits,
                        holdout ? $"{family.Name} {SettingText.Short(hp, grid)} (hold-out)" : $"{family.Name} {SettingText.Short(hp, grid)} fold {f + 1}/{folds.Count}"));
                    var model = Create(family, hp);
                    var watch = Stopwatch.StartNew();
                    model.Fit(foldData[f].Fit, familyValidation, Options(request, threadsPerFit, f, progress, cancellation));
                    seconds[f] = watch.Elapsed.TotalSeconds;
                    var p = model.PredictProbabilities(foldData[f].Held.X);
                    accuracy[f] = Accuracy(p, foldData[f].Held.Y, k);
                    Scatter(p, heldRows[f], held, k);
                    if (holdout) holdoutModel = model;
                    trainAccuracy[f] = Accuracy(model, Sample(foldData[f].Fit, request.TrainScoreRows, request.Seed + f));
                    checkpoint.Add(key, new FoldScore(accuracy[f], trainAccuracy[f], seconds[f], p));
                    Interlocked.Increment(ref done);
                });
                var run = new CvRun(family.Name, hp, MainValue(family, hp), accuracy, trainAccuracy, seconds.Average());
                runs.Add(run);
                heldProbabilities[run] = incomplete ? null : held;
                if (holdoutModel is not null)
                {
                    // keep only the family's best fit so far
                    var previous = holdoutModels.Keys.FirstOrDefault(r => r.Family == family.Name);
                    if (previous is null || BestRun([previous, run]) == run)
                    {
                        if (previous is not null) holdoutModels.Remove(previous);
                        holdoutModels[run] = holdoutModel;
                    }
                }
                progress?.Report(new TrainingProgress("cv result", runs.Count, settings.Sum(x => x.Settings.Count),
                    FormattableString.Invariant($"{family.Name} {SettingText.Short(hp, grid)}: CV {100 * run.Mean:0.0}% ± {100 * run.Std:0.0}%, train {100 * run.TrainMean:0.0}%, {run.FitSeconds:0.0} s/fit")));
            }
        }
        progress?.Report(new TrainingProgress("cross-validation", totalFits, totalFits, "cross-validation done"));

        // 4. refit each family's best setting on the whole training part; one evaluation on test
        var results = new List<FamilyResult>();
        var fitted = new Dictionary<string, IClassifier>();
        var refits = new Dictionary<CvRun, Refit>();
        Refit RefitOf(CvRun run)
        {
            if (refits.TryGetValue(run, out var done)) return done;
            var family = ClassifierFamilies.Get(run.Family);
            var space = SpaceFor(family);
            var watch = Stopwatch.StartNew();
            IClassifier model;
            double fitSeconds;
            if (holdoutModels.TryGetValue(run, out var kept))
                (model, fitSeconds) = (kept, run.FitSeconds); // hold-out mode: the search's fit is the refit (same rows, options and seed)
            else
            {
                model = Create(family, run.HyperParameters);
                model.Fit(space.Train, space.Validation, Options(request, threads, 0, progress, cancellation));
                fitSeconds = watch.Elapsed.TotalSeconds;
            }
            var validationProbabilities = model.PredictProbabilities(space.Validation.X);
            watch.Restart();
            var testRaw = data.Intensities.SelectRows(split.Test);
            var testProbabilities = model.PredictProbabilities(space.Pipeline.Transform(testRaw, cancellation));
            var perSecond = test.Count / Math.Max(1e-9, watch.Elapsed.TotalSeconds);
            return refits[run] = new Refit(model, validationProbabilities, testProbabilities, fitSeconds, perSecond);
        }
        for (var i = 0; i < families.Count; i++)
        {
            var family = families[i];
            var best = BestRun(runs.Where(r => r.Family == family.Name));
            progress?.Report(new TrainingProgress("refit", i, families.Count, $"refitting {family.Name} {SettingText.Short(best.HyperParameters, request.EffectiveGrid.For(family))} on {train.Count} rows"));
            var refit = RefitOf(best);
            results.Add(new FamilyResult(family.Name, best, Metrics(validation.Y, refit.Validation, classes), Metrics(test.Y, refit.Test, classes), refit.FitSeconds, refit.PatternsPerSecond));
            fitted[family.Name] = refit.Model;
        }
        progress?.Report(new TrainingProgress("refit", families.Count, families.Count, "refits done"));

        // 4b. an ensemble chosen from every setting searched, by their held-out predictions
        if (request.Ensemble)
        {
            var requested = request.EffectivePreprocessing;
            var library = runs.Where(r => heldProbabilities.GetValueOrDefault(r) is not null
                && ClassifierFamilies.PreprocessingFor(ClassifierFamilies.Get(r.Family), requested) == requested).ToList();
            var ensemble = library.Select(r => r.Family).Distinct().Count() < 2 ? null
                : FormEnsemble(request.Seed, library, heldProbabilities, heldLabels, holdout ? null : heldRows, k, run =>
                {
                    progress?.Report(new TrainingProgress("refit", 0, 1, $"refitting ensemble member {run.Family} {SettingText.Short(run.HyperParameters, request.EffectiveGrid.For(ClassifierFamilies.Get(run.Family)))}"));
                    return RefitOf(run);
                });
            if (ensemble is { } e)
            {
                var result = new FamilyResult(EnsembleFamily.FamilyName, e.Run, Metrics(validation.Y, e.Refit.Validation, classes), Metrics(test.Y, e.Refit.Test, classes), e.Refit.FitSeconds, e.Refit.PatternsPerSecond);
                runs.Add(e.Run);
                results.Add(result);
                fitted[EnsembleFamily.FamilyName] = e.Refit.Model;
                progress?.Report(new TrainingProgress("ensemble", 1, 1, e.Summary));
            }
            else progress?.Report(new TrainingProgress("ensemble", 1, 1, "no ensemble: fewer than two families with held-out predictions on the same features, or the selection kept a single setting"));
        }
        var selected = results.OrderByDescending(r => r.Best.Mean).First();
        var selectedFamily = ClassifierFamilies.Get(selected.Family);
        var selectedModel = fitted[selected.Family];
        var pipeline = SpaceFor(selectedFamily).Pipeline;

        // 5. baselines, interpretation, curves
        var baselines = Baseline.Evaluate(train.Y, test.Y, classes, request.Seed);
        var validationRaw = data.Intensities.SelectRows(split.Validation);
        var importance = new double[data.Grid.Count];
        if (request.ImportanceRows > 0)
        {
            progress?.Report(new TrainingProgress("importance", 0, data.Grid.Count, "permutation importance on the validation split"));
            importance = PermutationImportance.PerBin(validationRaw, validation.Y, pipeline, selectedModel, request.ImportanceRows, request.Seed,
                new Progress<int>(d => progress?.Report(new TrainingProgress("importance", d, data.Grid.Count, "permutation importance"))), cancellation);
        }
        var meanPattern = MeanRows(FeaturePipeline.Fit(request.EffectivePreprocessing with { Features = FeatureSet.Profile }, data.Instrument, rawTrain), rawTrain);

        var curve = new List<CurvePoint>();
        var comparisons = new List<FeatureComparison>();
        // the curves refit about three times: use the selected family unless its refit is too slow for the budget
        var curveSource = results.Where(r => r.FitSeconds <= request.CurveBudgetSeconds / 3).OrderByDescending(r => r.Best.Mean).FirstOrDefault() ?? results.OrderBy(r => r.FitSeconds).First();
        if (selected.FitSeconds <= request.CurveBudgetSeconds / 3) curveSource = selected;
        var curveFamily = ClassifierFamilies.Get(curveSource.Family);
        var curveModel = fitted[curveSource.Family];
        var curveSpace = SpaceFor(curveFamily);
        if (request.Curves)
        {
            double[] fractions = [0.1, 0.25, 0.5, 1.0];
            for (var i = 0; i < fractions.Length; i++)
            {
                progress?.Report(new TrainingProgress("learning curve", i, fractions.Length, $"{curveSource.Family} on {fractions[i]:P0} of the training rows"));
                LabelledRows part = fractions[i] >= 1 ? curveSpace.Train : Subset(curveSpace.Train, StratifiedSplit.Split(curveSpace.Train.Y, 0, 1 - fractions[i], request.Seed).Train);
                IClassifier model;
                if (fractions[i] >= 1) model = curveModel;
                else
                {
                    model = Create(curveFamily, curveSource.Best.HyperParameters); // from the pretrained network, if any: accuracy vs real rows
                    model.Fit(part, curveSpace.Validation, Options(request, threads, 0, progress, cancellation));
                }
                curve.Add(new CurvePoint(part.Count, Accuracy(model, Sample(part, request.TrainScoreRows, request.Seed)), Accuracy(model, curveSpace.Validation)));
            }
            var sets = Enum.GetValues<FeatureSet>();
            for (var i = 0; i < sets.Length; i++)
            {
                var set = sets[i];
                progress?.Report(new TrainingProgress("feature comparison", i, sets.Length, $"{curveSource.Family} with {set.ToString().ToLowerInvariant()} features"));
                var steps = ClassifierFamilies.PreprocessingFor(curveFamily, curveSpace.Pipeline.Steps with { Features = set });
                if (steps.Features != set) continue; // the family reads only its own kind of input (the CNN: the profile)
                if (set == curveSpace.Pipeline.Steps.Features)
                {
                    comparisons.Add(new FeatureComparison(Name(set), curveSpace.Pipeline.FeatureCount, curveSource.Validation.Accuracy, curveSource.Validation.BalancedAccuracy));
                    continue;
                }
                var alternative = SpaceOf(steps);
                var altTrain = alternative.Train;
                var altValidation = alternative.Validation;
                var model = curveFamily.Create(curveSource.Best.HyperParameters);
                model.Fit(altTrain, altValidation, Options(request, threads, 0, progress, cancellation));
                var m = Score(model, altValidation, classes);
                comparisons.Add(new FeatureComparison(Name(set), alternative.Pipeline.FeatureCount, m.Accuracy, m.BalancedAccuracy));
            }
        }

        var manifest = new ModelManifest(
            ModelFile.CurrentFormatVersion, ModelFile.BravaisVersion, DateTime.UtcNow, target.CliName(), [.. classes],
            data.Instrument,
            new FeaturePipelineInfo(pipeline.Steps, pipeline.PeakMeans, pipeline.PeakStds),
            selected.Family, ModelFile.ToJson(selected.Best.HyperParameters),
            new TrainingDataInfo(Path.GetFileName(request.DataFile), request.DataSha256, data.Count,
                request.Pretraining is null ? null : new TrainingDataInfo(Path.GetFileName(request.PretrainingFile), request.PretrainingSha256, request.Pretraining.Count)),
            new ProtocolInfo(request.Seed, request.ValidationFraction, request.TestFraction, split.Train.Length, split.Validation.Length, split.Test.Length, request.Folds, request.EffectiveGrid.Name),
            runs.Select(r => new CvSummary(r.Family, ModelFile.ToJson(r.HyperParameters), r.Mean, r.Std, r.TrainMean, r.FitSeconds)).ToList(),
            selected.Validation, selected.Test, "");
        var trained = new TrainedModel(manifest, pipeline, selectedModel, target);
        return new TrainingResult(request, split, classes, labels, runs, results, selected, baselines, importance, meanPattern,
            curve, comparisons, curveSource, trained, clock.Elapsed);
    }

    /// <summary>A fitted preprocessing and the rows it produced: train, validation, test and the CV folds of train.</summary>
    private sealed record FeatureSpace(FeaturePipeline Pipeline, LabelledRows Train, LabelledRows Validation, LabelledRows Test, List<(LabelledRows Fit, LabelledRows Held)> Folds);

    private static string Name(FeatureSet set) => set.ToString().ToLowerInvariant();

    private static FitOptions Options(TrainingRequest request, int threads, int salt, IProgress<TrainingProgress>? progress, CancellationToken cancellation) =>
        new(request.Seed + 7919 * salt, threads, null, cancellation);

    /// <summary>The numeric value of a family's main hyper-parameter in a setting (NaN when not numeric).</summary>
    public static double MainValue(IClassifierFamily family, object hp)
    {
        var property = hp.GetType().GetProperty(family.MainHyperParameter);
        var value = property?.GetValue(hp);
        return value switch
        {
            null => double.NaN,
            IConvertible c when value is not string and not bool => c.ToDouble(System.Globalization.CultureInfo.InvariantCulture),
            _ => double.NaN,
        };
    }

    internal static LabelledRows Subset(LabelledRows rows, IReadOnlyList<int> idx) =>
        rows with { X = rows.X.SelectRows(idx), Y = idx.Select(i => rows.Y[i]).ToArray() };

    private static LabelledRows Sample(LabelledRows rows, int max, int seed)
    {
        if (rows.Count <= max) return rows;
        var idx = Enumerable.Range(0, rows.Count).ToArray();
        new Random(seed).Shuffle(idx);
        return Subset(rows, idx[..max]);
    }

    /// <summary>Copies the rows of a fold's probabilities to their places among all held-out rows.</summary>
    private static void Scatter(float[] foldProbabilities, IReadOnlyList<int> rows, float[] all, int k)
    {
        for (var i = 0; i < rows.Count; i++) foldProbabilities.AsSpan(i * k, k).CopyTo(all.AsSpan(rows[i] * k, k));
    }

    private static double Accuracy(float[] probabilities, int[] labels, int k)
    {
        var predicted = Argmax.Rows(probabilities, k);
        var hits = 0;
        for (var i = 0; i < predicted.Length; i++) if (predicted[i] == labels[i]) hits++;
        return hits / (double)Math.Max(1, predicted.Length);
    }

    /// <summary>A setting refitted on the whole training part, with its validation and test probabilities.</summary>
    private sealed record Refit(IClassifier Model, float[] Validation, float[] Test, double FitSeconds, double PatternsPerSecond);

    /// <summary>
    /// Ensemble selection over a library of searched settings (every setting of every family that reads the requested features and
    /// has complete held-out predictions), scored per fold with weights chosen on the other folds (<paramref name="folds"/> null, hold-out
    /// mode: five stratified parts of the validation split). The chosen settings are refitted (a family's best setting already was).
    /// Null when the selection keeps a single setting.
    /// </summary>
    private static (CvRun Run, Refit Refit, string Summary)? FormEnsemble(int seed, List<CvRun> library, Dictionary<CvRun, float[]?> held, int[] heldLabels,
        IReadOnlyList<int>[]? folds, int k, Func<CvRun, Refit> refitOf)
    {
        IReadOnlyList<IReadOnlyList<int>> groups = folds is not null ? folds
            : StratifiedKFold.Split(heldLabels, Math.Min(5, Math.Max(2, heldLabels.Length / 50)), seed).Select(f => (IReadOnlyList<int>)f.Held).ToList();
        var (groupAccuracy, counts) = EnsembleSelection.CrossValidate(library.Select(r => held[r]!).ToList(), heldLabels, k, groups);
        var chosen = Enumerable.Range(0, library.Count).Where(c => counts[c] > 0).ToList();
        if (chosen.Count < 2) return null;
        var members = chosen.Select(c => refitOf(library[c])).ToList();
        var weights = chosen.Select(c => counts[c]).ToArray();
        var hp = new EnsembleHyperParameters(chosen.Select(c => new EnsembleMember(library[c].Family, Persistence.ModelFile.ToJson(library[c].HyperParameters), counts[c])).ToList());
        var model = EnsembleClassifier.FromFitted(hp, members.Select(m => m.Model).ToList());
        var validation = EnsembleSelection.Mix(members.Select(m => m.Validation).ToList(), weights, k, members[0].Validation.Length / k);
        var test = EnsembleSelection.Mix(members.Select(m => m.Test).ToList(), weights, k, members[0].Test.Length / k);
        var refit = new Refit(model, validation, test, members.Sum(m => m.FitSeconds), 1 / members.Sum(m => 1 / Math.Max(1e-9, m.PatternsPerSecond)));
        var run = new CvRun(EnsembleFamily.FamilyName, hp, double.NaN, groupAccuracy, groupAccuracy.Select(_ => double.NaN).ToArray(), chosen.Sum(c => library[c].FitSeconds));
        var summary = FormattableString.Invariant($"ensemble of {string.Join(" + ", chosen.Select(c => $"{counts[c]}×{library[c].Family}"))} (from {library.Count} settings): CV {100 * run.Mean:0.0}% ± {100 * run.Std:0.0}%, weights chosen without the scored fold");
        return (run, refit, summary);
    }

    private static ClassificationMetrics Metrics(int[] labels, float[] probabilities, IReadOnlyList<string> classes) =>
        ClassificationMetrics.Compute(labels, Argmax.Rows(probabilities, classes.Count), classes, probabilities);

    private static double Accuracy(IClassifier model, LabelledRows rows) => Accuracy(model.PredictProbabilities(rows.X), rows.Y, model.ClassCount);

    private static ClassificationMetrics Score(IClassifier model, LabelledRows rows, IReadOnlyList<string> classes) =>
        Metrics(rows.Y, model.PredictProbabilities(rows.X), classes);

    /// <summary>A family's best setting: highest CV mean, then the faster fit.</summary>
    private static CvRun BestRun(IEnumerable<CvRun> runs) => runs.OrderByDescending(r => r.Mean).ThenBy(r => r.FitSeconds).First();

    private static double[] MeanRows(FeaturePipeline profileOnly, FeatureMatrix raw)
    {
        var x = profileOnly.Transform(raw);
        var mean = new double[x.Columns];
        for (var i = 0; i < x.Rows; i++)
        {
            var r = x.ReadOnlyRow(i);
            for (var j = 0; j < mean.Length; j++) mean[j] += r[j];
        }
        for (var j = 0; j < mean.Length; j++) mean[j] /= Math.Max(1, x.Rows);
        return mean;
    }
}
