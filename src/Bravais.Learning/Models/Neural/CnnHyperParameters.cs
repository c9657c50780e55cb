using Bravais.Diffraction.Augmentation;

namespace Bravais.Learning.Models.Neural;

/// <summary>
/// 1-D convolutional network settings. The input row is read as one profile on the 2θ grid the data states
/// (<see cref="LabelledRows.ProfileGrid"/>, checked against the profile length); each row is scaled to a maximum of 1 and then
/// transformed by <see cref="Intensity"/> (none | sqrt | log1p) inside the model, after augmentation, so
/// give it unscaled intensities, or set none when the learning pipeline has already scaled them. Architectures:
/// <list type="bullet">
/// <item><c>plain</c>: per stage Conv(k) → BatchNorm → ReLU → MaxPool(2) (the peer CNN's shape);</item>
/// <item><c>resnet</c>: a Conv → BN → ReLU stem, then per stage <see cref="BlocksPerStage"/> residual blocks, the first of each stage after the first with stride 2.</item>
/// </list>
/// An optional stem (<see cref="StemChannels"/> &gt; 0) comes first: Conv(<see cref="StemKernel"/>, stride
/// <see cref="StemStride"/>) → BN → ReLU. It shortens a long high-resolution profile (e.g. 1,701 points at 0.05°)
/// by the stride before the stages. With the defaults (k = 11, stride 8) and 32 stem channels, the 1,701-point
/// highres profile becomes 213 positions (0.4° each), so the network costs about what the NANO281 one does
/// (instead of ten times as much) and its flatten head is of the same size; with more channels than the
/// stride, the stem can still encode where within each stride a peak sits.
/// Head: <c>flatten</c> (keeps where along 2θ features are — peak positions matter) or <c>gap</c>
/// (global average pooling), then Dense(<see cref="DenseUnits"/>) → ReLU → Dropout → Dense(classes).
/// </summary>
public sealed record CnnHyperParameters
{
    public string Architecture { get; init; } = "plain";
    public int[] Channels { get; init; } = [32, 64, 128];
    public int KernelSize { get; init; } = 7;
    public int BlocksPerStage { get; init; } = 1;
    /// <summary>Channels of the strided stem convolution; 0 (default) for no stem.</summary>
    public int StemChannels { get; init; }
    public int StemKernel { get; init; } = 11;
    public int StemStride { get; init; } = 8;
    public string Head { get; init; } = "flatten";
    public int DenseUnits { get; init; } = 256;
    public float Dropout { get; init; } = 0.3f;
    public float LearningRate { get; init; } = 2e-3f;
    public float WeightDecay { get; init; } = 1e-2f;
    public int Epochs { get; init; } = 40;
    public int BatchSize { get; init; } = 64;
    public float WarmupEpochs { get; init; } = 1f;
    public float LabelSmoothing { get; init; } = 0.05f;
    public int Patience { get; init; } = 8;
    public float HoldOutFraction { get; init; } = 0.1f;
    /// <summary>
    /// Intensity transform the model applies itself after scaling the profile to max 1: sqrt (default; the
    /// learning pipeline hands the CNN the raw profile, and sqrt is what the peer CNN and all measured runs used),
    /// log1p, or none (for a profile that is already scaled).
    /// </summary>
    public string Intensity { get; init; } = "sqrt";
    /// <summary>
    /// Number of leading columns that form the profile; 0 (default) means every column, which is what the
    /// learning pipeline gives the CNN, whatever the grid (180 NANO281 points, 1,701 highres points). With
    /// a positive count, the columns after it (e.g. the pipeline's peak features) bypass the convolutions and
    /// join the dense head.
    /// </summary>
    public int ProfilePoints { get; init; }
    /// <summary>
    /// Epochs of pretraining when the pipeline is given a pretraining set (<c>bravais train --pretrain FILE</c>,
    /// e.g. synthetic patterns): trained at <see cref="LearningRate"/>, the epoch best on the real validation split
    /// kept, then fine-tuned for <see cref="Epochs"/> at <see cref="FineTuneLearningRate"/>. Ignored without a pretraining set.
    /// </summary>
    public int PretrainEpochs { get; init; } = 8;
    public float FineTuneLearningRate { get; init; } = 5e-4f;
    /// <summary>On-the-fly training augmentation; null or <see cref="AugmentationOptions.None"/> for none.</summary>
    public AugmentationOptions? Augmentation { get; init; }

    public override string ToString() =>
        FormattableString.Invariant($"cnn {(StemChannels > 0 ? $"stem{StemChannels}/k{StemKernel}/s{StemStride} " : "")}{Architecture}[{string.Join('-', Channels)}] k={KernelSize} head={Head}/{DenseUnits} dropout={Dropout} lr={LearningRate} wd={WeightDecay} epochs={Epochs} batch={BatchSize} profile={ProfilePoints} intensity={Intensity} augmentation={Augmentation?.Describe() ?? "none"} pretrain={PretrainEpochs} finetune-lr={FineTuneLearningRate}");
}
