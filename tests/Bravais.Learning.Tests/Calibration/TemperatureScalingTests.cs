using Bravais.Learning.Calibration;
using Xunit;

namespace Bravais.Learning.Tests.Calibration;

public class TemperatureScalingTests
{
    /// <summary>
    /// Rows whose true label is drawn from softmax(g) (so softmax(g) is calibrated by construction) while the
    /// "model" reports 4·g: over-confident by a factor of 4 in the logits.
    /// </summary>
    private static (double[] Logits, int[] Labels) OverConfident(int rows, int classes, double factor, int seed)
    {
        var rng = new Random(seed);
        var logits = new double[rows * classes];
        var labels = new int[rows];
        var g = new double[classes];
        for (var i = 0; i < rows; i++)
        {
            for (var c = 0; c < classes; c++) g[c] = 1.2 * Normal(rng);
            var p = TemperatureScaling.Softmax(g, 1);
            var u = rng.NextDouble(); var y = 0;
            for (double acc = p[0]; acc < u && y < classes - 1; acc += p[++y]) { }
            labels[i] = y;
            for (var c = 0; c < classes; c++) logits[i * classes + c] = factor * g[c];
        }
        return (logits, labels);
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double Ece(double[] logits, int[] labels, int classes, double t)
    {
        var conf = new List<double>(); var ok = new List<bool>();
        for (var i = 0; i < labels.Length; i++)
        {
            var p = TemperatureScaling.Softmax(logits.AsSpan(i * classes, classes), t);
            var best = Array.IndexOf(p, p.Max());
            conf.Add(p[best]); ok.Add(best == labels[i]);
        }
        return CalibrationError.Expected(conf, ok);
    }

    [Fact]
    public void RecoversTheOverConfidenceFactorAndLowersNllAndEce()
    {
        const int k = 6;
        var (logits, labels) = OverConfident(6000, k, 4, seed: 7);
        var t = TemperatureScaling.Fit(logits, labels, k);
        Assert.InRange(t, 3.5, 4.5);

        var (testLogits, testLabels) = OverConfident(6000, k, 4, seed: 8);
        var nllBefore = TemperatureScaling.NegativeLogLikelihood(testLogits, testLabels, k, 1);
        var nllAfter = TemperatureScaling.NegativeLogLikelihood(testLogits, testLabels, k, t);
        Assert.True(nllAfter < 0.7 * nllBefore, $"NLL {nllBefore:0.000} → {nllAfter:0.000}");
        var eceBefore = Ece(testLogits, testLabels, k, 1);
        var eceAfter = Ece(testLogits, testLabels, k, t);
        Assert.True(eceBefore > 0.15, $"ECE before {eceBefore:0.000}");
        Assert.True(eceAfter < 0.03, $"ECE after {eceAfter:0.000}");
    }

    [Fact]
    public void AnAlreadyCalibratedModelKeepsTemperatureNearOne()
    {
        var (logits, labels) = OverConfident(8000, 5, 1, seed: 3);
        Assert.InRange(TemperatureScaling.Fit(logits, labels, 5), 0.9, 1.1);
    }

    [Fact]
    public void EceOfAHandMadeSetMatchesTheDefinition()
    {
        // bin (0.8, 0.8667]: confidences 0.85, 0.85 (one right) → |0.5 − 0.85| · 2/4
        // bin (0.6, 0.6667]: confidences 0.65, 0.65 (both right) → |1 − 0.65| · 2/4
        var ece = CalibrationError.Expected([0.85, 0.85, 0.65, 0.65], [true, false, true, true]);
        Assert.Equal(0.5 * 0.35 + 0.5 * 0.35, ece, 12);
        var curve = CalibrationError.AccuracyVersusCoverage([0.85, 0.85, 0.65, 0.65], [true, false, true, true], [0.0, 0.8]);
        Assert.Equal((0.0, 1.0, 0.75), curve[0]);
        Assert.Equal((0.8, 0.5, 0.5), curve[1]);
    }
}
