using Bravais.Learning.Models;
using Bravais.Learning.Models.Neural;
using Xunit;

namespace Bravais.Learning.Tests.NeuralNetworks;

/// <summary>Transfer learning: a CNN pretrained on one set (e.g. synthetic patterns) and fine-tuned on another.</summary>
public class CnnPretrainingTests
{
    private static CnnHyperParameters Tiny => new()
    {
        Channels = [4, 8], KernelSize = 5, DenseUnits = 16, Dropout = 0f, Epochs = 1, BatchSize = 8,
        LearningRate = 5e-3f, WeightDecay = 0f, Patience = 0, LabelSmoothing = 0f, WarmupEpochs = 0,
        Intensity = "sqrt", PretrainEpochs = 15, FineTuneLearningRate = 1e-6f,
    };

    private static double Accuracy(IClassifier model, LabelledRows rows) =>
        model.Predict(rows.X).Zip(rows.Y).Count(p => p.First == p.Second) / (double)rows.Count;

    [Fact]
    public void FineTuningStartsFromWhatPretrainingLearned()
    {
        // pretraining set: the task learned on many rows; the "real" training set is 4 rows, fine-tuned for one
        // epoch at a learning rate too small to learn anything by itself
        var pretraining = CnnTests.Peaks(30, 4, 60, seed: 4);
        var few = CnnTests.Peaks(1, 4, 60, seed: 6);
        var test = CnnTests.Peaks(15, 4, 60, seed: 5);

        var pre = new CnnClassifier(Tiny);
        pre.Pretrain(pretraining, null, new FitOptions(Seed: 1, Threads: 2));
        var tuned = new CnnClassifier(Tiny);
        tuned.StartFrom(pre);
        tuned.Fit(few, null, new FitOptions(Seed: 1, Threads: 2));
        var scratch = new CnnClassifier(Tiny);
        scratch.Fit(few, null, new FitOptions(Seed: 1, Threads: 2));

        Assert.True(Accuracy(pre, test) > 0.9, $"pretrained: {Accuracy(pre, test):P1}");
        Assert.True(Accuracy(tuned, test) > 0.9, $"fine-tuned from pretrained: {Accuracy(tuned, test):P1}");
        Assert.True(Accuracy(scratch, test) < 0.6, $"same fit from random weights: {Accuracy(scratch, test):P1}");
        Assert.Equal(15, tuned.PretrainingHistory!.Epochs.Count);
    }

    [Fact]
    public void APretrainedNetworkOfAnotherShapeIsRefused()
    {
        var rows = CnnTests.Peaks(4, 3, 40, seed: 1);
        var pre = new CnnClassifier(Tiny with { Channels = [4, 4], PretrainEpochs = 1 });
        pre.Pretrain(rows, null, new FitOptions(Seed: 1, Threads: 1));
        var other = new CnnClassifier(Tiny);
        other.StartFrom(pre);
        Assert.Contains("does not match", Assert.Throws<ArgumentException>(() => other.Fit(rows, null, new FitOptions(Seed: 1, Threads: 1))).Message);
        Assert.Throws<ArgumentException>(() => new CnnClassifier(Tiny with { PretrainEpochs = 0 }).Pretrain(rows, null, new FitOptions()));
        Assert.Throws<ArgumentException>(() => other.StartFrom(new CnnClassifier(Tiny)));
    }
}
