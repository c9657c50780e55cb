namespace Bravais.Learning.Models.Forest;

/// <summary>
/// Random-forest hyper-parameters (names and defaults follow scikit-learn's RandomForestClassifier).
/// </summary>
/// <param name="Trees">Number of trees.</param>
/// <param name="MaxDepth">Deepest level a tree may reach (root = depth 0); null = grow until leaves are pure or too small.</param>
/// <param name="MinSamplesLeaf">Fewest (bootstrap-weighted) training rows a leaf may hold.</param>
/// <param name="MaxFeatures">Features tried per split: "sqrt", "log2", "all", or a fraction in (0, 1] such as "0.3".
/// If none of them gives a valid split, further features are tried (as scikit-learn does).</param>
/// <param name="Bootstrap">Train each tree on n rows drawn with replacement (otherwise on all rows).</param>
/// <param name="MaxBins">Quantile bins per feature for the split search (2..256; 255 as LightGBM and HistGradientBoosting).</param>
public sealed record ForestHyperParameters(
    int Trees = 300,
    int? MaxDepth = null,
    int MinSamplesLeaf = 1,
    string MaxFeatures = "sqrt",
    bool Bootstrap = true,
    int MaxBins = 255)
{
    /// <summary>The number of features tried per split for <paramref name="featureCount"/> features.</summary>
    public int FeaturesPerSplit(int featureCount)
    {
        var m = MaxFeatures.Trim().ToLowerInvariant() switch
        {
            "sqrt" => (int)Math.Sqrt(featureCount),
            "log2" => (int)Math.Log2(featureCount),
            "all" or "none" => featureCount,
            var s when double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var f) && f > 0 && f <= 1
                => (int)(f * featureCount),
            _ => throw new ArgumentException($"forest: MaxFeatures must be sqrt, log2, all or a fraction in (0, 1]; got '{MaxFeatures}'"),
        };
        return Math.Clamp(m, 1, featureCount);
    }

    public void Validate()
    {
        if (Trees < 1) throw new ArgumentException($"forest: Trees must be at least 1, got {Trees}");
        if (MaxDepth is < 0) throw new ArgumentException($"forest: MaxDepth must be non-negative or null, got {MaxDepth}");
        if (MinSamplesLeaf < 1) throw new ArgumentException($"forest: MinSamplesLeaf must be at least 1, got {MinSamplesLeaf}");
        if (MaxBins is < 2 or > 256) throw new ArgumentException($"forest: MaxBins must be in 2..256, got {MaxBins}");
        FeaturesPerSplit(1);
    }
}
