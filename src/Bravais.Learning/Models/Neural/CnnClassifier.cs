using Bravais.Diffraction.Augmentation;
using Bravais.Diffraction.Patterns;
using Bravais.Learning.Models.Common;
using Bravais.Learning.NeuralNetworks;
using Bravais.Learning.NeuralNetworks.Core;
using Bravais.Learning.NeuralNetworks.Layers;
using Bravais.Learning.NeuralNetworks.Training;
using Bravais.Learning.Features;

namespace Bravais.Learning.Models.Neural;

/// <summary>
/// A 1-D convolutional network over a powder profile, on our own engine (<see cref="Network"/>): each row
/// is scaled to max 1, optionally augmented (training only), intensity-transformed, then classified.
/// </summary>
public sealed class CnnClassifier : IPretrainable
{
    private const string Magic = "bravais-cnn";
    private const int FormatVersion = 1;

    private readonly CnnHyperParameters _hp;
    private Network? _network;
    private float[][]? _warmStart;

    public CnnClassifier(CnnHyperParameters hyperParameters)
    {
        _hp = hyperParameters;
        if (_hp.Architecture is not ("plain" or "resnet")) throw new ArgumentException($"unknown CNN architecture '{_hp.Architecture}' (plain or resnet)");
        if (_hp.Head is not ("flatten" or "gap")) throw new ArgumentException($"unknown CNN head '{_hp.Head}' (flatten or gap)");
        if (_hp.Intensity is not ("none" or "sqrt" or "log1p")) throw new ArgumentException($"unknown intensity scaling '{_hp.Intensity}' (none, sqrt or log1p)");
        if (_hp.Channels.Length == 0 || _hp.Channels.Any(c => c <= 0)) throw new ArgumentException("CNN channels must be positive");
        if (_hp.StemChannels < 0 || (_hp.StemChannels > 0 && (_hp.StemKernel <= 0 || _hp.StemStride <= 0)))
            throw new ArgumentException($"CNN stem needs channels ≥ 0 and, when used, a positive kernel and stride (got {_hp.StemChannels}, k={_hp.StemKernel}, s={_hp.StemStride})");
    }

    public string Family => "cnn";
    public object HyperParameters => _hp;
    public int ClassCount { get; private set; }
    public int Features { get; private set; }
    public TrainingHistory? History { get; private set; }
    public Network? Network => _network;

    /// <summary>
    /// The network for rows of <paramref name="columns"/> values: the first <see cref="CnnHyperParameters.ProfilePoints"/>
    /// (all when 0) go through the convolutional trunk, any further columns join the dense head.
    /// </summary>
    public static Network Build(CnnHyperParameters hp, int columns, int classes, int seed)
    {
        var profile = ProfileLength(hp, columns);
        var trunk = Trunk(hp);
        var layers = new List<Layer>();
        if (profile == columns) layers.AddRange(trunk);
        else if (profile > 0) layers.Add(new ProfileWithSideInputs(profile, trunk));
        layers.Add(new Dense(hp.DenseUnits));
        layers.Add(new ReLU());
        if (hp.Dropout > 0) layers.Add(new Dropout(hp.Dropout, Trainer.Mix(seed, 15485863, 0)));
        layers.Add(new Dense(classes));
        return new Network(new Shape(1, columns), layers, seed);
    }

    /// <summary>
    /// How many leading columns form the profile: <see cref="CnnHyperParameters.ProfilePoints"/>, all columns
    /// when that is 0, and none when the rows are shorter than a profile (e.g. peak features only; the
    /// network is then just the dense head).
    /// </summary>
    internal static int ProfileLength(CnnHyperParameters hp, int columns) =>
        hp.ProfilePoints <= 0 ? columns : columns >= hp.ProfilePoints ? hp.ProfilePoints : 0;

