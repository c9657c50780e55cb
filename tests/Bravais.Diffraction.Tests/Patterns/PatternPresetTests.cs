using Bravais.Diffraction.Profiles;
using Xunit;

namespace Bravais.Diffraction.Tests.Patterns;

public class PatternPresetTests
{
    [Fact]
    public void PresetsHaveTheDocumentedGrids()
    {
        Assert.Equal(180, PatternPresets.Nano281.Grid.Count);
        Assert.Equal(90.0, PatternPresets.Nano281.Grid.StopDegrees, 9);
        Assert.Equal(1701, PatternPresets.HighRes.Grid.Count);
        Assert.Equal(5.0, PatternPresets.HighRes.Grid.StartDegrees, 9);
        Assert.Equal(90.0, PatternPresets.HighRes.Grid.StopDegrees, 9);
        Assert.Same(PatternPresets.HighRes, PatternPresets.Get("HighRes"));
        Assert.Throws<DiffractionException>(() => PatternPresets.Get("nope"));
    }

    [Fact]
    public void GaussianPeaksHaveTheirHeightAtTheCentreAndTheRightWidth()
    {
        var preset = PatternPresets.HighRes;
        var y = new float[preset.Grid.Count];
        preset.Render([(30.0, 100.0), (45.025, 50.0)], y);
        var at30 = (int)Math.Round((30 - 5) / 0.05);
        Assert.Equal(100f, y[at30], 3);
        // One step (0.05°) from the centre: exp(−½ (0.05/0.04)²) = 0.4578.
        Assert.Equal(100 * Math.Exp(-0.5 * 1.5625), y[at30 + 1], 3);
        // A peak half-way between grid points: both neighbours at exp(−½ (0.025/0.04)²).
        var at45 = (int)Math.Round((45 - 5) / 0.05);
        Assert.Equal(50 * Math.Exp(-0.5 * 0.390625), y[at45], 3);
        Assert.Equal(y[at45], y[at45 + 1], 3);
        // Area = height · σ · √(2π) / step (in grid-point units).
        var area = y.Sum();
        Assert.Equal((100 + 50) * 0.04 * Math.Sqrt(2 * Math.PI) / 0.05, area, 1);
    }

    [Fact]
    public void TheNano281PresetBlursNeighbouringPeaksTheHighResolutionOneSeparates()
    {
        (double, double)[] peaks = [(40.0, 100.0), (40.3, 100.0)];
        var coarse = new float[180];
        PatternPresets.Nano281.Render(peaks, coarse);
        var fine = new float[1701];
        PatternPresets.HighRes.Render(peaks, fine);
        int Maxima(float[] v) => Enumerable.Range(1, v.Length - 2).Count(i => v[i] > 1 && v[i] > v[i - 1] && v[i] >= v[i + 1]);
        Assert.Equal(1, Maxima(coarse));
        Assert.Equal(2, Maxima(fine));
    }
}
