namespace Bravais.Learning.Models;

/// <summary>
/// A classifier that can first learn from a large auxiliary set of the same task (e.g. synthetic patterns
/// from <c>bravais synth</c>) and then be fine-tuned on the real training rows: transfer learning. A pretrained
/// model is the starting point of any number of fits (one per CV fold and the refit), so the costly
/// pretraining runs once per hyper-parameter setting.
/// </summary>
public interface IPretrainable : IClassifier
{
    /// <summary>
    /// Trains this model on <paramref name="rows"/> (none of which may be in the validation or test part of
    /// the real data); <paramref name="validation"/> (real rows) picks the epoch to keep.
    /// </summary>
    void Pretrain(LabelledRows rows, LabelledRows? validation, FitOptions options);

    /// <summary>Makes the next <see cref="IClassifier.Fit"/> start from <paramref name="pretrained"/>'s learned state (same hyper-parameters).</summary>
    void StartFrom(IPretrainable pretrained);
}