    private static List<Layer> Trunk(CnnHyperParameters hp)
    {
        var layers = new List<Layer>();
        if (hp.StemChannels > 0)
        {
            layers.Add(new Conv1D(hp.StemChannels, hp.StemKernel, hp.StemStride, 1, (hp.StemKernel - 1) / 2));
            layers.Add(new BatchNorm1D());
            layers.Add(new ReLU());
        }
        if (hp.Architecture == "plain")
        {
            foreach (var channels in hp.Channels)
            {
                layers.Add(new Conv1D(channels, hp.KernelSize));
                layers.Add(new BatchNorm1D());
                layers.Add(new ReLU());
                layers.Add(new MaxPool1D(2));
            }
        }
        else
        {
            layers.Add(new Conv1D(hp.Channels[0], hp.KernelSize));
            layers.Add(new BatchNorm1D());
            layers.Add(new ReLU());
            for (var stage = 0; stage < hp.Channels.Length; stage++)
                for (var b = 0; b < hp.BlocksPerStage; b++)
                    layers.Add(new ResidualBlock(hp.Channels[stage], hp.KernelSize, stride: stage > 0 && b == 0 ? 2 : 1));
        }
        if (hp.Head == "gap") layers.Add(new GlobalAveragePool());
        return layers;
    }

    /// <summary>
    /// Fits the network; after <see cref="StartFrom"/> it starts from the pretrained weights and trains at
    /// <see cref="CnnHyperParameters.FineTuneLearningRate"/> (fine-tuning) instead of from random weights.
    /// </summary>
    public void Fit(LabelledRows train, LabelledRows? validation, FitOptions options) =>
        History = Train(train, validation, options, _hp.Epochs, _warmStart is null ? _hp.LearningRate : _hp.FineTuneLearningRate, _warmStart);

    /// <summary>
    /// Pretraining: <see cref="CnnHyperParameters.PretrainEpochs"/> epochs at the full learning rate on
    /// <paramref name="rows"/>, keeping the epoch that scores best on <paramref name="validation"/>.
    /// </summary>
    public void Pretrain(LabelledRows rows, LabelledRows? validation, FitOptions options)
    {
        if (_hp.PretrainEpochs <= 0) throw new ArgumentException("CNN pretraining needs PretrainEpochs > 0");
        _warmStart = null;
        PretrainingHistory = Train(rows, validation, options with { Progress = options.Progress is { } p ? new Prefixed(p, "pretraining: ") : null },
            _hp.PretrainEpochs, _hp.LearningRate, null);
    }

    /// <summary>The pretraining epochs when this model was pretrained (or started from a pretrained one).</summary>
    public TrainingHistory? PretrainingHistory { get; private set; }

    private TrainingHistory Train(LabelledRows train, LabelledRows? validation, FitOptions options, int epochs, float learningRate, float[][]? start)
    {
        ClassCount = train.ClassCount;
        Features = train.X.Columns;
        var profile = ProfileLength(_hp, Features);
        var augmentation = _hp.Augmentation;
        var grid = train.ProfileGrid;
        if (augmentation is { Probability: > 0 } && profile > 0)
        {
            if (grid is null) throw new LearningException("cnn: augmentation needs the 2θ grid of the profile, and the training rows do not state it");
            if (grid.Value.Count != profile)
                throw new LearningException($"cnn: the profile has {profile} points but its stated 2θ grid {grid} has {grid.Value.Count}");
        }
        var (trainSet, validationSet) = NeuralFitting.Split(train, validation, _hp.Patience > 0, _hp.HoldOutFraction, options.Seed);
        _network = Build(_hp, Features, ClassCount, options.Seed);
        if (start is not null)
        {
            _network.Restore(start);
            options.Progress?.Report("cnn: fine-tuning from pretrained weights");
        }
        options.Progress?.Report(_network.Describe());
        if (profile == 0) options.Progress?.Report($"cnn: rows of {Features} columns hold no {_hp.ProfilePoints}-point profile; training the dense head on them alone");
        Action<Span<float>, Random>? augment = augmentation is { Probability: > 0 } && profile > 0
            ? (row, rng) => { var p = row[..profile]; NormaliseToUnitMax(p); ProfileAugmenter.Apply(p, grid!.Value, augmentation, rng); }
            : null;
        var training = new TrainingOptions
        {
            Epochs = epochs, BatchSize = _hp.BatchSize, LearningRate = learningRate,
            WeightDecay = _hp.WeightDecay, DecoupledWeightDecay = true, WarmupEpochs = _hp.WarmupEpochs,
            LabelSmoothing = _hp.LabelSmoothing, Patience = _hp.Patience, Seed = options.Seed, Shards = options.EffectiveThreads,
        };
        return Trainer.Train(_network, trainSet, validationSet, training, augment, Transform, options.Progress, options.Cancellation);
    }

