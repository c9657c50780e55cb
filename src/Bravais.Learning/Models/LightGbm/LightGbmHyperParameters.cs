namespace Bravais.Learning.Models.LightGbm;

/// <summary>
/// Gradient-boosted trees (LightGBM through ML.NET, softmax objective: one tree per class per round).
/// </summary>
/// <param name="NumberOfLeaves">Leaves per tree (LightGBM num_leaves).</param>
/// <param name="LearningRate">Shrinkage per round.</param>
/// <param name="Rounds">Most boosting rounds.</param>
/// <param name="EarlyStoppingRounds">With validation rows given to Fit: stop when the validation multi-class
/// log-loss has not improved for this many rounds (0 = never). Ignored without validation rows.</param>
/// <param name="MinExamplesPerLeaf">LightGBM min_data_in_leaf.</param>
/// <param name="FeatureFraction">Fraction of features each tree may use (LightGBM feature_fraction).</param>
/// <param name="L2Regularization">LightGBM lambda_l2.</param>
public sealed record LightGbmHyperParameters(
    int NumberOfLeaves = 31,
    double LearningRate = 0.1,
    int Rounds = 500,
    int EarlyStoppingRounds = 20,
    int MinExamplesPerLeaf = 20,
    double FeatureFraction = 1.0,
    double L2Regularization = 0.0)
{
    public void Validate()
    {
        if (NumberOfLeaves < 2) throw new ArgumentException($"lightgbm: NumberOfLeaves must be at least 2, got {NumberOfLeaves}");
        if (!(LearningRate > 0)) throw new ArgumentException($"lightgbm: LearningRate must be positive, got {LearningRate}");
        if (Rounds < 1) throw new ArgumentException($"lightgbm: Rounds must be at least 1, got {Rounds}");
        if (EarlyStoppingRounds < 0) throw new ArgumentException($"lightgbm: EarlyStoppingRounds must be non-negative, got {EarlyStoppingRounds}");
        if (MinExamplesPerLeaf < 1) throw new ArgumentException($"lightgbm: MinExamplesPerLeaf must be at least 1, got {MinExamplesPerLeaf}");
        if (!(FeatureFraction > 0 && FeatureFraction <= 1)) throw new ArgumentException($"lightgbm: FeatureFraction must be in (0, 1], got {FeatureFraction}");
        if (!(L2Regularization >= 0)) throw new ArgumentException($"lightgbm: L2Regularization must be non-negative, got {L2Regularization}");
    }
}
