using Bravais.Learning.Baselines;
using Bravais.Learning.Metrics;
using Xunit;

namespace Bravais.Learning.Tests.Metrics;

public class MetricsTests
{
    private static readonly string[] Abc = ["a", "b", "c"];

    [Fact]
    public void MatchesHandComputedValues()
    {
        // true:      a a a a b b c c c c
        // predicted: a a b c b a c c c b
        int[] actual = [0, 0, 0, 0, 1, 1, 2, 2, 2, 2];
        int[] predicted = [0, 0, 1, 2, 1, 0, 2, 2, 2, 1];
        var m = ClassificationMetrics.Compute(actual, predicted, Abc);
        Assert.Equal(0.6, m.Accuracy, 12);
        // recall a = 2/4, b = 1/2, c = 3/4 → balanced = 0.5833…
        Assert.Equal((0.5 + 0.5 + 0.75) / 3, m.BalancedAccuracy, 12);
        // precision a = 2/3, b = 1/3, c = 3/4; F1 a = 4/7, b = 2/5, c = 3/4
        Assert.Equal(2.0 / 3, m.PerClass[0].Precision, 12);
        Assert.Equal(1.0 / 3, m.PerClass[1].Precision, 12);
        Assert.Equal((4.0 / 7 + 0.4 + 0.75) / 3, m.MacroF1, 12);
        Assert.Equal([2, 1, 1], m.ConfusionMatrix[0]);
        Assert.Equal([1, 1, 0], m.ConfusionMatrix[1]);
        Assert.Equal([0, 1, 3], m.ConfusionMatrix[2]);
        Assert.Equal(4, m.PerClass[0].Support);
        Assert.True(double.IsNaN(m.Top3Accuracy));
        Assert.Equal(4, m.MostConfused.Count); // a→b, a→c, b→a, c→b
    }

    [Fact]
    public void TopThreeCountsTheTrueClassAmongTheThreeMostProbable()
    {
        string[] classes = ["a", "b", "c", "d"];
        int[] actual = [0, 3, 2];
        float[] p =
        [
            0.1f, 0.2f, 0.3f, 0.4f,  // a is 4th → miss
            0.1f, 0.5f, 0.2f, 0.2f,  // d ties c for 2nd → hit
            0.4f, 0.3f, 0.2f, 0.1f,  // c is 3rd → hit
        ];
        var m = ClassificationMetrics.Compute(actual, Argmax.Rows(p, 4), classes, p);
        Assert.Equal(2.0 / 3, m.Top3Accuracy, 12);
        Assert.Equal([3, 1, 0], Argmax.Rows(p, 4));
    }

    [Fact]
    public void MostConfusedPairsAreSortedByCount()
    {
        int[] actual = [0, 0, 0, 1, 1, 2];
        int[] predicted = [1, 1, 2, 1, 0, 2];
        var m = ClassificationMetrics.Compute(actual, predicted, Abc);
        Assert.Equal(("a", "b", 2), (m.MostConfused[0].Actual, m.MostConfused[0].PredictedAs, m.MostConfused[0].Count));
        Assert.Equal(2.0 / 3, m.MostConfused[0].FractionOfActual, 12);
    }

    [Fact]
    public void BaselinesHaveTheirClosedFormExpectations()
    {
        var train = Enumerable.Repeat(0, 60).Concat(Enumerable.Repeat(1, 30)).Concat(Enumerable.Repeat(2, 10)).ToArray();
        var eval = Enumerable.Repeat(0, 5000).Concat(Enumerable.Repeat(1, 3000)).Concat(Enumerable.Repeat(2, 2000)).ToArray();
        var b = Baseline.Evaluate(train, eval, Abc, seed: 4);
        Assert.Equal(1.0 / 3, b[0].ExpectedAccuracy, 12);
        Assert.Equal(0.6 * 0.5 + 0.3 * 0.3 + 0.1 * 0.2, b[1].ExpectedAccuracy, 12);
        Assert.Equal(0.5, b[2].ExpectedAccuracy, 12);
        Assert.Equal(0.5, b[2].Metrics.Accuracy, 12);
        // 10,000 draws: within 4 standard errors of the expectation
        Assert.InRange(b[0].Metrics.Accuracy, 1.0 / 3 - 0.02, 1.0 / 3 + 0.02);
        Assert.InRange(b[1].Metrics.Accuracy, 0.41 - 0.02, 0.41 + 0.02);
    }
}
