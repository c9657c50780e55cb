using Bravais.Diffraction.Augmentation;
using Bravais.Diffraction.Patterns;
using Xunit;

namespace Bravais.Diffraction.Tests.Augmentation;

public class ProfileAugmentationTests
{
    private static readonly AngleGrid Grid = new(10, 0.05, 400); // 10–29.95°

    /// <summary>Gaussian peaks (σ = 0.1°) of the given heights at the given angles.</summary>
    private static float[] Profile(params (double TwoTheta, double Height)[] peaks)
    {
        var y = new float[Grid.Count];
        foreach (var (t, h) in peaks)
            for (var i = 0; i < y.Length; i++) y[i] += (float)(h * Math.Exp(-0.5 * Math.Pow((Grid[i] - t) / 0.1, 2)));
        return y;
    }

    [Fact]
    public void ZeroShiftByWholeStepsMovesThePattern()
    {
        var y = Profile((15, 100));
        var shifted = (float[])y.Clone();
        ProfileAugmentations.ZeroShift(shifted, Grid, 3 * Grid.StepDegrees);
        for (var i = 3; i < y.Length; i++) Assert.Equal(y[i - 3], shifted[i], 4);
        Assert.Equal(0f, shifted[0]);
        // A half-step shift moves the peak's centroid by half a step.
        var half = (float[])y.Clone();
        ProfileAugmentations.ZeroShift(half, Grid, -0.025);
        Assert.Equal(15 - 0.025, Centroid(half), 3);
    }

    [Fact]
    public void BroadeningKeepsAreaAndAddsWidthsInQuadrature()
    {
        var y = Profile((20, 100));
        ProfileAugmentations.Broaden(y, Grid, 0.1);
        Assert.Equal(Profile((20, 100)).Sum(), y.Sum(), 1);
        // σ² adds: √(0.1² + 0.1²) → height drops by 1/√2.
        Assert.Equal(100 / Math.Sqrt(2), y.Max(), 0);
        Assert.Equal(20, Centroid(y), 3);
    }

    [Fact]
    public void BackgroundIsSmoothPositiveAndBounded()
    {
        var y = Profile((20, 100));
        var before = (float[])y.Clone();
        ProfileAugmentations.AddBackground(y, Grid, 0.1, new Random(1));
        var added = y.Zip(before, (a, b) => a - b).ToArray();
        Assert.All(added, a => Assert.InRange(a, 0f, 10.001f));
        Assert.True(added.Max() > 0);
        // Smooth: neighbouring points differ by far less than the amplitude.
        for (var i = 1; i < added.Length; i++) Assert.True(Math.Abs(added[i] - added[i - 1]) < 0.5, $"jump at {i}");
    }

    [Fact]
    public void PeakRescalingChangesRelativeHeightsWithinTheBound()
    {
        var y = Profile((13, 100), (18, 50), (25, 80));
        ProfileAugmentations.RescalePeaks(y, 0.3, new Random(2));
        var h13 = y[Index(13)] / 100; var h18 = y[Index(18)] / 50; var h25 = y[Index(25)] / 80;
        foreach (var f in new[] { h13, h18, h25 }) Assert.InRange(f, 0.7f, 1.3f);
        Assert.False(h13 == h18 && h18 == h25, "each peak should get its own factor");
    }

    [Fact]
    public void ImpurityPeaksAreFewAndSmall()
    {
        var y = Profile((20, 100));
        var before = (float[])y.Clone();
        ProfileAugmentations.AddImpurityPeaks(y, Grid, 2, 0.05, 0.1, new Random(3));
        var added = y.Zip(before, (a, b) => a - b).ToArray();
        Assert.InRange(added.Max(), 0.5f, 5.001f);
        var maxima = Enumerable.Range(1, added.Length - 2).Count(i => added[i] > 0.1 && added[i] > added[i - 1] && added[i] >= added[i + 1]);
        Assert.InRange(maxima, 1, 2);
    }

    [Fact]
    public void NoiseHasTheRequestedScale()
    {
        var y = new float[Grid.Count];
        Array.Fill(y, 50f);
        y[0] = 100f; // max 100 → σ on the flat part = 0.02·100·(½ + ½√0.5) ≈ 1.707
        ProfileAugmentations.AddNoise(y, 0.02, new Random(4));
        var rest = y.Skip(1).Select(v => (double)v - 50).ToArray();
        var sd = Math.Sqrt(rest.Select(d => d * d).Average());
        Assert.InRange(sd, 1.707 * 0.85, 1.707 * 1.15); // 399 draws: relative error of sd ≈ 3.5 %
        Assert.InRange(rest.Average(), -0.3, 0.3);
    }

    [Fact]
    public void AugmenterKeepsTheMaximumAndIsReproducible()
    {
        var y = Profile((13, 100), (18, 50), (25, 80));
        var options = AugmentationOptions.Default with { Probability = 1 };
        var a = (float[])y.Clone(); ProfileAugmenter.Apply(a, Grid, options, new Random(5));
        var b = (float[])y.Clone(); ProfileAugmenter.Apply(b, Grid, options, new Random(5));
        var c = (float[])y.Clone(); ProfileAugmenter.Apply(c, Grid, options, new Random(6));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(100f, a.Max(), 3);
        Assert.NotEqual(y, a);
        var none = (float[])y.Clone(); ProfileAugmenter.Apply(none, Grid, AugmentationOptions.None, new Random(5));
        Assert.Equal(y, none);
        Assert.Equal("none", AugmentationOptions.None.Describe());
        Assert.Contains("zero-shift=0.05°", AugmentationOptions.Default.Describe());
        Assert.Throws<DiffractionException>(() => ProfileAugmenter.Apply(new float[3], Grid, options, new Random(1)));
    }

    private static int Index(double twoTheta) => (int)Math.Round((twoTheta - Grid.StartDegrees) / Grid.StepDegrees);

    private static double Centroid(float[] y)
    {
        double s = 0, w = 0;
        for (var i = 0; i < y.Length; i++) { s += y[i] * Grid[i]; w += y[i]; }
        return s / w;
    }
}
