using Bravais.Learning.Features;
using Bravais.Learning.Models;
using Bravais.Learning.Validation;

namespace Bravais.Learning.Training;

/// <summary>Step 5's curves: accuracy against training rows, the feature-set comparison, and which family they were drawn for.</summary>
internal sealed record CurveOutcome(IReadOnlyList<CurvePoint> LearningCurve, IReadOnlyList<FeatureComparison> FeatureComparisons, FamilyResult Source);

/// <summary>
/// Step 5 of the protocol: a learning curve (10, 25, 50, 100 % of the training part; accuracy on training rows and on the
/// validation split) and the feature-set comparison (profile, peaks, both; on the validation split), for the selected family
/// unless its refit takes more than a third of the curve budget (then the best family fast enough, or the fastest).
/// </summary>
internal static class Curves
{
    public static CurveOutcome Run(TrainingContext c, IReadOnlyList<FamilyResult> results, FamilyResult selected, IReadOnlyDictionary<string, IClassifier> fitted)
    {
        var request = c.Request;
        var source = results.Where(r => r.FitSeconds <= request.CurveBudgetSeconds / 3).OrderByDescending(r => r.Best.Mean).FirstOrDefault() ?? results.OrderBy(r => r.FitSeconds).First();
        if (selected.FitSeconds <= request.CurveBudgetSeconds / 3) source = selected;
        var curve = new List<CurvePoint>();
        var comparisons = new List<FeatureComparison>();
        if (!request.Curves) return new CurveOutcome(curve, comparisons, source);
        var family = ClassifierFamilies.Get(source.Family);
        var space = c.SpaceFor(family);
        double[] fractions = [0.1, 0.25, 0.5, 1.0];
        for (var i = 0; i < fractions.Length; i++)
        {
            c.Progress?.Report(new TrainingProgress("learning curve", i, fractions.Length, $"{source.Family} on {fractions[i]:P0} of the training rows"));
            var part = fractions[i] >= 1 ? space.Train : TrainingContext.Subset(space.Train, StratifiedSplit.Split(space.Train.Y, 0, 1 - fractions[i], request.Seed).Train);
            IClassifier model;
            if (fractions[i] >= 1) model = fitted[source.Family];
            else
            {
                model = c.Create(family, source.Best.HyperParameters); // from the pretrained network, if any: accuracy vs real rows
                model.Fit(part, space.Validation, c.Options(c.Threads, 0));
            }
            curve.Add(new CurvePoint(part.Count, Scoring.Accuracy(model, TrainingContext.Sample(part, request.TrainScoreRows, request.Seed)), Scoring.Accuracy(model, space.Validation)));
        }
        var sets = Enum.GetValues<FeatureSet>();
        for (var i = 0; i < sets.Length; i++)
        {
            var set = sets[i];
            c.Progress?.Report(new TrainingProgress("feature comparison", i, sets.Length, $"{source.Family} with {Name(set)} features"));
            var steps = ClassifierFamilies.PreprocessingFor(family, space.Pipeline.Steps with { Features = set });
            if (steps.Features != set) continue; // the family reads only its own kind of input (the CNN: the profile)
            if (set == space.Pipeline.Steps.Features)
            {
                comparisons.Add(new FeatureComparison(Name(set), space.Pipeline.FeatureCount, source.Validation.Accuracy, source.Validation.BalancedAccuracy));
                continue;
            }
            var alternative = c.SpaceOf(steps);
            var model = family.Create(source.Best.HyperParameters);
            model.Fit(alternative.Train, alternative.Validation, c.Options(c.Threads, 0));
            var m = Scoring.Score(model, alternative.Validation, c.Classes);
            comparisons.Add(new FeatureComparison(Name(set), alternative.Pipeline.FeatureCount, m.Accuracy, m.BalancedAccuracy));
        }
        return new CurveOutcome(curve, comparisons, source);
    }

    private static string Name(FeatureSet set) => set.ToString().ToLowerInvariant();
}
