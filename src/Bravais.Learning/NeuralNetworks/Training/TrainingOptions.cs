namespace Bravais.Learning.NeuralNetworks.Training;

/// <summary>
/// How to train a network: epochs and batch size; AdamW (decoupled) or Adam with L2 weight decay;
/// linear warm-up then cosine decay of the learning rate; label smoothing; early stopping on the
/// validation accuracy after <see cref="Patience"/> epochs without improvement (0 = never stop early).
/// Results are reproducible for a given <see cref="Seed"/> and <see cref="Shards"/>.
/// </summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 30;
    public int BatchSize { get; init; } = 64;
    public float LearningRate { get; init; } = 1e-3f;
    public float WeightDecay { get; init; }
    public bool DecoupledWeightDecay { get; init; } = true;
    public float WarmupEpochs { get; init; }
    public bool CosineDecay { get; init; } = true;
    public float LabelSmoothing { get; init; }
    public int Patience { get; init; }
    public int Seed { get; init; }
    public int Shards { get; init; } = Math.Max(1, Environment.ProcessorCount);
}

/// <summary>One epoch's figures.</summary>
public sealed record EpochResult(int Epoch, double TrainLoss, double TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy, float LearningRate, double Seconds);

/// <summary>What training did: every epoch, the epoch whose weights were kept, and whether it stopped early.</summary>
public sealed record TrainingHistory(IReadOnlyList<EpochResult> Epochs, int BestEpoch, bool StoppedEarly);

/// <summary>Samples for training: <see cref="Count"/> rows of <see cref="Features"/> floats and their class labels.</summary>
public sealed record SampleSet(float[] X, int[] Y, int Features)
{
    public int Count => Y.Length;
}
