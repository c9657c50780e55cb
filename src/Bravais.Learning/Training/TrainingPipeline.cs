using System.Diagnostics;
using Bravais.Learning.Data;
using Bravais.Learning.Features;
using Bravais.Learning.Models;
using Bravais.Learning.Models.Ensemble;
using Bravais.Learning.Persistence;

namespace Bravais.Learning.Training;

/// <summary>
/// The training protocol, start to finish, one step per type (each returns a record the next steps read):
/// 1. <see cref="TrainingContext.Prepare"/>: stratified train / validation / test split (seeded) and the CV folds of the
///    training part; 2. feature spaces: each preprocessing is fitted on the training part only and applied to every row;
/// 3. <see cref="CrossValidationSearch"/>: every setting of every requested family scored by stratified K-fold CV on the
///    training part (with <see cref="TrainingRequest.Folds"/> = 0, hold-out: fitted once, scored on the validation split);
/// 4. <see cref="Refitting"/>: each family's best setting refitted on the whole training part and scored once on validation
///    and once on test; 4b. <see cref="EnsembleStep"/>: a soft-voting ensemble chosen by ensemble selection on the held-out
///    probabilities, scored by cross-validating the selection, competing like a family; the model kept is the candidate with
///    the best CV mean — the test split never influences any choice;
/// 5. <see cref="Insights"/> (baselines, permutation importance, mean pattern) and <see cref="Curves"/> (learning curve and
///    feature-set comparison) for the selected setting; 6. the model and its manifest.
/// </summary>
public static class TrainingPipeline
{
    public static TrainingResult Run(TrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var context = TrainingContext.Prepare(request, progress, cancellation);
        var search = CrossValidationSearch.Run(context);
        var refitting = new Refitting(context, search);
        var refits = refitting.BestOfEachFamily();
        var runs = search.Runs;
        if (request.Ensemble)
        {
            if (EnsembleStep.Form(context, search, refitting) is { } e)
            {
                runs.Add(e.Run);
                refits.Results.Add(e.Result);
                refits.Fitted[EnsembleFamily.FamilyName] = e.Model;
                progress?.Report(new TrainingProgress("ensemble", 1, 1, e.Summary));
            }
            else progress?.Report(new TrainingProgress("ensemble", 1, 1, "no ensemble: fewer than two families with held-out predictions on the same features, or the selection kept a single setting"));
        }
        var selected = refits.Results.OrderByDescending(r => r.Best.Mean).First();
        var model = refits.Fitted[selected.Family];
        var pipeline = context.SpaceFor(ClassifierFamilies.Get(selected.Family)).Pipeline;
        var insights = Insights.Run(context, pipeline, model);
        var curves = Curves.Run(context, refits.Results, selected, refits.Fitted);
        var trained = new TrainedModel(Manifest(context, runs, selected, pipeline), pipeline, model, request.Target);
        return new TrainingResult(request, context.Split, context.Classes, context.Labels, runs, refits.Results, selected, insights.Baselines,
            insights.ImportancePerBin, insights.MeanPattern, curves.LearningCurve, curves.FeatureComparisons, curves.Source, trained, clock.Elapsed);
    }

    /// <summary>Step 6: everything needed to use the model and to judge it (its CV table, validation and test scores, data and protocol).</summary>
    private static ModelManifest Manifest(TrainingContext c, IReadOnlyList<CvRun> runs, FamilyResult selected, FeaturePipeline pipeline)
    {
        var request = c.Request;
        return new ModelManifest(
            ClassifierFile.CurrentFormatVersion, ClassifierFile.BravaisVersion, DateTime.UtcNow, request.Target.CliName(), [.. c.Classes],
            c.Data.Instrument,
            new FeaturePipelineInfo(pipeline.Steps, pipeline.PeakMeans, pipeline.PeakStds),
            selected.Family, ClassifierFile.ToJson(selected.Best.HyperParameters),
            new TrainingDataInfo(Path.GetFileName(request.DataFile), request.DataSha256, c.Data.Count,
                request.Pretraining is null ? null : new TrainingDataInfo(Path.GetFileName(request.PretrainingFile), request.PretrainingSha256, request.Pretraining.Count)),
            new ProtocolInfo(request.Seed, request.ValidationFraction, request.TestFraction, c.Split.Train.Length, c.Split.Validation.Length, c.Split.Test.Length, request.Folds, request.EffectiveGrid.Name),
            runs.Select(r => new CvSummary(r.Family, ClassifierFile.ToJson(r.HyperParameters), r.Mean, r.Std, r.TrainMean, r.FitSeconds)).ToList(),
            selected.Validation, selected.Test, "");
    }
}
