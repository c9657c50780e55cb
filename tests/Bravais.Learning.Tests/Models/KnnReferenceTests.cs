using Bravais.Learning.Models;
using Bravais.Learning.Models.Common;
using Bravais.Learning.Models.Knn;
using Xunit;
using Bravais.Learning.Features;

namespace Bravais.Learning.Tests.Models;

/// <summary>The vectorised, blocked neighbour search against a plain double-precision brute force written here.</summary>
public class KnnReferenceTests
{
    private static FeatureMatrix Random(int rows, int columns, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var m = new FeatureMatrix(rows, columns);
        for (var i = 0; i < m.Values.Length; i++) m.Values[i] = (float)(rng.NextDouble() * 2 - 1);
        return m;
    }

    private static double ReferenceDistance(KnnMetric metric, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sq = 0, abs = 0, dot = 0, na = 0, nb = 0;
        for (var j = 0; j < a.Length; j++)
        {
            double d = a[j] - (double)b[j];
            sq += d * d; abs += Math.Abs(d); dot += a[j] * (double)b[j]; na += a[j] * (double)a[j]; nb += b[j] * (double)b[j];
        }
        return metric switch
        {
            KnnMetric.Euclidean => Math.Sqrt(sq),
            KnnMetric.Manhattan => abs,
            _ => 1 - dot / Math.Sqrt(na * nb),
        };
    }

    [Theory]
    [InlineData(KnnMetric.Euclidean, KnnWeighting.Uniform)]
    [InlineData(KnnMetric.Manhattan, KnnWeighting.Uniform)]
    [InlineData(KnnMetric.Cosine, KnnWeighting.Uniform)]
    [InlineData(KnnMetric.Euclidean, KnnWeighting.Distance)]
    [InlineData(KnnMetric.Cosine, KnnWeighting.Distance)]
    public void MatchesBruteForceReference(KnnMetric metric, KnnWeighting weighting)
    {
        const int k = 7, classes = 4;
        var train = Random(203, 37, seed: 1); // sizes not multiples of the vector width or query block
        var labels = Enumerable.Range(0, train.Rows).Select(i => (i * 7919) % classes).ToArray();
        var queries = Random(41, 37, seed: 2);
        var model = new KnnClassifier(new KnnHyperParameters(k, metric, weighting));
        model.Fit(new LabelledRows(train, labels, classes), null, new FitOptions());
        var (indices, distances, kk) = model.Neighbours(queries);
        var probabilities = model.PredictProbabilities(queries);
        Assert.Equal(k, kk);
        for (var q = 0; q < queries.Rows; q++)
        {
            var reference = Enumerable.Range(0, train.Rows)
                .Select(j => (Index: j, Distance: ReferenceDistance(metric, queries.ReadOnlyRow(q), train.ReadOnlyRow(j))))
                .OrderBy(t => t.Distance).ThenBy(t => t.Index).Take(k).ToArray();
            Assert.Equal(reference.Select(t => t.Index), indices.Skip(q * k).Take(k));
            for (var m = 0; m < k; m++) Assert.Equal(reference[m].Distance, distances[q * k + m], 1e-5 * Math.Max(1, reference[m].Distance));
            var votes = new double[classes];
            foreach (var (index, distance) in reference) votes[labels[index]] += weighting == KnnWeighting.Uniform ? 1 : 1 / distance;
            for (var c = 0; c < classes; c++) Assert.Equal(votes[c] / votes.Sum(), probabilities[q * classes + c], 1e-5);
        }
    }

    [Fact]
    public void ExactMatchTakesTheWholeDistanceWeightedVote()
    {
        var train = new FeatureMatrix([0, 0, 1, 0, 0, 1], 3, 2);
        var model = new KnnClassifier(new KnnHyperParameters(3, KnnMetric.Euclidean, KnnWeighting.Distance));
        model.Fit(new LabelledRows(train, [0, 1, 1], 2), null, new FitOptions());
        Assert.Equal([1f, 0f], model.PredictProbabilities(new FeatureMatrix([0, 0], 1, 2)));
    }

    [Fact]
    public void KLargerThanTrainingSetUsesAllRows()
    {
        var train = new FeatureMatrix([0, 1, 2], 3, 1);
        var model = new KnnClassifier(new KnnHyperParameters(10));
        model.Fit(new LabelledRows(train, [0, 1, 1], 2), null, new FitOptions());
        var p = model.PredictProbabilities(new FeatureMatrix([0], 1, 1));
        Assert.Equal(1 / 3f, p[0], 6);
    }
}
