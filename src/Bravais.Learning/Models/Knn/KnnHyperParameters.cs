using System.Text.Json.Serialization;

namespace Bravais.Learning.Models.Knn;

/// <summary>How distances between feature rows are measured.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KnnMetric>))]
public enum KnnMetric
{
    /// <summary>‖a − b‖₂.</summary>
    Euclidean,
    /// <summary>Σ|aⱼ − bⱼ|.</summary>
    Manhattan,
    /// <summary>1 − a·b / (‖a‖‖b‖); a zero row has similarity 0 to everything.</summary>
    Cosine,
}

/// <summary>How the k neighbours vote.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KnnWeighting>))]
public enum KnnWeighting
{
    /// <summary>Each neighbour counts 1.</summary>
    Uniform,
    /// <summary>Each neighbour counts 1/distance; neighbours at distance 0 take the whole vote (as scikit-learn).</summary>
    Distance,
}

/// <summary>k-nearest-neighbour hyper-parameters. Features are used as given (no scaling inside the model).</summary>
public sealed record KnnHyperParameters(int K = 5, KnnMetric Metric = KnnMetric.Euclidean, KnnWeighting Weighting = KnnWeighting.Uniform);
