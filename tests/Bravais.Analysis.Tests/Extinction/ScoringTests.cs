using System.Collections.Immutable;
using Bravais.Analysis.Extinction;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;
using Bravais.Synthesis.Datasets;
using Bravais.Synthesis.Generation;
using Xunit;

namespace Bravais.Analysis.Tests.Extinction;

/// <summary>The Bayesian ranking of extinction groups on patterns of crystals of known space group.</summary>
public class ScoringTests
{
    private static readonly CrystalGenerator Generator = new();

    [Theory]
    [InlineData(14, "P 1 21/c 1")]
    [InlineData(15, "C 1 c 1")]
    [InlineData(19, "P 21 21 21")]
    [InlineData(61, "P b c a")]
    [InlineData(62, "P n - a")]
    [InlineData(64, "C - c (ab)")]
    [InlineData(88, "I 41/a - -")]
    [InlineData(167, "R - c")]
    [InlineData(176, "P 63 - -")]
    [InlineData(205, "P a - -")]
    [InlineData(227, "F d - -")]
    [InlineData(230, "I a - d")]
    public void The_true_extinction_symbol_wins_on_a_counted_pattern(int number, string symbol)
    {
        var group = SpaceGroups.ByNumber(number);
        var crystal = Generator.Generate(group, seed: 7, index: number).Structure;
        var pattern = CleanPatterns.Render(crystal, seed: number, peakCounts: 2e4);
        var result = ExtinctionScorer.Score(new ExtinctionInput(crystal.Lattice, group.BravaisLattice, Radiation.CuKa, 0, pattern));
        Assert.Equal(symbol, result.Best.Symbol);
        Assert.Contains(number, result.Best.SpaceGroups);
        Assert.Equal(1, result.Scores.Sum(s => s.Probability), 1e-9);
        Assert.True(result.Scores.Zip(result.Scores.Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
        Assert.Equal(ExtinctionTable.For(group.BravaisLattice).Count, result.Scores.Length);
    }

    [Fact]
    public void Axes_are_fixed_so_Pbca_relabelled_b_a_minus_c_is_scored_as_Pcab()
    {
        var pbca = Generator.Generate(SpaceGroups.ByNumber(61), seed: 7, index: 3).Structure;
        var l = pbca.Lattice;
        // new a = old b, new b = old a, new c = −old c: fractional (x, y, z) → (y, x, −z)
        var sites = pbca.Sites.Select(s => s with { Fractional = new Vec3(s.Fractional.Y, s.Fractional.X, -s.Fractional.Z).Wrapped() }).ToImmutableArray();
        var pcab = new Structure("Pcab", Lattice.Orthorhombic(l.B, l.A, l.C), sites);
        var result = ExtinctionScorer.Score(new ExtinctionInput(pcab.Lattice, BravaisLattice.oP, Radiation.CuKa, 0, CleanPatterns.Render(pcab, seed: 4, peakCounts: 2e4)));
        Assert.Equal("P c a b", result.Best.Symbol);
    }

    [Fact]
    public void A_peak_list_alone_is_enough_when_many_absent_lines_are_resolved()
    {
        var group = SpaceGroups.ByNumber(61);
        var crystal = Generator.Generate(group, seed: 7, index: 1).Structure;
        var cu = Anodes.Find("Cu")!;
        var sticks = new PowderCalculator(new PowderOptions { Radiation = Radiation.FromWavelength(cu.KAlpha1Angstrom), Scaled = false }).Calculate(crystal);
        var strongest = sticks.Peaks.Max(p => p.Intensity);
        // what a peak search reports: lines above 0.2 % of the strongest, those closer than 0.04° as one peak
        var peaks = new List<ObservedPeak>();
        foreach (var p in sticks.Peaks.Where(p => p.Intensity > 2e-3 * strongest))
        {
            if (peaks.Count > 0 && p.TwoThetaDegrees - peaks[^1].TwoThetaDegrees < 0.04)
                peaks[^1] = peaks[^1] with { Intensity = peaks[^1].Intensity + 1.5 * p.Intensity };
            else peaks.Add(new ObservedPeak(p.TwoThetaDegrees, 1.5 * p.Intensity, 0.08));
        }
        var result = ExtinctionScorer.Score(new ExtinctionInput(crystal.Lattice, BravaisLattice.oP, Radiation.CuKa, 0, Peaks: peaks));
        Assert.Equal("P b c a", result.Best.Symbol);
        Assert.Equal("apportioned from the peak list", result.Intensities.Method);
    }

    [Fact]
    public void One_absent_line_among_few_is_weak_evidence_and_the_prior_decides()
    {
        // Pa-3 with a small cell: below 90° only 310 tells it from Pm-3m; absent from the peak list, it is only "below the
        // weakest peak", so P - - - (Pm-3m, far more common) keeps most of the probability and P a - - gains some
        var group = SpaceGroups.ByNumber(205);
        var crystal = Generator.Generate(group, seed: 7, index: 1).Structure;
        var cu = Anodes.Find("Cu")!;
        var sticks = new PowderCalculator(new PowderOptions { Radiation = Radiation.FromWavelength(cu.KAlpha1Angstrom), Scaled = false }).Calculate(crystal);
        var strongest = sticks.Peaks.Max(p => p.Intensity);
        var peaks = sticks.Peaks.Where(p => p.Intensity > 2e-3 * strongest).Select(p => new ObservedPeak(p.TwoThetaDegrees, 1.5 * p.Intensity, 0.08)).ToList();
        var result = ExtinctionScorer.Score(new ExtinctionInput(crystal.Lattice, BravaisLattice.cP, Radiation.CuKa, 0, Peaks: peaks));
        var pa3 = result.Scores.Single(s => s.Symbol == "P a - -");
        Assert.True(pa3.LogLikelihood > 0, $"log-likelihood {pa3.LogLikelihood}");
        Assert.True(pa3.Probability > Math.Exp(pa3.LogPrior), "the absent line should raise P a - - above its prior");
    }

    [Fact]
    public void The_frequency_prior_carries_no_preference_for_an_axis_labelling_or_cell_choice()
    {
        var frequencies = SpaceGroupFrequencies.MaterialsProject;
        var mp = ExtinctionTable.For(BravaisLattice.mP);
        var prior = ExtinctionScorer.Prior(ExtinctionFamily.Standard(BravaisLattice.mP), mp, ExtinctionPrior.Frequency, frequencies);
        double Of(string symbol) => prior[mp.ToList().FindIndex(g => g.Symbol == symbol)];
        Assert.Equal(Of("P 1 21/c 1"), Of("P 1 21/n 1"), 1e-12);
        Assert.Equal(Of("P 1 21/c 1"), Of("P 1 21/a 1"), 1e-12);
        Assert.True(Of("P 1 21/c 1") > Of("P 1 c 1")); // P2_1/c is far more common than Pc and P2/c
        Assert.Equal(1, prior.Sum(Math.Exp), 1e-12);
        var op = ExtinctionTable.For(BravaisLattice.oP);
        var opPrior = ExtinctionScorer.Prior(ExtinctionFamily.Standard(BravaisLattice.oP), op, ExtinctionPrior.Frequency, frequencies);
        Assert.Equal(opPrior[op.ToList().FindIndex(g => g.Symbol == "P b c a")], opPrior[op.ToList().FindIndex(g => g.Symbol == "P c a b")], 1e-12);
        var uniform = ExtinctionScorer.Prior(ExtinctionFamily.Standard(BravaisLattice.oP), op, ExtinctionPrior.Uniform, frequencies);
        Assert.All(uniform, p => Assert.Equal(-Math.Log(71), p, 1e-12));
    }
}
