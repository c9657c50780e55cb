using Bravais.Crystallography.Numerics;
using Bravais.Learning.Models;
using Bravais.Learning.Models.Neural;
using Bravais.Learning.NeuralNetworks;
using Bravais.Learning.NeuralNetworks.Core;
using Bravais.Learning.NeuralNetworks.Layers;
using Bravais.Learning.NeuralNetworks.Losses;
using Xunit;
using Bravais.Learning.Features;

namespace Bravais.Learning.Tests.NeuralNetworks;

public class NetworkTests
{
    /// <summary>Gaussian blobs: class c is centred on a random point; well separated for small noise.</summary>
    internal static LabelledRows Blobs(int perClass, int classes, int features, double noise, int seed)
    {
        var rng = new Random(seed);
        var centres = Enumerable.Range(0, classes).Select(_ => GradientChecker.Random(features, rng.Next(), 1.0)).ToArray();
        var x = new FeatureMatrix(perClass * classes, features);
        var y = new int[perClass * classes];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = i % classes;
            for (var f = 0; f < features; f++) x[i, f] = centres[y[i]][f] + (float)(noise * rng.NextNormal());
        }
        return new LabelledRows(x, y, classes);
    }

    [Fact]
    public void EndToEndMlpGradientMatchesFiniteDifferences()
    {
        // Dense → BatchNorm → GELU → Dense → softmax cross-entropy with label smoothing, in training mode.
        var network = new Network(Shape.Features(6), [new Dense(9), new BatchNorm1D(), new Gelu(), new Dense(4)], seed: 3);
        const int batch = 5;
        var x = GradientChecker.Random(batch * 6, 31);
        int[] labels = [0, 1, 2, 3, 1];
        var context = new RunContext(2, training: true);
        var g = new float[batch * 4];
        double Loss() => SoftmaxCrossEntropy.LossAndGradient(network.Forward(x, batch, context).AsSpan(0, batch * 4), labels, 4, 0.1f, g);
        Loss();
        network.Backward(x, g, batch, context);
        var analytic = network.Parameters.Select(p => (float[])p.Gradient.Clone()).ToArray();
        var scratch = new float[g.Length];
        for (var k = 0; k < network.Parameters.Count; k++)
        {
            var p = network.Parameters[k];
            for (var i = 0; i < p.Size; i += 3)
            {
                var numeric = GradientChecker.Numeric(p.Value, i, 1e-2f, () =>
                    SoftmaxCrossEntropy.LossAndGradient(network.Forward(x, batch, context).AsSpan(0, batch * 4), labels, 4, 0.1f, scratch));
                GradientChecker.Compare($"{p.Name}[{i}]", numeric, analytic[k][i]);
            }
        }
    }

    private static MlpHyperParameters SmallMlp => new()
    {
        HiddenSizes = [32], Dropout = 0f, Epochs = 60, BatchSize = 16, LearningRate = 1e-2f, Patience = 0, WeightDecay = 0f,
    };

    [Fact]
    public void TinyMlpOverfitsATinyDataset()
    {
        // 40 points with random labels cannot be generalised, only memorised.
        var data = Blobs(10, 4, 12, noise: 0.0, seed: 1);
        var rng = new Random(2);
        for (var i = 0; i < data.X.Rows; i++) for (var f = 0; f < 12; f++) data.X[i, f] = (float)rng.NextNormal();
        var model = new MlpClassifier(SmallMlp with { Epochs = 150 });
        model.Fit(data, null, new FitOptions(Seed: 1, Threads: 2));
        var predicted = model.Predict(data.X);
        Assert.Equal(data.Y, predicted);
        Assert.True(model.History!.Epochs[^1].TrainLoss < 0.15, $"final loss {model.History.Epochs[^1].TrainLoss}");
    }

    [Fact]
    public void MlpGeneralisesOnSeparableBlobs()
    {
        var train = Blobs(40, 5, 20, noise: 0.6, seed: 3);
        // Same seed → same centres; rows 200..299 are draws the model never saw.
        var fresh = Blobs(60, 5, 20, noise: 0.6, seed: 3);
        var testRows = Enumerable.Range(200, 100).ToArray();
        var model = new MlpClassifier(SmallMlp with { Dropout = 0.1f, Patience = 10, Epochs = 40 });
        model.Fit(train, null, new FitOptions(Seed: 2, Threads: 2));
        var x = fresh.X.SelectRows(testRows);
        var y = testRows.Select(i => fresh.Y[i]).ToArray();
        var accuracy = model.Predict(x).Zip(y).Count(p => p.First == p.Second) / (double)y.Length;
        Assert.True(accuracy > 0.9, $"accuracy {accuracy:P1} on held-out blob samples");
    }

    [Fact]
    public void TrainingIsDeterministicForASeed()
    {
        var data = Blobs(20, 3, 10, noise: 1.0, seed: 4);
        float[] Run(int seed)
        {
            var model = new MlpClassifier(SmallMlp with { Dropout = 0.3f, Epochs = 8 });
            model.Fit(data, null, new FitOptions(Seed: seed, Threads: 2));
            return model.PredictProbabilities(data.X);
        }
        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void SavedAndReloadedMlpGivesIdenticalOutputs()
    {
        var data = Blobs(15, 3, 8, noise: 1.0, seed: 5);
        var hp = SmallMlp with { HiddenSizes = [16, 8], Activation = "gelu", Epochs = 5 };
        var model = new MlpClassifier(hp);
        model.Fit(data, null, new FitOptions(Seed: 1, Threads: 2));
        var family = new MlpFamily();
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var reloaded = family.Load(stream, hp);
        Assert.Equal(model.PredictProbabilities(data.X), reloaded.PredictProbabilities(data.X));
        Assert.Equal(3, reloaded.ClassCount);

        var truncated = new MemoryStream(stream.ToArray()[..(int)(stream.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => family.Load(truncated, hp));
        Assert.Throws<InvalidDataException>(() => family.Load(new MemoryStream([1, 2, 3, 4]), hp));
    }
}
