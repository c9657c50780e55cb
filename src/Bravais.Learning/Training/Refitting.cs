using System.Diagnostics;
using Bravais.Learning.Models;

namespace Bravais.Learning.Training;

/// <summary>A setting refitted on the whole training part, with its validation and test probabilities.</summary>
internal sealed record Refit(IClassifier Model, float[] Validation, float[] Test, double FitSeconds, double PatternsPerSecond);

/// <summary>Step 4's outcome: each family's best setting refitted and scored once on validation and once on test, and the fitted models by family.</summary>
internal sealed record RefitOutcome(List<FamilyResult> Results, Dictionary<string, IClassifier> Fitted);

/// <summary>
/// Step 4 of the protocol: refits settings on the whole training part (validation given for early stopping) and scores them
/// once on validation and once on test; each setting is refitted at most once (a family's best and an ensemble member share
/// the fit), and in hold-out mode the search's fit is kept as the refit (same rows, options and seed).
/// </summary>
internal sealed class Refitting(TrainingContext context, SearchOutcome search)
{
    private readonly Dictionary<CvRun, Refit> _refits = [];

    public Refit Of(CvRun run)
    {
        if (_refits.TryGetValue(run, out var done)) return done;
        var family = ClassifierFamilies.Get(run.Family);
        var space = context.SpaceFor(family);
        var watch = Stopwatch.StartNew();
        IClassifier model;
        double fitSeconds;
        if (search.HoldoutModels.TryGetValue(run, out var kept)) (model, fitSeconds) = (kept, run.FitSeconds);
        else
        {
            model = context.Create(family, run.HyperParameters);
            model.Fit(space.Train, space.Validation, context.Options(context.Threads, 0));
            fitSeconds = watch.Elapsed.TotalSeconds;
        }
        var validation = model.PredictProbabilities(space.Validation.X);
        watch.Restart();
        var testRaw = context.Data.Intensities.SelectRows(context.Split.Test);
        var test = model.PredictProbabilities(space.Pipeline.Transform(testRaw, context.Cancellation));
        var perSecond = space.Test.Count / Math.Max(1e-9, watch.Elapsed.TotalSeconds);
        return _refits[run] = new Refit(model, validation, test, fitSeconds, perSecond);
    }

    /// <summary>Each family's best setting (highest CV mean, then the faster fit), refitted and scored.</summary>
    public RefitOutcome BestOfEachFamily()
    {
        var outcome = new RefitOutcome([], []);
        var families = context.Families;
        var validation = context.SpaceOf(context.Request.EffectivePreprocessing).Validation;
        var test = context.SpaceOf(context.Request.EffectivePreprocessing).Test;
        var train = context.SpaceOf(context.Request.EffectivePreprocessing).Train;
        for (var i = 0; i < families.Count; i++)
        {
            var family = families[i];
            var best = Scoring.BestRun(search.Runs.Where(r => r.Family == family.Name));
            context.Progress?.Report(new TrainingProgress("refit", i, families.Count, $"refitting {family.Name} {SettingText.Short(best.HyperParameters, context.Request.EffectiveGrid.For(family))} on {train.Count} rows"));
            var refit = Of(best);
            outcome.Results.Add(new FamilyResult(family.Name, best, Scoring.Metrics(validation.Y, refit.Validation, context.Classes), Scoring.Metrics(test.Y, refit.Test, context.Classes), refit.FitSeconds, refit.PatternsPerSecond));
            outcome.Fitted[family.Name] = refit.Model;
        }
        context.Progress?.Report(new TrainingProgress("refit", families.Count, families.Count, "refits done"));
        return outcome;
    }
}
