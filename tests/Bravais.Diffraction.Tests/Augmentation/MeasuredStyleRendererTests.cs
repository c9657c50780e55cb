using Bravais.Diffraction.Augmentation;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;
using Xunit;

namespace Bravais.Diffraction.Tests.Augmentation;

public class MeasuredStyleRendererTests
{
    private static readonly AngleGrid Grid = AngleGrid.FromRange(20, 60, 0.005);

    /// <summary>Everything that moves or hides a peak switched off; counts so high that Poisson noise is negligible.</summary>
    private static readonly MeasuredAugmentation Still = new(CellMismatchMax: 0, PeakPositionJitter: 0, IntensityJitter: 0, PreferredOrientationMax: 0,
        ImpurityProbability: 0, MissingWeakPeaks: 0, CagliotiWMin: 0.01, CagliotiWMax: 0.01, AsymmetryMax: 0, ZeroShiftMaxDegrees: 0,
        DisplacementMaxDegrees: 0, BackgroundMax: 0, AmorphousHumpMax: 0, CountsMin: 1e9, CountsMax: 1e9);

    private static double[] Render(double d, MeasuredAugmentation a, int seed = 1, Radiation? radiation = null)
    {
        var counts = new double[Grid.Count];
        MeasuredStyleRenderer.Render([d], [100.0], null, radiation ?? Radiation.CuKa, Grid, a, new Random(seed), counts);
        return counts;
    }

    private static (double Position, double Height) Maximum(double[] y, double from, double to)
    {
        var best = -1;
        for (var i = 0; i < y.Length; i++)
            if (Grid[i] >= from && Grid[i] <= to && (best < 0 || y[i] > y[best])) best = i;
        return (Grid[best], y[best]);
    }

    [Fact]
    public void ACuKAlphaStickIsTheKAlpha1KAlpha2DoubletAtBraggsAnglesAndHalfHeight()
    {
        // W = 0.01 deg² gives FWHM = 0.1° at low angle (U = W·[0, 2], V = −W·[0, ½] widen or narrow it a little)
        var y = Render(2.0, Still);
        var k1 = Bragg.TwoThetaDegrees(2.0, 1.54056);
        var k2 = Bragg.TwoThetaDegrees(2.0, 1.54439);
        Assert.InRange(k2 - k1, 0.115, 0.123); // at 2θ ≈ 45.3° (θ = 22.65°): Δ2θ = 2 tan θ Δλ/λ = 2·0.4174·0.00383/1.54056 rad = 0.119°
        var a1 = Maximum(y, k1 - 0.05, k1 + 0.05);
        var a2 = Maximum(y, k2 - 0.03, k2 + 0.05);
        Assert.InRange(a1.Position, k1 - 0.006, k1 + 0.011); // the Kα2 tail pulls the Kα1 maximum up a little
        Assert.InRange(a2.Height / a1.Height, 0.45, 0.65);
        // a single line when only the strongest is asked for
        var single = Render(2.0, Still with { KAlpha2 = false });
        Assert.InRange(Maximum(single, k2 - 0.01, k2 + 0.01).Height / Maximum(single, k1 - 0.01, k1 + 0.01).Height, 0, 0.2);
    }

    [Fact]
    public void ZeroShiftMovesThePeakWithinItsRange()
    {
        var k1 = Bragg.TwoThetaDegrees(2.0, 1.54056);
        var positions = Enumerable.Range(1, 20).Select(s => Maximum(Render(2.0, Still with { ZeroShiftMaxDegrees = 0.2, KAlpha2 = false }, s), k1 - 0.5, k1 + 0.5).Position - k1).ToArray();
        Assert.All(positions, p => Assert.InRange(p, -0.21, 0.21));
        Assert.True(positions.Max() - positions.Min() > 0.1, "the shift varies from pattern to pattern");
    }

    [Fact]
    public void ScherrerBroadeningWidensPeaksAsOneOverCosTheta()
    {
        // 5 nm crystallites: FWHM = 0.9 λ / (L cos θ) = 0.9·1.54056 / (50 Å · cos 22.6°) rad = 1.72°, far above the 0.1° instrument
        var sized = Still with { KAlpha2 = false, CrystalliteSizeMinNm = 5, CrystalliteSizeMaxNm = 5 };
        var y = Render(2.0, sized);
        var k1 = Bragg.TwoThetaDegrees(2.0, 1.54056);
        var (_, h) = Maximum(y, k1 - 1, k1 + 1);
        var above = Enumerable.Range(0, y.Length).Where(i => y[i] > h / 2).ToArray();
        var fwhm = Grid[above[^1]] - Grid[above[0]];
        var expected = 0.9 * 1.54056 / (50 * Math.Cos(k1 * Math.PI / 360)) * 180 / Math.PI;
        Assert.InRange(fwhm, 0.97 * expected, 1.05 * expected);
    }

    [Fact]
    public void TheSameSeedGivesTheSamePatternAndAnotherSeedAnother()
    {
        var a = Render(2.5, MeasuredAugmentation.Default, 7);
        Assert.Equal(a, Render(2.5, MeasuredAugmentation.Default, 7));
        Assert.NotEqual(a, Render(2.5, MeasuredAugmentation.Default, 8));
        Assert.All(a, v => Assert.True(v >= 0 && v == Math.Round(v), "counts are whole and non-negative"));
    }
}
