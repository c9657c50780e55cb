namespace Bravais.Learning.Models.Centroid;

/// <summary>Hyper-parameters of the nearest shrunken centroid: the soft threshold Δ applied to standardised class-centroid offsets (0 = plain diagonal nearest centroid).</summary>
public sealed record CentroidHyperParameters(double Shrinkage = 0);

/// <summary>
/// Nearest shrunken centroid (Tibshirani et al., PNAS 2002 — "PAM"): a fast, transparent baseline.
/// Grid over the shrinkage Δ; larger Δ zeroes the features that do not separate classes.
/// </summary>
public sealed class CentroidFamily : IClassifierFamily
{
    public string Name => "centroid";
    public Type HyperParameterType => typeof(CentroidHyperParameters);
    public string MainHyperParameter => nameof(CentroidHyperParameters.Shrinkage);

    public IReadOnlyList<object> Grid(GridSize size) => size == GridSize.Quick
        ? [new CentroidHyperParameters(0), new CentroidHyperParameters(1), new CentroidHyperParameters(3)]
        : [.. new[] { 0, 0.25, 0.5, 1, 2, 3, 5, 8 }.Select(d => new CentroidHyperParameters(d))];

    public IClassifier Create(object hyperParameters) => new NearestShrunkenCentroid((CentroidHyperParameters)hyperParameters);

    public IClassifier Load(Stream stream, object hyperParameters) => NearestShrunkenCentroid.Load(stream, (CentroidHyperParameters)hyperParameters);
}
