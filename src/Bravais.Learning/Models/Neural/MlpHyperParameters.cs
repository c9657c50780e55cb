namespace Bravais.Learning.Models.Neural;

/// <summary>
/// Multilayer perceptron settings: hidden layer widths, activation (relu | gelu), batch normalisation,
/// dropout, Adam(W) with weight decay, learning rate with warm-up and cosine decay, label smoothing and
/// early stopping (patience in epochs on validation accuracy). Inputs are standardised per column.
/// </summary>
public sealed record MlpHyperParameters
{
    public int[] HiddenSizes { get; init; } = [512, 256];
    public string Activation { get; init; } = "relu";
    public bool BatchNorm { get; init; } = true;
    public float Dropout { get; init; } = 0.2f;
    public float WeightDecay { get; init; } = 1e-4f;
    public bool DecoupledWeightDecay { get; init; } = true;
    public float LearningRate { get; init; } = 1e-3f;
    public int Epochs { get; init; } = 60;
    public int BatchSize { get; init; } = 128;
    public float WarmupEpochs { get; init; } = 1f;
    public float LabelSmoothing { get; init; }
    public int Patience { get; init; } = 10;
    /// <summary>Share of the training rows held out for early stopping when no validation split is given.</summary>
    public float HoldOutFraction { get; init; } = 0.1f;

    public override string ToString() =>
        FormattableString.Invariant($"mlp[{string.Join('-', HiddenSizes)}] {Activation} bn={BatchNorm} dropout={Dropout} wd={WeightDecay} lr={LearningRate} epochs={Epochs} batch={BatchSize}");
}
