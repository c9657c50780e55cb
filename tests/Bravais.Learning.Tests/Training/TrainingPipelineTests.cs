using Bravais.Learning.Data;
using Bravais.Learning.Features;
using Bravais.Learning.Models;
using Bravais.Learning.Models.Centroid;
using Bravais.Learning.Tests.Persistence;
using Bravais.Learning.Training;
using Xunit;

namespace Bravais.Learning.Tests.Training;

public class TrainingPipelineTests : IClassFixture<SmallTrainingRun>
{
    private readonly SmallTrainingRun _run;
    public TrainingPipelineTests(SmallTrainingRun run) => _run = run;

    [Fact]
    public void SeparableClassesAreLearnedFarAboveChance()
    {
        var r = _run.Result;
        // peaks 6° apart per class with ±0.6° jitter: a centroid model separates them almost perfectly
        Assert.True(r.Selected.Test.Accuracy > 0.9, $"test accuracy {r.Selected.Test.Accuracy}");
        Assert.Equal(1.0 / 14, r.Baselines[0].ExpectedAccuracy, 12);
        Assert.True(r.Selected.Test.Accuracy > r.Baselines.Max(b => b.Metrics.Accuracy) + 0.5);
    }

    [Fact]
    public void ProtocolKeepsTheTestSplitApartAndScoresEverySetting()
    {
        var r = _run.Result;
        Assert.Equal(42, r.Split.Test.Length);           // 10% of 420
        Assert.Equal(42, r.Split.Validation.Length);
        Assert.Empty(r.Split.Train.Intersect(r.Split.Test));
        Assert.Equal(new CentroidFamily().Grid(GridSize.Quick).Count, r.CvRuns.Count);
        Assert.All(r.CvRuns, run => Assert.Equal(3, run.FoldAccuracy.Length));
        Assert.Equal(r.CvRuns.Max(x => x.Mean), r.Selected.Best.Mean);
        Assert.Equal(r.Request.Data.Grid.Count, r.ImportancePerBin.Length);
        Assert.Equal(4, r.LearningCurve.Count);
        Assert.Equal(3, r.FeatureComparisons.Count);
        Assert.Equal(r.Split.Train.Length, r.LearningCurve[^1].TrainRows);
    }

    [Fact]
    public void ImportanceIsHighestWhereTheClassPeaksAre()
    {
        // class peaks lie at 12 + 6c + 14j ± 0.6°; the bins between 0.5° and 10° hold nothing
        var r = _run.Result;
        var lowAngle = r.ImportancePerBin.Take(19).Sum();
        Assert.Equal(0, lowAngle, 9);
        Assert.True(r.ImportancePerBin.Max() > 0);
    }

    [Fact]
    public void SameSeedGivesTheSameResult()
    {
        var request = new TrainingRequest(SyntheticPatterns.Make(4, 20, seed: 5, jitterDegrees: 3), PredictionTarget.Bravais, ["centroid"], Folds: 3, Seed: 9, Curves: false, ImportanceRows: 0);
        var a = TrainingPipeline.Run(request);
        var b = TrainingPipeline.Run(request);
        Assert.Equal(a.Split.Test, b.Split.Test);
        Assert.Equal(a.CvRuns.Select(x => x.Mean), b.CvRuns.Select(x => x.Mean));
        Assert.Equal(a.Selected.Test.Accuracy, b.Selected.Test.Accuracy);
    }

    [Fact]
    public void CrystalSystemTargetUsesSevenClasses()
    {
        var request = new TrainingRequest(SyntheticPatterns.Make(14, 10, seed: 6), PredictionTarget.CrystalSystem, ["centroid"], Folds: 2, Curves: false, ImportanceRows: 0,
            Preprocessing: new Preprocessing(Features: FeatureSet.Profile));
        var r = TrainingPipeline.Run(request);
        Assert.Equal(7, r.Classes.Count);
        Assert.Equal(7, r.Model.Classifier.ClassCount);
        Assert.Equal(180, r.Model.Pipeline.FeatureCount);
    }

    [Fact]
    public void SeveralFamiliesAreEachRefittedAndTheBestByCvIsKept()
    {
        var request = new TrainingRequest(SyntheticPatterns.Make(5, 16, seed: 12, jitterDegrees: 2), PredictionTarget.Bravais, ["centroid", "knn"],
            Folds: 3, Curves: false, ImportanceRows: 0, Grid: GridChoice.Quick);
        var r = TrainingPipeline.Run(request);
        Assert.Equal(["centroid", "knn"], r.Families.Select(f => f.Family));
        Assert.Equal(r.Families.MaxBy(f => f.Best.Mean)!.Family, r.Selected.Family);
        Assert.Equal(r.Selected.Family, r.Model.Manifest.Family);
        Assert.All(r.Families, f => Assert.Equal(r.Split.Test.Length, f.Test.Count));
    }