    private sealed class Prefixed(IProgress<string> inner, string prefix) : IProgress<string>
    {
        public void Report(string value) => inner.Report(prefix + value);
    }

    /// <summary>
    /// Make the next <see cref="Fit"/> start from <paramref name="pretrained"/>'s weights instead of random ones.
    /// The architecture, row length and class count must be the same (checked when the fit restores them).
    /// </summary>
    public void StartFrom(IPretrainable pretrained)
    {
        if (pretrained is not CnnClassifier { _network: { } network } cnn) throw new ArgumentException("a CNN can only start from a fitted CNN");
        _warmStart = network.Snapshot();
        PretrainingHistory = cnn.PretrainingHistory;
    }

    /// <summary>What the network sees of a row: the profile part scaled to max 1, then the intensity transform; side features unchanged.</summary>
    public void Transform(Span<float> row)
    {
        row = row[..ProfileLength(_hp, row.Length)];
        if (row.IsEmpty) return;
        NormaliseToUnitMax(row);
        switch (_hp.Intensity)
        {
            case "sqrt":
                for (var i = 0; i < row.Length; i++) row[i] = MathF.Sqrt(MathF.Max(0f, row[i]));
                break;
            case "log1p":
                // log1p of intensities on a 0..100 scale, brought back to roughly 0..1.
                for (var i = 0; i < row.Length; i++) row[i] = MathF.Log(1f + 100f * MathF.Max(0f, row[i])) / MathF.Log(101f);
                break;
        }
    }

    private static void NormaliseToUnitMax(Span<float> row)
    {
        var max = row.Length == 0 ? 0f : System.Numerics.Tensors.TensorPrimitives.Max(row);
        if (max > 0f) System.Numerics.Tensors.TensorPrimitives.Multiply(row, 1f / max, row);
    }

    public void PredictProbabilities(FeatureMatrix x, Span<float> probabilities)
    {
        var network = _network ?? throw new InvalidOperationException("the CNN has not been fitted");
        if (x.Columns != Features) throw new ArgumentException($"the CNN was trained on profiles of {Features} points; got {x.Columns}");
        var input = (float[])x.Values.Clone();
        Shards.For(x.Rows, Environment.ProcessorCount, (_, start, end) =>
        {
            for (var r = start; r < end; r++) Transform(input.AsSpan(r * Features, Features));
        });
        // The network reuses its activation buffers: one prediction at a time per model.
        lock (network) network.PredictProbabilities(input, x.Rows, probabilities, shards: Environment.ProcessorCount);
    }

    public void Save(Stream stream)
    {
        var network = _network ?? throw new InvalidOperationException("the CNN has not been fitted");
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        ModelStreams.WriteHeader(writer, Magic, FormatVersion);
        ModelStreams.WriteShape(writer, Features, ClassCount);
        network.WriteState(writer);
    }

    public static CnnClassifier Load(Stream stream, CnnHyperParameters hp)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        ModelStreams.ReadHeader(reader, Magic, FormatVersion);
        var (features, classes) = ModelStreams.ReadShape(reader, Magic);
        var model = new CnnClassifier(hp) { ClassCount = classes, Features = features };
        model._network = Build(hp, features, classes, 0);
        try { model._network.ReadState(reader); }
        catch (EndOfStreamException e) { throw new InvalidDataException("CNN model file is truncated", e); }
        return model;
    }
}
