using Bravais.Learning.Models;
using Bravais.Learning.Models.LightGbm;
using Xunit;

namespace Bravais.Learning.Tests.Models;

public class LightGbmTests
{
    [Fact]
    public void SeparatesXor()
    {
        var model = new LightGbmClassifier(new LightGbmHyperParameters(NumberOfLeaves: 7, Rounds: 60, MinExamplesPerLeaf: 5));
        model.Fit(SyntheticProblems.Xor(400, seed: 11, noiseFeatures: 1), null, new FitOptions(Seed: 1));
        var test = SyntheticProblems.Xor(300, seed: 12, noiseFeatures: 1);
        Assert.True(SyntheticProblems.Accuracy(model, test) >= 0.95, $"{SyntheticProblems.Accuracy(model, test):P1}");
    }

    [Fact]
    public void EarlyStoppingOnValidationRowsEndsBoostingOnNoisyData()
    {
        // Heavily overlapping blobs (class centres 4√2 apart in 6 dims, but only 8 rows per class): the
        // validation log-loss starts rising within a few rounds, so early stopping must change the model.
        var train = SyntheticProblems.Blobs(8, 3, 30, seed: 21);
        var validation = SyntheticProblems.Blobs(30, 3, 30, seed: 22);
        var test = SyntheticProblems.Blobs(30, 3, 30, seed: 23);
        var hp = new LightGbmHyperParameters(NumberOfLeaves: 4, LearningRate: 0.3, Rounds: 300, EarlyStoppingRounds: 5, MinExamplesPerLeaf: 2);
        var stopped = new LightGbmClassifier(hp);
        stopped.Fit(train, validation, new FitOptions(Seed: 1, Threads: 1));
        var full = new LightGbmClassifier(hp);
        full.Fit(train, null, new FitOptions(Seed: 1, Threads: 1));
        var pStopped = stopped.PredictProbabilities(test.X);
        var pFull = full.PredictProbabilities(test.X);
        // 300 rounds at rate 0.3 drive training-set probabilities to ~1; an early-stopped model stays softer.
        Assert.True(pStopped.Max() < pFull.Max() || pStopped.Zip(pFull).Any(p => Math.Abs(p.First - p.Second) > 1e-3));
        Assert.True(Entropy(pStopped, 3) > Entropy(pFull, 3), $"early-stopped mean entropy {Entropy(pStopped, 3):F3}, full {Entropy(pFull, 3):F3}");
    }

    private static double Entropy(float[] p, int k) => -p.Where(v => v > 0).Sum(v => v * Math.Log(v)) / (p.Length / k);

    [Fact]
    public void AClassAbsentFromTrainingStillGetsAProbabilityColumn()
    {
        var train = SyntheticProblems.Blobs(30, 3, 4, seed: 5);
        var rows = new LabelledRows(train.X, train.Y, ClassCount: 4); // class 3 never occurs
        var model = new LightGbmClassifier(new LightGbmHyperParameters(NumberOfLeaves: 4, Rounds: 20, MinExamplesPerLeaf: 3));
        model.Fit(rows, null, new FitOptions(Seed: 1));
        var p = model.PredictProbabilities(train.X);
        Assert.Equal(train.Count * 4, p.Length);
        SyntheticProblems.AssertProbabilitiesSumToOne(p, 4);
        Assert.Equal(train.Y, model.Predict(train.X));
    }
}
