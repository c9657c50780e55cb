using Bravais.Learning.Baselines;
using Bravais.Learning.Features;
using Bravais.Learning.Interpretation;
using Bravais.Learning.Models;

namespace Bravais.Learning.Training;

/// <summary>Step 5's interpretation: chance baselines on the test split, permutation importance per 2θ bin on the validation split, and the mean training pattern.</summary>
internal sealed record InsightOutcome(IReadOnlyList<BaselineResult> Baselines, double[] ImportancePerBin, double[] MeanPattern);

/// <summary>Step 5 of the protocol: baselines and interpretation of the selected model (the test split is only scored, never used to choose).</summary>
internal static class Insights
{
    public static InsightOutcome Run(TrainingContext c, FeaturePipeline pipeline, IClassifier model)
    {
        var request = c.Request;
        var space = c.SpaceOf(request.EffectivePreprocessing);
        var baselines = Baseline.Evaluate(space.Train.Y, space.Test.Y, c.Classes, request.Seed);
        var bins = c.Data.Grid.Count;
        var importance = new double[bins];
        if (request.ImportanceRows > 0)
        {
            c.Progress?.Report(new TrainingProgress("importance", 0, bins, "permutation importance on the validation split"));
            var validationRaw = c.Data.Intensities.SelectRows(c.Split.Validation);
            importance = PermutationImportance.PerBin(validationRaw, space.Validation.Y, pipeline, model, request.ImportanceRows, request.Seed,
                new Progress<int>(d => c.Progress?.Report(new TrainingProgress("importance", d, bins, "permutation importance"))), c.Cancellation);
        }
        var profile = FeaturePipeline.Fit(request.EffectivePreprocessing with { Features = FeatureSet.Profile }, c.Data.Instrument, c.RawTrain);
        return new InsightOutcome(baselines, importance, MeanRows(profile, c.RawTrain));
    }

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
