using Bravais.Crystallography.Numerics;
using Bravais.Diffraction.Augmentation;
using Bravais.Learning.Models;
using Bravais.Learning.Models.Neural;
using Bravais.Learning.NeuralNetworks.Core;
using Xunit;
using Bravais.Learning.Features;

namespace Bravais.Learning.Tests.NeuralNetworks;

public class CnnTests
{
    /// <summary>
    /// Synthetic "patterns" of <paramref name="length"/> points: class c has Gaussian peaks at its own
    /// positions (σ = 1 point), positions jittered by ±1 point and heights by ±30 %, plus a little noise.
    /// </summary>
    internal static LabelledRows Peaks(int perClass, int classes, int length, int seed)
    {
        var layout = new Random(1000 + classes);
        var positions = Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, 3).Select(_ => 5 + layout.Next(length - 10)).ToArray()).ToArray();
        var rng = new Random(seed);
        var x = new FeatureMatrix(perClass * classes, length);
        var y = new int[x.Rows];
        for (var r = 0; r < x.Rows; r++)
        {
            y[r] = r % classes;
            foreach (var p in positions[y[r]])
            {
                var centre = p + rng.Next(-1, 2);
                var height = 100 * (0.7 + 0.6 * rng.NextDouble());
                for (var i = 0; i < length; i++) x[r, i] += (float)(height * Math.Exp(-0.5 * (i - centre) * (i - centre)));
            }
            for (var i = 0; i < length; i++) x[r, i] = Math.Max(0, x[r, i] + (float)(2 * rng.NextNormal()));
        }
        return new LabelledRows(x, y, classes);
    }

    private static CnnHyperParameters Tiny => new()
    {
        Channels = [4, 8], KernelSize = 5, DenseUnits = 16, Dropout = 0f, Epochs = 60, BatchSize = 8,
        LearningRate = 5e-3f, WeightDecay = 0f, Patience = 0, LabelSmoothing = 0f, WarmupEpochs = 0,
        ProfilePoints = 0, Intensity = "sqrt",
    };

    [Fact]
    public void TinyCnnOverfitsRandomLabels()
    {
        var data = Peaks(8, 3, 40, seed: 1);
        var rng = new Random(2);
        var shuffled = data with { Y = data.Y.Select(_ => rng.Next(3)).ToArray() };
        var model = new CnnClassifier(Tiny);
        model.Fit(shuffled, null, new FitOptions(Seed: 3, Threads: 2));
        Assert.Equal(shuffled.Y, model.Predict(shuffled.X));
    }

    [Theory]
    [InlineData("plain", "flatten")]
    [InlineData("resnet", "flatten")]
    public void CnnLearnsPeakPositionsAndGeneralises(string architecture, string head)
    {
        var train = Peaks(30, 4, 60, seed: 4);
        var test = Peaks(15, 4, 60, seed: 5);
        var model = new CnnClassifier(Tiny with { Architecture = architecture, Head = head, Epochs = 15 });
        model.Fit(train, null, new FitOptions(Seed: 1, Threads: 2));
        var accuracy = model.Predict(test.X).Zip(test.Y).Count(p => p.First == p.Second) / (double)test.Count;
        Assert.True(accuracy > 0.9, $"{architecture}/{head}: accuracy {accuracy:P1}");
    }

    [Fact]
    public void StridedStemShortensAHighResolutionProfileByItsStride()
    {
        // 1,701 points (the highres preset), default stem k = 11, stride 8, padding 5: ⌊(1701 + 10 − 11) / 8⌋ + 1 = 213
        // points, then the plain stages halve it three times: 106, 53, 26; the flatten head sees 128 × 26 values.
        var hp = new CnnHyperParameters { StemChannels = 32, ProfilePoints = 1701 };
        var network = CnnClassifier.Build(hp, 1701, 14, seed: 1);
        var stem = Assert.IsType<Bravais.Learning.NeuralNetworks.Layers.Conv1D>(network.Layers[0]);
        Assert.Equal((8, 11, 5), (stem.Stride, stem.Kernel, stem.Padding));
        Assert.Equal(new Shape(32, 213), network.Layers[0].OutputShape);
        var flattened = network.Layers.OfType<Bravais.Learning.NeuralNetworks.Layers.MaxPool1D>().Last().OutputShape;
        Assert.Equal(new Shape(128, 26), flattened);
        // Without a stem the network starts with the first stage's convolution at full length.
        var plain = CnnClassifier.Build(new CnnHyperParameters { ProfilePoints = 1701 }, 1701, 14, seed: 1);
        Assert.Equal(new Shape(32, 1701), plain.Layers[0].OutputShape);
    }

    [Fact]
    public void DefaultCnnReadsEveryColumnAsAProfileOfSquareRootIntensities()
    {
        // The learning pipeline hands the CNN the raw profile only, on whatever grid: every column is profile,
        // scaled to max 1, then square-rooted (100 → 1, 25 → 0.5, 4 → 0.2).
        var model = new CnnClassifier(new CnnHyperParameters());
        var network = CnnClassifier.Build(new CnnHyperParameters(), 1701, 14, seed: 1);
        Assert.Equal(new Shape(32, 1701), network.Layers[0].OutputShape);
        float[] row = [0f, 4f, 25f, 100f];
        model.Transform(row);
        float[] expected = [0f, 0.2f, 0.5f, 1f];
        for (var i = 0; i < row.Length; i++) Assert.Equal(expected[i], row[i], 1e-6f);
    }

    [Fact]
    public void QuickGridIsTheOneDefaultSetting()
    {
        var quick = Assert.Single(new CnnFamily().Grid(GridSize.Quick));
        Assert.Equal(new CnnHyperParameters().ToString(), quick.ToString());
        Assert.True(new CnnFamily().Grid(GridSize.Full).Count > 1);
    }

    [Fact]
    public void StemmedCnnStillResolvesPeakPositionsBelowItsStride()
    {
        // Classes differ only by where their peaks sit, one to three points apart, closer than the stem's stride
        // of 4: the strided stem must keep sub-stride positions for the network to tell them apart.
        const int length = 96, classes = 4;
        LabelledRows Make(int perClass, int seed)
        {
            var rng = new Random(seed);
            var x = new FeatureMatrix(perClass * classes, length);
            var y = new int[x.Rows];
            for (var r = 0; r < x.Rows; r++)
            {
                y[r] = r % classes;
                var offset = rng.Next(0, 8) * 4;                 // the whole pattern moves by whole strides
                foreach (var centre in new[] { 20 + y[r], 50 + 2 * y[r] })
                {
                    var height = 100 * (0.7 + 0.6 * rng.NextDouble());
                    for (var i = 0; i < length; i++) x[r, i] += (float)(height * Math.Exp(-0.5 * (i - centre - offset) * (i - centre - offset)));
                }
            }
            return new LabelledRows(x, y, classes);
        }
        var model = new CnnClassifier(Tiny with { StemChannels = 8, StemKernel = 9, StemStride = 4, Epochs = 25 });
        model.Fit(Make(30, 11), null, new FitOptions(Seed: 1, Threads: 2));
        Assert.Equal(new Shape(8, 24), model.Network!.Layers[0].OutputShape);
        var test = Make(15, 12);
        var accuracy = model.Predict(test.X).Zip(test.Y).Count(p => p.First == p.Second) / (double)test.Count;
        Assert.True(accuracy > 0.9, $"accuracy {accuracy:P1} on unseen rows");
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var hp = (CnnHyperParameters)model.HyperParameters;
        Assert.Equal(model.PredictProbabilities(test.X), new CnnFamily().Load(stream, hp).PredictProbabilities(test.X));
    }

    [Theory]
    [InlineData(-1, 9, 4)]
    [InlineData(8, 0, 4)]
    [InlineData(8, 9, 0)]
    public void InvalidStemIsRefused(int channels, int kernel, int stride) =>
        Assert.Throws<ArgumentException>(() => new CnnClassifier(new CnnHyperParameters { StemChannels = channels, StemKernel = kernel, StemStride = stride }));

    [Fact]
    public void SavedAndReloadedCnnGivesIdenticalOutputs()
    {
        var data = Peaks(6, 3, 48, seed: 6);
        var hp = Tiny with { Architecture = "resnet", Head = "gap", Epochs = 3, Dropout = 0.2f, Intensity = "log1p" };
        var model = new CnnClassifier(hp);
        model.Fit(data, null, new FitOptions(Seed: 2, Threads: 2));
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var reloaded = new CnnFamily().Load(stream, hp);
        Assert.Equal(model.PredictProbabilities(data.X), reloaded.PredictProbabilities(data.X));
        var truncated = new MemoryStream(stream.ToArray()[..(int)(stream.Length - 10)]);
        Assert.Throws<InvalidDataException>(() => new CnnFamily().Load(truncated, hp));
    }

    [Fact]
    public void AugmentedTrainingIsDeterministicForASeed()
    {
        var data = Peaks(6, 3, 48, seed: 7);
        data = data with { ProfileGrid = new Bravais.Diffraction.Patterns.AngleGrid(0.5, 0.5, data.X.Columns) }; // augmentation needs the profile's 2θ grid
        float[] Run(int seed)
        {
            var model = new CnnClassifier(Tiny with { Epochs = 3, Dropout = 0.2f, Augmentation = AugmentationOptions.Default with { Probability = 1 } });
            model.Fit(data, null, new FitOptions(Seed: seed, Threads: 2));
            return model.PredictProbabilities(data.X);
        }
        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
        // without a stated grid the augmentation cannot run: a clear refusal, not a guessed grid
        var model = new CnnClassifier(Tiny with { Epochs = 1, Augmentation = AugmentationOptions.Default with { Probability = 1 } });
        Assert.Contains("2θ grid", Assert.Throws<LearningException>(() => model.Fit(data with { ProfileGrid = null }, null, new FitOptions(Seed: 1, Threads: 1))).Message);
    }

    [Fact]
    public void SideFeaturesBypassTheConvolutionsAndCarryInformation()
    {
        // The profile is pure noise; the class is only in the two extra columns, so only a model that
        // uses them can score well on rows it has not seen.
        const int profile = 32, classes = 3;
        LabelledRows Make(int rows, int seed)
        {
            var rng = new Random(seed);
            var x = new FeatureMatrix(rows, profile + 2);
            var y = new int[rows];
            for (var r = 0; r < rows; r++)
            {
                y[r] = r % classes;
                for (var i = 0; i < profile; i++) x[r, i] = rng.NextSingle();
                x[r, profile] = y[r] == 1 ? 2f : -1f;
                x[r, profile + 1] = y[r] == 2 ? 2f : -1f;
            }
            return new LabelledRows(x, y, classes);
        }
        var data = Make(240, 9);
        var test = Make(60, 10);
        var hp = Tiny with { ProfilePoints = profile, Epochs = 20, Dropout = 0.3f };
        var model = new CnnClassifier(hp);
        model.Fit(data, null, new FitOptions(Seed: 1, Threads: 2));
        Assert.IsType<Bravais.Learning.NeuralNetworks.Layers.ProfileWithSideInputs>(model.Network!.Layers[0]);
        var accuracy = model.Predict(test.X).Zip(test.Y).Count(p => p.First == p.Second) / (double)test.Count;
        Assert.True(accuracy > 0.9, $"accuracy {accuracy:P1} on unseen rows");
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        Assert.Equal(model.PredictProbabilities(test.X), new CnnFamily().Load(stream, hp).PredictProbabilities(test.X));
        // Rows shorter than a profile (peak features only): the dense head alone, still learning from the side columns.
        var headOnly = new CnnClassifier(hp with { ProfilePoints = 40 });
        headOnly.Fit(data, null, new FitOptions(Seed: 1, Threads: 2));
        Assert.IsType<Bravais.Learning.NeuralNetworks.Layers.Dense>(headOnly.Network!.Layers[0]);
    }

    [Fact]
    public void ProfilesOfTheWrongLengthAreRefused()
    {
        var model = new CnnClassifier(Tiny with { Epochs = 1 });
        model.Fit(Peaks(4, 2, 30, seed: 8), null, new FitOptions(Seed: 1, Threads: 1));
        Assert.Throws<ArgumentException>(() => model.PredictProbabilities(new FeatureMatrix(2, 31)));
    }
}
