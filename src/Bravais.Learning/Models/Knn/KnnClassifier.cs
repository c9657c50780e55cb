using Bravais.Learning.Models.Common;
using Bravais.Learning.Features;

namespace Bravais.Learning.Models.Knn;

/// <summary>
/// k-nearest-neighbour classifier. Fitting stores the training rows (unit-normalised for cosine).
/// Prediction is an exact brute-force search: query rows are processed in parallel blocks, and each
/// stored row is compared with every query of a block while it is hot in cache; each query keeps its
/// k best (distance, index) pairs, ties going to the lower training index. Probabilities are the
/// (distance-weighted) vote fractions of the k neighbours. Fully deterministic.
/// </summary>
public sealed class KnnClassifier : IClassifier
{
    private const string Magic = "BRAVAIS-KNN";
    private const int FormatVersion = 1;
    private const int QueryBlock = 16;

    private FeatureMatrix? _rows;
    private int[] _labels = [];

    public KnnClassifier(KnnHyperParameters hyperParameters)
    {
        if (hyperParameters.K < 1) throw new ArgumentException($"knn: K must be at least 1, got {hyperParameters.K}");
        if (!Enum.IsDefined(hyperParameters.Metric)) throw new ArgumentException($"knn: unknown metric {hyperParameters.Metric}");
        if (!Enum.IsDefined(hyperParameters.Weighting)) throw new ArgumentException($"knn: unknown weighting {hyperParameters.Weighting}");
        Parameters = hyperParameters;
    }

    public string Family => "knn";
    public KnnHyperParameters Parameters { get; }
    public object HyperParameters => Parameters;
    public int ClassCount { get; private set; }

    public void Fit(LabelledRows train, LabelledRows? validation, FitOptions options)
    {
        TrainingChecks.Validate(train, Family);
        var rows = new FeatureMatrix((float[])train.X.Values.Clone(), train.X.Rows, train.X.Columns);
        if (Parameters.Metric == KnnMetric.Cosine)
            for (var i = 0; i < rows.Rows; i++) Distances.Normalise(rows.Row(i));
        _rows = rows;
        _labels = (int[])train.Y.Clone();
        ClassCount = train.ClassCount;
    }

    /// <summary>The k nearest training rows of every query row: indices and distances, row-major rows × k' (k' = min(k, n)).</summary>
    public (int[] Indices, float[] Distances, int K) Neighbours(FeatureMatrix x, CancellationToken cancellation = default)
    {
        var rows = _rows ?? throw new InvalidOperationException("knn: the model is not fitted");
        if (x.Columns != rows.Columns) throw new ArgumentException($"knn: the model was fitted on {rows.Columns} features, the input has {x.Columns}");
        var k = Math.Min(Parameters.K, rows.Rows);
        var indices = new int[x.Rows * k];
        var distances = new float[x.Rows * k];
        var metric = Parameters.Metric;
        var blocks = (x.Rows + QueryBlock - 1) / QueryBlock;
        Parallel.For(0, blocks, new ParallelOptions { CancellationToken = cancellation }, () => new float[QueryBlock * x.Columns], (block, _, queries) =>
        {
            var start = block * QueryBlock;
            var count = Math.Min(QueryBlock, x.Rows - start);
            var d = x.Columns;
            for (var q = 0; q < count; q++)
            {
                var query = queries.AsSpan(q * d, d);
                x.ReadOnlyRow(start + q).CopyTo(query);
                if (metric == KnnMetric.Cosine) Distances.Normalise(query);
                distances.AsSpan((start + q) * k, k).Fill(float.PositiveInfinity);
                indices.AsSpan((start + q) * k, k).Fill(-1);
            }
            for (var j = 0; j < rows.Rows; j++)
            {
                var stored = rows.ReadOnlyRow(j);
                for (var q = 0; q < count; q++)
                {
                    var distance = Distances.Between(metric, queries.AsSpan(q * d, d), stored);
                    var bestD = distances.AsSpan((start + q) * k, k);
                    if (!(distance < bestD[k - 1])) continue;
                    var bestI = indices.AsSpan((start + q) * k, k);
                    var p = k - 1;
                    while (p > 0 && distance < bestD[p - 1]) { bestD[p] = bestD[p - 1]; bestI[p] = bestI[p - 1]; p--; }
                    bestD[p] = distance; bestI[p] = j;
                }
            }
            return queries;
        }, _ => { });
        return (indices, distances, k);
    }

    public void PredictProbabilities(FeatureMatrix x, Span<float> probabilities)
    {
        TrainingChecks.CheckPredict(x, probabilities, _rows?.Columns ?? 0, ClassCount, Family, _rows is not null);
        var (indices, distances, k) = Neighbours(x);
        var classes = ClassCount;
        var votes = new double[classes];
        for (var i = 0; i < x.Rows; i++)
        {
            var p = probabilities.Slice(i * classes, classes);
            p.Clear();
            var ids = indices.AsSpan(i * k, k);
            var ds = distances.AsSpan(i * k, k);
            var exact = Parameters.Weighting == KnnWeighting.Distance && ds[0] <= 0f;
            double total = 0;
            Array.Clear(votes);
            for (var m = 0; m < k; m++)
            {
                double weight = Parameters.Weighting switch
                {
                    KnnWeighting.Uniform => 1.0,
                    _ when exact => ds[m] <= 0f ? 1.0 : 0.0,
                    _ => 1.0 / ds[m],
                };
                votes[_labels[ids[m]]] += weight;
                total += weight;
            }
            for (var c = 0; c < classes; c++) p[c] = (float)(votes[c] / total);
        }
    }

    public void Save(Stream stream)
    {
        var rows = _rows ?? throw new InvalidOperationException("knn: the model is not fitted");
        using var w = ModelStreams.Writer(stream);
        ModelStreams.WriteHeader(w, Magic, FormatVersion);
        w.Write(ClassCount);
        w.Write(rows.Rows);
        w.Write(rows.Columns);
        w.Write((int)Parameters.Metric);
        ModelStreams.WriteArray(w, _labels);
        ModelStreams.WriteArray(w, rows.Values);
    }

    public static KnnClassifier Load(Stream stream, KnnHyperParameters hyperParameters)
    {
        using var r = ModelStreams.Reader(stream);
        ModelStreams.ReadHeader(r, Magic, FormatVersion);
        var classes = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        var n = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        var d = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        var metric = (KnnMetric)ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        if (classes < 2 || n < 1 || d < 1) throw new InvalidDataException($"{Magic} model is corrupt: {classes} classes, {n} rows, {d} features");
        if (metric != hyperParameters.Metric)
            throw new InvalidDataException($"{Magic} model was fitted for metric {metric} but the hyper-parameters say {hyperParameters.Metric}");
        var labels = ModelStreams.ReadInts(r, Magic, n);
        var values = ModelStreams.ReadFloats(r, Magic, checked(n * d));
        if (labels.Length != n || values.Length != n * d) throw new InvalidDataException($"{Magic} model is corrupt: array sizes do not match {n} rows × {d} features");
        foreach (var label in labels)
            if ((uint)label >= (uint)classes) throw new InvalidDataException($"{Magic} model is corrupt: label {label} outside 0..{classes - 1}");
        return new KnnClassifier(hyperParameters) { _rows = new FeatureMatrix(values, n, d), _labels = labels, ClassCount = classes };
    }
}
