using Bravais.Diffraction.Augmentation;
using System.IO.Compression;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Measured;
using Bravais.Analysis.Cleaning;
using Bravais.Analysis.SearchMatch;
using Xunit;

namespace Bravais.Analysis.Tests.SearchMatch;

/// <summary>The matcher's realism settings: symmetry preference, angle-dependent tolerance, intensity power.</summary>
public sealed class MatcherSettingsTests
{
    private static readonly MatcherOptions Options = new(Neighbours: 3, RelativeTolerance: 0, SymmetryPreference: 0) { Instrument = TinyLibrary.Comparison(0.02, 0.12) };

    [Theory]
    [InlineData(1, 1)]     // P1
    [InlineData(2, 2)]     // P-1
    [InlineData(14, 4)]    // P2₁/c: 2/m
    [InlineData(62, 8)]    // Pnma: mmm
    [InlineData(142, 16)]  // I4₁/acd: 4/mmm (centring does not count)
    [InlineData(166, 12)]  // R-3m: -3m
    [InlineData(194, 24)]  // P6₃/mmc: 6/mmm
    [InlineData(225, 48)]  // Fm-3m: m-3m
    public void SymmetryPreferenceIsLambdaTimesLogPointGroupOrder(int spaceGroup, int pointGroupOrder)
    {
        Assert.Equal(0.004 * Math.Log(pointGroupOrder), PatternMatcher.SymmetryPreference(spaceGroup, 0.004), 12);
        Assert.Equal(0, PatternMatcher.SymmetryPreference(spaceGroup, 0));
        Assert.Equal(0, PatternMatcher.SymmetryPreference(0, 0.004));
    }

    private static ReferenceLibrary Twins()
    {
        // the same peaks labelled once as a P1 crystal (listed first) and once as Fm-3m: a DFT library's ordered variant
        var cubic = TinyLibrary.Cubic(("F-5.43", BravaisLattice.cF, 5.43, 225));
        var start = new[] { 0, cubic.PeakDSpacing.Length, 2 * cubic.PeakDSpacing.Length };
        return new ReferenceLibrary(["P1-twin", "F-5.43"], [BravaisLattice.aP, BravaisLattice.cF], [1, 225], start,
            [.. cubic.PeakDSpacing, .. cubic.PeakDSpacing], [.. cubic.PeakIntensity, .. cubic.PeakIntensity]);
    }

    private static Neighbour[] Search(ReferenceLibrary lib, MatcherOptions options)
    {
        var matcher = new PatternMatcher(lib, options, threads: 1);
        var measured = MeasuredSimulator.Simulate(lib, 1, MeasuredAugmentation.Default with { CellMismatchMax = 0, ImpurityProbability = 0 }, new Random(4), "q.xy");
        return matcher.Search(matcher.Prepare(MeasuredPreprocessor.Clean(measured, options.Instrument, PreprocessingOptions.Default), PreprocessingOptions.Default), 2, threads: 1);
    }

    [Fact]
    public void AmongEqualFitsTheMoreSymmetricReferenceWins()
    {
        var lib = Twins();
        var plain = Search(lib, Options);
        Assert.Equal(plain[0].Similarity, plain[1].Similarity); // identical patterns: a tie, broken by library order
        Assert.Equal("P1-twin", lib.Ids[plain[0].Entry]);
        var occam = Search(lib, Options with { SymmetryPreference = 0.004 });
        Assert.Equal("F-5.43", lib.Ids[occam[0].Entry]);
        Assert.Equal(occam[0].Similarity + 0.004 * Math.Log(48), occam[0].Score, 5);
        Assert.Equal(occam[1].Similarity, occam[1].Score); // P1: no preference
        var logits = PatternMatcher.Logits(lib, occam, 0.02);
        Assert.Equal(0.004 * Math.Log(48) / 0.02, logits[(int)BravaisLattice.cF] - logits[(int)BravaisLattice.aP], 4);
    }

    /// <summary>Second moment of the rendered row around one peak, in degrees.</summary>
    private static double RenderedSigma(MatcherOptions options, double dSpacing)
    {
        var lib = new ReferenceLibrary(["x"], [BravaisLattice.cP], [221], [0, 1], [(float)dSpacing], [100f]);
        var row = new float[options.Grid.Count];
        PatternMatcher.Render(lib, 0, options, row);
        double w = 0, m1 = 0, m2 = 0;
        for (var c = 0; c < row.Length; c++) { var t = options.Grid[c]; w += row[c]; m1 += row[c] * t; m2 += row[c] * t * t; }
        m1 /= w;
        return Math.Sqrt(m2 / w - m1 * m1);
    }

    [Fact]
    public void RelativeToleranceWidensReferencePeaksLikeTanTheta()
    {
        const double d = 1.2; // 2θ ≈ 79.9° for Cu Kα
        var theta = Math.Asin(Options.Instrument.WavelengthAngstrom / (2 * d));
        Assert.Equal(0.12, RenderedSigma(Options, d), 3);
        var widened = Math.Sqrt(0.12 * 0.12 + Math.Pow(2 * Math.Tan(theta) * 0.003 * 180 / Math.PI, 2)); // ≈ 0.37°
        Assert.Equal(widened, RenderedSigma(Options with { RelativeTolerance = 0.003 }, d), 2);
        // at low angle (d = 8 Å, 2θ ≈ 11°) the widening is small
        Assert.InRange(RenderedSigma(Options with { RelativeTolerance = 0.003 }, 8), 0.12, 0.13);
    }

    [Fact]
    public void IntensityPowerCompressesHeightsAndWidensToMatchTheQuery()
    {
        var lib = new ReferenceLibrary(["x"], [BravaisLattice.cP], [221], [0, 2], [3f, 2f], [100f, 25f]);
        var options = Options with { IntensityPower = 0.5 };
        var row = new float[options.Grid.Count];
        PatternMatcher.Render(lib, 0, options, row);
        float At(double d) => row[(int)Math.Round((360 / Math.PI * Math.Asin(options.Instrument.WavelengthAngstrom / (2 * d)) - options.Grid.StartDegrees) / options.Grid.StepDegrees)];
        Assert.Equal(2.0, At(3) / At(2), 1); // √(100/25)
        Assert.Equal(0.12 * Math.Sqrt(2), RenderedSigma(options, 3), 2); // a σ-Gaussian raised to ½ has σ√2
    }

    [Fact]
    public void MatcherOverrideReplacesNamedSettingsAndRefusesUnknownOnes()
    {
        var changed = Options.WithOverrides("{\"RelativeTolerance\":0.003,\"Neighbours\":20}");
        Assert.Equal(Options with { RelativeTolerance = 0.003, Neighbours = 20 }, changed);
        var e = Assert.Throws<AnalysisException>(() => Options.WithOverrides("{\"Neighbors\":20}"));
        Assert.Contains("unknown setting 'Neighbors'", e.Message);
        Assert.Throws<AnalysisException>(() => Options.WithOverrides("[1]"));
        Assert.Throws<AnalysisException>(() => Options.WithOverrides("{"));
    }
}