    [Fact]
    public void TheCnnReadsTheRawProfileWhateverWasRequested()
    {
        var requested = new Preprocessing(IntensityScaling.Log1p, true, FeatureSet.Both);
        var cnn = ClassifierFamilies.Get("cnn");
        Assert.Equal(new Preprocessing(IntensityScaling.None, false, FeatureSet.Profile), ClassifierFamilies.PreprocessingFor(cnn, requested));
        Assert.Equal(requested, ClassifierFamilies.PreprocessingFor(ClassifierFamilies.Get("forest"), requested));
        Assert.DoesNotContain("cnn", ClassifierFamilies.DefaultNames);
        Assert.Contains("lightgbm", ClassifierFamilies.DefaultNames);
    }

    [Fact]
    public void UnknownFamilyIsAClearError() =>
        Assert.Contains("unknown model family 'nope'", Assert.Throws<LearningException>(() => ClassifierFamilies.Get("nope")).Message);
}

public class HoldOutAndEnsembleTests
{
    [Fact]
    public void HoldOutModeFitsEachSettingOnceAndKeepsThatFit()
    {
        var data = SyntheticPatterns.Make(5, 16, seed: 12, jitterDegrees: 2);
        var r = TrainingPipeline.Run(new TrainingRequest(data, PredictionTarget.Bravais, ["centroid", "knn"], Folds: 0, Curves: false, ImportanceRows: 0, Seed: 4));
        Assert.All(r.CvRuns.Where(x => x.Family != "ensemble"), run => Assert.Single(run.FoldAccuracy));
        // the setting was scored on the validation split by the very model that is kept: same accuracy
        Assert.All(r.Families.Where(f => f.Family != "ensemble"), f => Assert.Equal(f.Best.FoldAccuracy[0], f.Validation.Accuracy, 12));
        Assert.Contains("--cv must be 0", Assert.Throws<LearningException>(() =>
            TrainingPipeline.Run(new TrainingRequest(data, PredictionTarget.Bravais, ["centroid"], Folds: 1, Curves: false, ImportanceRows: 0))).Message);
    }

    [Fact]
    public void AnEnsembleCompetesLikeAFamilyAndIsScoredOnFoldsItsWeightsDidNotSee()
    {
        var data = SyntheticPatterns.Make(6, 20, seed: 2, jitterDegrees: 3);
        var request = new TrainingRequest(data, PredictionTarget.Bravais, ["centroid", "knn", "logistic"], Folds: 3, Curves: false, ImportanceRows: 0, Seed: 3);
        var with = TrainingPipeline.Run(request);
        var without = TrainingPipeline.Run(request with { Ensemble = false });
        Assert.DoesNotContain(without.Families, f => f.Family == "ensemble");
        Assert.Equal(without.CvRuns.Select(x => x.Mean), with.CvRuns.Where(x => x.Family != "ensemble").Select(x => x.Mean));
        var ensemble = with.Families.SingleOrDefault(f => f.Family == "ensemble");
        if (ensemble is null) return; // the selection kept one family: nothing to form
        Assert.Equal(3, ensemble.Best.FoldAccuracy.Length);
        Assert.Contains(ensemble.Best, with.CvRuns);
        var hp = (Bravais.Learning.Models.Ensemble.EnsembleHyperParameters)ensemble.Best.HyperParameters;
        Assert.True(hp.Members.Count >= 2);
        Assert.All(hp.Members, m => Assert.Contains(m.Family, new[] { "centroid", "knn", "logistic" }));
        Assert.Equal(with.Families.MaxBy(f => f.Best.Mean)!.Family, with.Selected.Family);
    }
}

public class PretrainingTests
{
    private static readonly Bravais.Learning.Models.Neural.CnnHyperParameters TinyCnn = new()
    {
        Channels = [4, 8], KernelSize = 5, DenseUnits = 16, Dropout = 0f, Epochs = 2, BatchSize = 16,
        LearningRate = 5e-3f, WeightDecay = 0f, Patience = 0, LabelSmoothing = 0f, WarmupEpochs = 0,
        PretrainEpochs = 3, FineTuneLearningRate = 1e-3f,
    };

