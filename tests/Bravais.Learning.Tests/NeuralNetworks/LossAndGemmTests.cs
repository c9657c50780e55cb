using Bravais.Learning.NeuralNetworks.Core;
using Bravais.Learning.NeuralNetworks.Losses;
using Bravais.Learning.NeuralNetworks.Schedules;
using Xunit;

namespace Bravais.Learning.Tests.NeuralNetworks;

public class LossAndGemmTests
{
    [Theory]
    [InlineData(0f)]
    [InlineData(0.1f)]
    public void SoftmaxCrossEntropyGradientMatchesFiniteDifferences(float smoothing)
    {
        const int rows = 4, classes = 5;
        var logits = GradientChecker.Random(rows * classes, 21, 2.0);
        int[] labels = [0, 3, 4, 3];
        var gradient = new float[logits.Length];
        SoftmaxCrossEntropy.LossAndGradient(logits, labels, classes, smoothing, gradient);
        var scratch = new float[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            var numeric = GradientChecker.Numeric(logits, i, 1e-2f, () => SoftmaxCrossEntropy.LossAndGradient(logits, labels, classes, smoothing, scratch));
            GradientChecker.Compare($"logit {i}", numeric, gradient[i]);
        }
    }

    [Fact]
    public void CrossEntropyOfAUniformPredictionIsLogK()
    {
        var logits = new float[2 * 7];
        var g = new float[logits.Length];
        Assert.Equal(Math.Log(7), SoftmaxCrossEntropy.LossAndGradient(logits, [1, 6], 7, 0f, g), 6);
        // With smoothing ε the target still sums to one: the loss of a uniform prediction is unchanged.
        Assert.Equal(Math.Log(7), SoftmaxCrossEntropy.LossAndGradient(logits, [1, 6], 7, 0.2f, g), 6);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 16, 3)]
    [InlineData(7, 37, 11)]
    [InlineData(33, 70, 129)]
    public void GemmMatchesANaiveProductForPlainAndTransposedA(int m, int n, int k)
    {
        var a = GradientChecker.Random(m * k, m + n, 1.0);
        var b = GradientChecker.Random(k * n, k, 1.0);
        var expected = new double[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                for (var p = 0; p < k; p++) expected[i * n + j] += (double)a[i * k + p] * b[p * n + j];

        var c = new float[m * n];
        Gemm.Multiply(m, n, k, a, k, 1, b, n, c, n, accumulate: false);
        for (var i = 0; i < c.Length; i++) Assert.Equal(expected[i], c[i], 1e-3 * Math.Sqrt(k));

        // Aᵀ stored as [k, m]: A(i, p) = at[p·m + i].
        var at = new float[k * m];
        for (var i = 0; i < m; i++) for (var p = 0; p < k; p++) at[p * m + i] = a[i * k + p];
        Array.Fill(c, 1f);
        Gemm.Multiply(m, n, k, at, 1, m, b, n, c, n, accumulate: true);
        for (var i = 0; i < c.Length; i++) Assert.Equal(expected[i] + 1, c[i], 1e-3 * Math.Sqrt(k));
    }

    [Fact]
    public void WarmupCosineRisesLinearlyThenDecaysToTheFinalRate()
    {
        var s = new WarmupCosine(1f, 10, 110, 0.01f);
        Assert.Equal(0.1f, s.At(0), 6);
        Assert.Equal(1f, s.At(9), 6);
        Assert.Equal(1f, s.At(10), 6);
        Assert.Equal(0.505f, s.At(60), 5); // half-way: (1 + 0.01) / 2
        Assert.Equal(0.01f, s.At(110), 6);
    }
}
