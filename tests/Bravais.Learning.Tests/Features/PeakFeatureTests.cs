using Bravais.Diffraction.Patterns;
using Bravais.Learning.Features;
using Bravais.Learning.Models;
using Xunit;

namespace Bravais.Learning.Tests.Features;

public class PeakFeatureTests
{
    private static readonly double Lambda = Bravais.Diffraction.Instrument.Nano281.WavelengthAngstrom;

    [Theory]
    [InlineData(31.37)]
    [InlineData(45.11)]
    [InlineData(20.74)]
    [InlineData(66.26)]
    public void RefinesAGaussianPeakBelowTheGridStep(double centre)
    {
        var grid = AngleGrid.Nano281;
        var y = new float[grid.Count];
        SyntheticPatterns.AddGaussian(y, grid, centre, 0.2, 100);
        var peak = Assert.Single(PeakFeatureExtractor.FindPeaks(y, grid, Lambda, 5));
        Assert.InRange(Math.Abs(peak.TwoThetaDegrees - centre), 0, 0.02);
        Assert.InRange(peak.Height, 99, 101); // the vertex of the log-parabola is the true height
        // the nearest grid point alone would be off by up to a quarter of a degree
        Assert.Equal(PeakFeatureExtractor.Q(centre, Lambda), peak.QInverseAngstrom, 3);
    }

    [Fact]
    public void QFollowsBraggsLaw()
    {
        // Q = 4π sinθ / λ = 2π / d; for λ = 1.54184 Å and 2θ = 60°, sinθ = 0.5 → Q = 2π/λ
        Assert.Equal(2 * Math.PI / Lambda, PeakFeatureExtractor.Q(60, Lambda), 12);
    }

    [Fact]
    public void FccRatiosOfInverseSquaredSpacingsAreRecovered()
    {
        // fcc a = 4.05 Å (Al): 111, 200, 220, 311 have h²+k²+l² = 3, 4, 8, 11 → (Q/Q₁)² = 1, 4/3, 8/3, 11/3
        const double a = 4.05;
        var grid = AngleGrid.Nano281;
        var y = new float[grid.Count];
        int[] hkl2 = [3, 4, 8, 11];
        foreach (var s in hkl2)
        {
            var d = a / Math.Sqrt(s);
            var twoTheta = 2 * Math.Asin(Lambda / (2 * d)) * 180 / Math.PI;
            SyntheticPatterns.AddGaussian(y, grid, twoTheta, 0.2, 100.0 / s);
        }
        var features = new float[PeakFeatureExtractor.FeatureCount(4)];
        PeakFeatureExtractor.Extract(y, grid, 4, Lambda, features);
        for (var k = 0; k < 4; k++)
            Assert.Equal(hkl2[k] / 3.0, features[k * PeakFeatureExtractor.FeaturesPerPeak + 3], 2);
        Assert.Equal(1f, features[1]);      // the lowest-angle peak is the strongest here
        Assert.Equal(1f, features[^1]);     // four of four peaks found
    }

    [Fact]
    public void MissingPeaksAreZeroAndAnEmptyPatternGivesZeros()
    {
        var grid = AngleGrid.Nano281;
        var features = new float[PeakFeatureExtractor.FeatureCount(3)];
        PeakFeatureExtractor.Extract(new float[grid.Count], grid, 3, Lambda, features);
        Assert.All(features, f => Assert.Equal(0f, f));
        var y = new float[grid.Count];
        SyntheticPatterns.AddGaussian(y, grid, 40, 0.2, 10);
        PeakFeatureExtractor.Extract(y, grid, 3, Lambda, features);
        Assert.Equal(0f, features[4]); // second peak slot empty
        Assert.Equal(1 / 3f, features[^1], 5);
    }

    [Theory]
    [InlineData(IntensityScaling.None, 0.25f)]
    [InlineData(IntensityScaling.Sqrt, 0.5f)]
    [InlineData(IntensityScaling.Log1p, 0.7059613f)] // ln(1 + 100·0.25) / ln(101) = ln 26 / ln 101
    public void ProfileStepsNormaliseThenScale(IntensityScaling scaling, float expected)
    {
        var grid = new AngleGrid(10, 1, 3);
        var raw = new FeatureMatrix([0f, 50f, 200f], 1, 3);
        var pipeline = FeaturePipeline.Fit(new Preprocessing(scaling, true, FeatureSet.Profile), Bravais.Diffraction.Instrument.Nano281.OnGrid(grid), raw);
        var x = pipeline.Transform(raw);
        Assert.Equal(3, x.Columns);
        Assert.Equal(0f, x[0, 0]);
        Assert.Equal(expected, x[0, 1], 5);
        Assert.Equal(1f, x[0, 2], 6);
    }

    [Fact]
    public void BothConcatenatesProfileAndStandardisedPeaks()
    {
        var data = SyntheticPatterns.Make(4, 10, seed: 3);
        var pipeline = FeaturePipeline.Fit(new Preprocessing(Features: FeatureSet.Both, PeakCount: 6), data.Instrument, data.Intensities);
        var x = pipeline.Transform(data.Intensities);
        Assert.Equal(180 + PeakFeatureExtractor.FeatureCount(6), x.Columns);
        // standardised on the same rows: every peak feature column has mean ≈ 0
        for (var j = 180; j < x.Columns; j++)
        {
            double mean = 0;
            for (var i = 0; i < x.Rows; i++) mean += x[i, j];
            Assert.InRange(mean / x.Rows, -1e-4, 1e-4);
        }
        var wrong = new FeatureMatrix(2, 100);
        Assert.Contains("100 intensity columns", Assert.Throws<LearningException>(() => pipeline.Transform(wrong)).Message);
    }
}
