using Bravais.Learning.Models.Common;

namespace Bravais.Learning.Models.Knn;

/// <summary>k-nearest neighbours: exact brute-force search, vectorised and parallel over query rows.</summary>
public sealed class KnnFamily : IClassifierFamily
{
    public static readonly KnnFamily Instance = new();

    public string Name => "knn";
    public Type HyperParameterType => typeof(KnnHyperParameters);
    public string MainHyperParameter => nameof(KnnHyperParameters.K);

    public IReadOnlyList<object> Grid(GridSize size)
    {
        int[] ks = size == GridSize.Quick ? [1, 5, 15] : [1, 3, 5, 9, 15, 25, 45];
        KnnMetric[] metrics = size == GridSize.Quick ? [KnnMetric.Euclidean, KnnMetric.Cosine] : [KnnMetric.Euclidean, KnnMetric.Manhattan, KnnMetric.Cosine];
        KnnWeighting[] weightings = size == GridSize.Quick ? [KnnWeighting.Uniform] : [KnnWeighting.Uniform, KnnWeighting.Distance];
        return (from metric in metrics from weighting in weightings from k in ks select (object)new KnnHyperParameters(k, metric, weighting)).ToArray();
    }

    public IClassifier Create(object hyperParameters) => new KnnClassifier(HyperParameterRecords.As<KnnHyperParameters>(hyperParameters, Name));

    public IClassifier Load(Stream stream, object hyperParameters) =>
        KnnClassifier.Load(stream, HyperParameterRecords.As<KnnHyperParameters>(hyperParameters, Name));
}
