using Bravais.Analysis.Cleaning;
using Xunit;

namespace Bravais.Analysis.Tests.Cleaning;

public class SnipBackgroundTests
{
    [Fact]
    public void RemovesAKnownSmoothBackgroundUnderNarrowPeaks()
    {
        var x = SyntheticPeaks.Grid(10, 80, 0.02);
        var peaks = SyntheticPeaks.Peaks(x, [(20, 800), (27.5, 300), (33, 1000), (45, 500), (56.2, 250), (68, 400)], 0.08);
        // a smooth background: decaying polynomial plus a broad amorphous hump at 25°
        var background = x.Select(v => 200 - 1.5 * v + 0.008 * v * v + 120 * Math.Exp(-0.5 * Math.Pow((v - 25) / 6, 2))).ToArray();
        var y = peaks.Zip(background, (p, b) => p + b).ToArray();

        var estimate = SnipBackground.Estimate(y, SnipBackground.WindowPoints(1.5, 0.02));

        // away from the peaks the estimate follows the true background closely
        double worst = 0, sum = 0; var count = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (peaks[i] > 1) continue;
            worst = Math.Max(worst, Math.Abs(estimate[i] - background[i]));
            sum += Math.Abs(estimate[i] - background[i]); count++;
        }
        Assert.True(sum / count < 3, $"mean background error {sum / count:0.00} counts");
        Assert.True(worst < 15, $"worst background error {worst:0.00} counts");
        // under a peak the estimate stays near the background, so the peak height survives subtraction
        var top = Array.FindIndex(x, v => Math.Abs(v - 33) < 1e-9);
        Assert.InRange(y[top] - estimate[top], 1000 * 0.95, 1000 * 1.05);
        // and the estimate never exceeds the data
        for (var i = 0; i < x.Length; i++) Assert.True(estimate[i] <= y[i] + 1e-6);
    }

    [Fact]
    public void LlsTransformRoundTrips()
    {
        foreach (var y in new[] { 0.0, 1, 17.5, 1000, 1e6 })
            Assert.Equal(y, SnipBackground.InverseLls(SnipBackground.Lls(y)), 6);
    }
}