    [Fact]
    public void TheCnnIsPretrainedOnceOnTheAuxiliarySetAndTheManifestSaysSo()
    {
        var data = SyntheticPatterns.Make(4, 15, seed: 1);
        var extra = SyntheticPatterns.Make(4, 40, seed: 2);
        var grid = new GridChoice(GridSize.Quick, new Dictionary<string, IReadOnlyList<object>> { ["cnn"] = [TinyCnn], ["centroid"] = [new Bravais.Learning.Models.Centroid.CentroidHyperParameters()] });
        var stages = new List<string>();
        var request = new TrainingRequest(data, PredictionTarget.Bravais, ["cnn", "centroid"], Folds: 2, Grid: grid, Curves: false, ImportanceRows: 0, Seed: 3,
            Ensemble: false, Pretraining: extra, PretrainingFile: "/some/where/synthetic.csv.gz", PretrainingSha256: "abc");
        var r = TrainingPipeline.Run(request, new Sync(p => { if (p.Stage == "pretraining" && p.Done == 0) stages.Add(p.Message); }));
        Assert.Single(stages); // two folds and the refit share one pretraining
        Assert.Contains("160 rows of synthetic.csv.gz", stages[0]);
        var info = r.Model.Manifest.TrainingData!.Pretraining!;
        Assert.Equal(("synthetic.csv.gz", "abc", 160), (info.File, info.Sha256, info.Rows));
        Assert.NotEqual(CvCheckpoint.Protocol(request), CvCheckpoint.Protocol(request with { Pretraining = null }));
    }

    [Fact]
    public void TheLearningCurveFineTunesThePretrainedNetworkToo()
    {
        // fine-tuning too weak to learn anything by itself (one epoch at 1e-6): only a curve started from the
        // pretrained network can score well on a tenth of the training rows
        var data = SyntheticPatterns.Make(4, 20, seed: 1);
        var extra = SyntheticPatterns.Make(4, 40, seed: 2);
        var cnn = TinyCnn with { Epochs = 1, FineTuneLearningRate = 1e-6f, PretrainEpochs = 15 };
        var grid = new GridChoice(GridSize.Quick, new Dictionary<string, IReadOnlyList<object>> { ["cnn"] = [cnn] });
        var request = new TrainingRequest(data, PredictionTarget.Bravais, ["cnn"], Folds: 0, Grid: grid, Curves: true, ImportanceRows: 0, Seed: 3,
            Ensemble: false, Pretraining: extra, PretrainingFile: "synthetic.csv");
        var r = TrainingPipeline.Run(request);
        Assert.True(r.Selected.Test.Accuracy > 0.85, $"test {r.Selected.Test.Accuracy:P0}");
        Assert.All(r.LearningCurve, p => Assert.True(p.ValidationAccuracy > 0.85, $"{p.TrainRows} rows: validation {p.ValidationAccuracy:P0}"));
        var scratch = TrainingPipeline.Run(request with { Pretraining = null });
        Assert.True(scratch.Selected.Test.Accuracy < 0.6, $"without pretraining: test {scratch.Selected.Test.Accuracy:P0}");
    }

    [Fact]
    public void APretrainingSetOnAnotherGridIsRefused()
    {
        var data = SyntheticPatterns.Make(3, 10, seed: 1);
        var other = SyntheticPatterns.Make(3, 10, seed: 2, grid: new Bravais.Diffraction.Patterns.AngleGrid(5, 0.05, 1701));
        var e = Assert.Throws<LearningException>(() => TrainingPipeline.Run(new TrainingRequest(data, PredictionTarget.Bravais, ["cnn"], Folds: 0, Curves: false, ImportanceRows: 0,
            Pretraining: other, PretrainingFile: "hr.csv")));
        Assert.Contains("grid", e.Message);
        Assert.Contains("hr.csv", e.ToString());
    }

    private sealed class Sync(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) { lock (this) report(value); }
    }

    [Fact]
    public void ADatasetOfOneClassIsRefusedInsteadOfScoringAMeaningless100Percent()
    {
        var one = SyntheticPatterns.Make(1, 40, seed: 2);
        var e = Assert.Throws<LearningException>(() => TrainingPipeline.Run(new TrainingRequest(one, PredictionTarget.Bravais, ["centroid"], "one.csv")));
        Assert.Contains("only one bravais class (aP)", e.Message);
        Assert.StartsWith("one.csv: ", e.Message);
    }
}
