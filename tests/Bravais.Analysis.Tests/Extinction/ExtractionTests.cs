using Bravais.Analysis.Extinction;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Physics;
using Bravais.Synthesis.Generation;
using Xunit;

namespace Bravais.Analysis.Tests.Extinction;

/// <summary>Pawley extraction against structure factors computed independently, cell refinement, peak-list apportioning, bad input.</summary>
public class ExtractionTests
{
    private static readonly CrystalGenerator Generator = new();

    private static Bravais.Crystallography.Structures.Structure Crystal(int number, long index) =>
        Generator.Generate(SpaceGroups.ByNumber(number), seed: 3, index: index).Structure;

    [Fact]
    public void Pawley_intensities_are_the_structure_factors_up_to_one_scale_and_absent_lines_are_zero()
    {
        var crystal = Crystal(14, 0); // P 1 21/c 1: h0l with l odd and 0k0 with k odd are absent
        var pattern = CleanPatterns.Render(crystal, seed: 1);
        var input = new ExtinctionInput(crystal.Lattice, BravaisLattice.mP, Radiation.CuKa, 0, pattern);
        var x = IntensityExtractor.Extract(input);
        Assert.InRange(x.ReducedChiSquared, 0.8, 1.3);
        var truth = x.Blocks.Select(b => CleanPatterns.TrueBlockIntensity(crystal, b)).ToArray();
        var strongest = truth.Max();
        var strong = Enumerable.Range(0, truth.Length).Where(i => truth[i] > 0.05 * strongest && x.Blocks[i].TwoThetaDegrees < 60).ToList();
        Assert.True(strong.Count >= 15, $"only {strong.Count} strong blocks");
        var scale = strong.Select(i => x.Blocks[i].Intensity / truth[i]).Order().ElementAt(strong.Count / 2);
        foreach (var i in strong)
        {
            var expected = scale * truth[i];
            Assert.True(Math.Abs(x.Blocks[i].Intensity - expected) < 0.03 * expected + 4 * x.Blocks[i].Esd,
                $"block at {x.Blocks[i].TwoThetaDegrees:F3}°: {x.Blocks[i].Intensity:G4} ± {x.Blocks[i].Esd:G3}, expected {expected:G4}");
        }
        // the systematically absent ones (zero structure factor) come out zero within their errors, as a whole
        var absent = Enumerable.Range(0, truth.Length).Where(i => truth[i] < 1e-9 * strongest).ToList();
        Assert.True(absent.Count >= 5, $"only {absent.Count} absent blocks");
        var z = absent.Select(i => x.Blocks[i].Intensity / x.Blocks[i].Esd).ToList();
        Assert.True(z.Count(v => Math.Abs(v) > 4) <= 1, $"absent blocks off zero: {string.Join(", ", z.Select(v => v.ToString("F1")))}");
        Assert.InRange(z.Average(), -1.0, 1.0);
    }

    [Fact]
    public void A_cell_off_by_two_tenths_of_a_percent_is_refined_back()
    {
        var crystal = Crystal(62, 1); // Pnma
        var pattern = CleanPatterns.Render(crystal, seed: 2, zeroShift: 0.03);
        var l = crystal.Lattice;
        var wrong = Lattice.FromParameters(l.A * 1.002, l.B * 0.9985, l.C * 1.001, 90, 90, 90);
        var x = IntensityExtractor.Extract(new ExtinctionInput(wrong, BravaisLattice.oP, Radiation.CuKa, 0, pattern));
        Assert.Equal(l.A, x.RefinedCell.A, l.A * 2e-4);
        Assert.Equal(l.B, x.RefinedCell.B, l.B * 2e-4);
        Assert.Equal(l.C, x.RefinedCell.C, l.C * 2e-4);
        // zero shift and displacement trade off against each other; their sum at 2θ = 40° is what the pattern fixes
        Assert.Equal(0.03, x.ZeroShiftDegrees + x.DisplacementDegrees * Math.Cos(20 * Math.PI / 180), 0.01);
    }

    [Fact]
    public void Peaks_alone_are_apportioned_to_the_lines_under_them()
    {
        var crystal = Crystal(225, 2);
        var cu = Anodes.Find("Cu")!;
        var sticks = new Bravais.Diffraction.Powder.PowderCalculator(new Bravais.Diffraction.Powder.PowderOptions { Radiation = Radiation.FromWavelength(cu.KAlpha1Angstrom), Scaled = false }).Calculate(crystal);
        var peaks = sticks.Peaks.Where(p => p.Intensity > 1e-6 * sticks.Peaks.Max(q => q.Intensity))
            .Select(p => new ObservedPeak(p.TwoThetaDegrees, 1.5 * p.Intensity, 0.08)).ToList();
        var x = IntensityExtractor.Extract(new ExtinctionInput(crystal.Lattice, BravaisLattice.cF, Radiation.CuKa, 0, Peaks: peaks));
        Assert.Equal("apportioned from the peak list", x.Method);
        var reached = x.Blocks.Where(b => b.Intensity > 0).ToList();
        Assert.Equal(peaks.Count, reached.Count);
        var scale = reached[0].Intensity / CleanPatterns.TrueBlockIntensity(crystal, reached[0]);
        foreach (var b in reached) Assert.Equal(scale * CleanPatterns.TrueBlockIntensity(crystal, b), b.Intensity, 1e-6 * b.Intensity + 1e-9);
    }

    [Fact]
    public void Input_without_observations_or_with_a_broken_pattern_is_refused_with_the_reason()
    {
        var cell = Lattice.Cubic(4);
        var none = Assert.Throws<AnalysisException>(() => IntensityExtractor.Extract(new ExtinctionInput(cell, BravaisLattice.cP, Radiation.CuKa)));
        Assert.Contains("pattern or a list of observed peaks", none.Message);
        double[] x = [.. Enumerable.Range(0, 50).Select(i => 10.0 + i * 0.1)];
        x[20] = x[19];
        var bad = Assert.Throws<AnalysisException>(() => IntensityExtractor.Extract(new ExtinctionInput(cell, BravaisLattice.cP, Radiation.CuKa, 0, new ObservedPattern(x, new double[50]))));
        Assert.Contains("point 21", bad.Message);
        var peak = Assert.Throws<AnalysisException>(() => IntensityExtractor.Extract(new ExtinctionInput(cell, BravaisLattice.cP, Radiation.CuKa, 0, Peaks: [new ObservedPeak(30, 100, -1)])));
        Assert.Contains("peak 1", peak.Message);
    }
}
