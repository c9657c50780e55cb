using Bravais.Diffraction;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Profiles;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;
using Bravais.Analysis.Cleaning;
using Xunit;

namespace Bravais.Analysis.Tests.Cleaning;

public class MeasuredPreprocessorTests
{
    private static readonly double[] SpacingsAngstrom = [4.2, 3.1356, 2.5, 1.92, 1.6375];

    private static MeasuredPattern MoPattern(double from = 5, double to = 40)
    {
        const double mo = 0.709317;
        var x = SyntheticPeaks.Grid(from, to, 0.01);
        var peaks = SpacingsAngstrom.Select(d => (Bragg.TwoThetaDegrees(d, mo), 1000.0)).ToArray();
        var y = SyntheticPeaks.Peaks(x, peaks, 0.03).Select((v, i) => v + 50 + 0.5 * x[i]).ToArray();
        return new MeasuredPattern("mo.xy", Abscissa.TwoThetaDegrees, x, y, null, Radiation.FromWavelength(mo), new Dictionary<string, string>());
    }

    [Fact]
    public void MoDataLandOnTheCuGridAtTheRightAnglesWithAnExplicitCoverageMask()
    {
        var spec = new Instrument(Radiation.FromWavelength(1.540593), AngleGrid.FromRange(5, 90, 0.05), new GaussianProfile(0.1));
        var result = MeasuredPreprocessor.Run(MoPattern(), spec, new PreprocessingOptions(SnipWindowDegrees: 1.5));

        // peaks at Bragg's angles for Cu Kα1
        foreach (var d in SpacingsAngstrom)
        {
            var expected = Bragg.TwoThetaDegrees(d, 1.540593);
            var c = (int)Math.Round((expected - 5) / 0.05);
            var best = c;
            for (var k = c - 10; k <= c + 10; k++) if (result.Values[k] > result.Values[best]) best = k;
            Assert.InRange(spec.Grid[best], expected - 0.06, expected + 0.06);
            Assert.True(result.Values[best] > 0.5, $"peak at d={d} is {result.Values[best]}");
        }
        // 5° with Mo is d = 8.13 Å → 10.87° with Cu: channels below are not covered and hold the fill value
        var lowest = Bragg.ConvertTwoTheta(5, 0.709317, 1.540593);
        Assert.Equal(10.87, lowest, 2);
        for (var c = 0; c < spec.Grid.Count; c++)
        {
            var expectCovered = spec.Grid[c] >= lowest - 1e-9;
            Assert.Equal(expectCovered, result.Covered[c]);
            if (!expectCovered) Assert.Equal(0f, result.Values[c]);
        }
        Assert.Equal(1f, result.Values.Max(), 5);
        Assert.Contains(result.Steps, s => s.StartsWith("coverage", StringComparison.Ordinal));
    }

    [Fact]
    public void AHighAngleGapIsFlaggedAndUncoveredFillIsTheRecordedValue()
    {
        var spec = new Instrument(Radiation.FromWavelength(0.709317), AngleGrid.Nano281, new GaussianProfile(0.2));
        var result = MeasuredPreprocessor.Run(MoPattern(5, 30), spec, new PreprocessingOptions(UncoveredFill: -1f));
        var range = result.CoveredRangeDegrees!.Value;
        Assert.Equal(5, range.From, 9);
        Assert.Equal(30, range.To, 9);
        Assert.Equal(-1f, result.Values[^1]);
        Assert.False(result.Covered[^1]);
        Assert.Equal((30 - 5) / 0.5 + 1, result.CoveredCount);
    }

    [Fact]
    public void BroadensToTheModelWidth()
    {
        var spec = new Instrument(Radiation.FromWavelength(0.709317), AngleGrid.FromRange(5, 90, 0.02), new GaussianProfile(0.2));
        var result = MeasuredPreprocessor.Run(MoPattern(), spec);
        Assert.InRange(result.MeasuredSigmaDegrees, 0.027, 0.033);
        var x = Enumerable.Range(0, spec.Grid.Count).Select(i => spec.Grid[i]).ToArray();
        var sigma = PeakWidth.EstimateSigmaDegrees(x, result.Values.Select(v => (double)v).ToArray());
        Assert.InRange(sigma, 0.18, 0.22);
    }

    [Fact]
    public void DSpacingAndQFilesMapLikeTheirTwoThetaEquivalent()
    {
        var spec = new Instrument(Radiation.FromWavelength(1.540593), AngleGrid.FromRange(10, 60, 0.1), new GaussianProfile(0.15));
        var mo = MoPattern();
        var d = mo.X.Select(t => Bragg.DSpacingAngstrom(t, mo.WavelengthAngstrom!.Value)).Reverse().ToArray();
        var q = mo.X.Select(t => Bragg.QInverseAngstrom(t, mo.WavelengthAngstrom!.Value)).ToArray();
        var asD = mo with { Kind = Abscissa.DSpacingAngstrom, X = d, Intensity = mo.Intensity.Reverse().ToArray(), Radiation = null };
        var asQ = mo with { Kind = Abscissa.QInverseAngstrom, X = q, Radiation = null };
        var a = MeasuredPreprocessor.Run(mo, spec).Values;
        var b = MeasuredPreprocessor.Run(asD, spec).Values;
        var c = MeasuredPreprocessor.Run(asQ, spec).Values;
        for (var i = 0; i < a.Length; i++) { Assert.Equal(a[i], b[i], 3); Assert.Equal(a[i], c[i], 3); }
    }

    [Fact]
    public void TwoThetaWithoutAWavelengthAsksForOne()
    {
        var p = MoPattern() with { Radiation = null };
        var e = Assert.Throws<DiffractionException>(() => MeasuredPreprocessor.Run(p, Instrument.Nano281));
        Assert.Contains("--wavelength", e.Message);
    }
}
