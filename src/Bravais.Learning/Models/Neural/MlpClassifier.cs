using Bravais.Learning.Models.Common;
using Bravais.Learning.NeuralNetworks;
using Bravais.Learning.NeuralNetworks.Core;
using Bravais.Learning.NeuralNetworks.Layers;
using Bravais.Learning.NeuralNetworks.Training;
using Bravais.Learning.Features;

namespace Bravais.Learning.Models.Neural;

/// <summary>
/// A multilayer perceptron on our own engine: standardised inputs → [Dense → BatchNorm → ReLU/GELU →
/// Dropout] per hidden layer → Dense → softmax; trained with Adam(W), warm-up + cosine learning rate
/// and early stopping on validation accuracy.
/// </summary>
public sealed class MlpClassifier : IClassifier
{
    private const string Magic = "bravais-mlp";
    private const int FormatVersion = 1;

    private readonly MlpHyperParameters _hp;
    private Network? _network;
    private float[] _mean = [];
    private float[] _inverseStd = [];

    public MlpClassifier(MlpHyperParameters hyperParameters)
    {
        _hp = hyperParameters;
        if (_hp.HiddenSizes.Any(h => h <= 0)) throw new ArgumentException("hidden layer sizes must be positive");
        if (_hp.Activation is not ("relu" or "gelu")) throw new ArgumentException($"unknown activation '{_hp.Activation}' (relu or gelu)");
    }

    public string Family => "mlp";
    public object HyperParameters => _hp;
    public int ClassCount { get; private set; }
    public TrainingHistory? History { get; private set; }
    public Network? Network => _network;

    internal static Network Build(MlpHyperParameters hp, int features, int classes, int seed)
    {
        var layers = new List<Layer>();
        var k = 0;
        foreach (var width in hp.HiddenSizes)
        {
            layers.Add(new Dense(width));
            if (hp.BatchNorm) layers.Add(new BatchNorm1D());
            layers.Add(hp.Activation == "gelu" ? new Gelu() : new ReLU());
            if (hp.Dropout > 0) layers.Add(new Dropout(hp.Dropout, Trainer.Mix(seed, 104729, k++)));
        }
        layers.Add(new Dense(classes));
        return new Network(Shape.Features(features), layers, seed);
    }

    public void Fit(LabelledRows train, LabelledRows? validation, FitOptions options)
    {
        ClassCount = train.ClassCount;
        var features = train.X.Columns;
        var standardiser = FeatureStandardiser.Fit(train.X);
        (_mean, _inverseStd) = (standardiser.Mean, standardiser.InverseScale());
        var (trainSet, validationSet) = NeuralFitting.Split(train, validation, _hp.Patience > 0, _hp.HoldOutFraction, options.Seed);
        trainSet = trainSet with { X = Standardise(trainSet.X, features) };
        if (validationSet is not null) validationSet = validationSet with { X = Standardise(validationSet.X, features) };
        _network = Build(_hp, features, ClassCount, options.Seed);
        var training = new TrainingOptions
        {
            Epochs = _hp.Epochs, BatchSize = _hp.BatchSize, LearningRate = _hp.LearningRate,
            WeightDecay = _hp.WeightDecay, DecoupledWeightDecay = _hp.DecoupledWeightDecay,
            WarmupEpochs = _hp.WarmupEpochs, LabelSmoothing = _hp.LabelSmoothing, Patience = _hp.Patience,
            Seed = options.Seed, Shards = options.EffectiveThreads,
        };
        History = Trainer.Train(_network, trainSet, validationSet, training, progress: options.Progress, cancellation: options.Cancellation);
    }

    public void PredictProbabilities(FeatureMatrix x, Span<float> probabilities)
    {
        var network = _network ?? throw new InvalidOperationException("the MLP has not been fitted");
        if (x.Columns != _mean.Length) throw new ArgumentException($"the MLP was trained on {_mean.Length} features; got {x.Columns}");
        var standardised = Standardise(x.Values, x.Columns);
        // The network reuses its activation buffers: one prediction at a time per model.
        lock (network) network.PredictProbabilities(standardised, x.Rows, probabilities, shards: Environment.ProcessorCount);
    }

    public void Save(Stream stream)
    {
        var network = _network ?? throw new InvalidOperationException("the MLP has not been fitted");
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        ModelStreams.WriteHeader(writer, Magic, FormatVersion);
        ModelStreams.WriteShape(writer, _mean.Length, ClassCount);
        ModelStreams.WriteArray(writer, _mean);
        ModelStreams.WriteArray(writer, _inverseStd);
        network.WriteState(writer);
    }

    public static MlpClassifier Load(Stream stream, MlpHyperParameters hp)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        ModelStreams.ReadHeader(reader, Magic, FormatVersion);
        var (features, classes) = ModelStreams.ReadShape(reader, Magic);
        var model = new MlpClassifier(hp) { ClassCount = classes };
        model._mean = ModelStreams.ReadFloats(reader, Magic, features);
        model._inverseStd = ModelStreams.ReadFloats(reader, Magic, features);
        if (model._mean.Length != features || model._inverseStd.Length != features) throw new InvalidDataException($"{Magic} model holds standardisation for another number of features than its {features}");
        model._network = Build(hp, features, classes, 0);
        try { model._network.ReadState(reader); }
        catch (EndOfStreamException e) { throw new InvalidDataException("MLP model file is truncated", e); }
        return model;
    }

    private float[] Standardise(float[] values, int columns)
    {
        var result = new float[values.Length];
        for (var r = 0; r < values.Length / columns; r++)
        {
            var source = values.AsSpan(r * columns, columns);
            var target = result.AsSpan(r * columns, columns);
            System.Numerics.Tensors.TensorPrimitives.Subtract(source, _mean, target);
            System.Numerics.Tensors.TensorPrimitives.Multiply(target, _inverseStd, target);
        }
        return result;
    }
}
