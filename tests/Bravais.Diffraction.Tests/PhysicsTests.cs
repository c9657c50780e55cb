using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;
using Xunit;

namespace Bravais.Diffraction.Tests;

public class PhysicsTests
{
    [Theory]
    [InlineData("CuKa", 1.54184)]
    [InlineData("CuKa1", 1.54056)]
    [InlineData("CuKa2", 1.54439)]
    [InlineData("MoKa", 0.71073)]
    [InlineData("MoKa1", 0.70930)]
    [InlineData("MoKa2", 0.71359)]
    [InlineData("CoKa", 1.79026)]
    [InlineData("FeKa", 1.93735)]
    [InlineData("CrKa", 2.29100)]
    [InlineData("AgKa", 0.560885)]
    [InlineData("cu kα1", 1.54056)]
    public void Named_radiations_have_pymatgens_wavelengths(string name, double angstrom) =>
        Assert.Equal(angstrom, Radiation.FromName(name).WavelengthAngstrom);

    [Fact]
    public void Radiation_parses_numbers_and_refuses_unknown_names()
    {
        Assert.Equal(1.5406, Radiation.Parse("1.5406").WavelengthAngstrom);
        Assert.Throws<DiffractionException>(() => Radiation.Parse("XyKa"));
        Assert.Throws<DiffractionException>(() => Radiation.FromWavelength(-1));
    }

    [Fact]
    public void Form_factor_is_Z_at_zero_angle_and_falls_with_s()
    {
        Assert.Equal(26.0, ScatteringFactors.Evaluate("Fe", 0.0), 12);
        // Fe at s = 0.3 Å⁻¹ from the four Gaussians by hand: 26 − 41.78214·0.09·Σ a_i exp(−b_i·0.09)
        double[] a = [2.544, 2.343, 1.759, 0.506], b = [64.424, 14.880, 2.854, 0.350];
        var sum = a.Select((ai, i) => ai * Math.Exp(-b[i] * 0.09)).Sum();
        Assert.Equal(26 - 41.78214 * 0.09 * sum, ScatteringFactors.Evaluate("Fe", 0.3), 12);
        Assert.True(ScatteringFactors.Evaluate("Fe", 0.5) < ScatteringFactors.Evaluate("Fe", 0.3));
        Assert.Equal(ScatteringFactors.Evaluate("H", 0.2), ScatteringFactors.Evaluate("D", 0.2));
        Assert.Throws<DiffractionException>(() => ScatteringFactors.Evaluate("Es", 0.1));
    }

    [Fact]
    public void Lorentz_polarisation_matches_its_trigonometric_form()
    {
        foreach (var tt in new[] { 10.0, 33.3, 60.0, 89.0, 120.0 })
        {
            var theta = tt * Math.PI / 360;
            var expected = (1 + Math.Pow(Math.Cos(2 * theta), 2)) / (Math.Pow(Math.Sin(theta), 2) * Math.Cos(theta));
            Assert.Equal(expected, LorentzPolarisation.FromTwoThetaDegrees(tt), 9);
        }
    }

    [Fact]
    public void Structure_factor_of_NaCl_is_4_fNa_plus_minus_4_fCl()
    {
        var nacl = StructureFixtures.NaCl();
        var s111 = Math.Sqrt(3) / StructureFixtures.NaClA / 2;
        var s200 = 2 / StructureFixtures.NaClA / 2;
        var f111 = StructureFactor.Compute(nacl, new MillerIndices(1, 1, 1));
        var f200 = StructureFactor.Compute(nacl, new MillerIndices(2, 0, 0));
        var f100 = StructureFactor.Compute(nacl, new MillerIndices(1, 0, 0));
        Assert.Equal(4 * (ScatteringFactors.Evaluate("Na", s111) - ScatteringFactors.Evaluate("Cl", s111)), f111.Real, 9);
        Assert.Equal(4 * (ScatteringFactors.Evaluate("Na", s200) + ScatteringFactors.Evaluate("Cl", s200)), f200.Real, 9);
        Assert.Equal(0, f100.Magnitude, 9);
    }

    [Fact]
    public void Calculator_intensities_equal_F_squared_times_LP_times_multiplicity()
    {
        // unscaled: I(peak) = Σ over the peak's reflections |F|² LP; for NaCl (200) that is 6 |F(200)|² LP
        var peaks = new PowderCalculator(new PowderOptions { Scaled = false }).Calculate(StructureFixtures.NaCl());
        var p200 = peaks.Peaks[1];
        var f = StructureFactor.Compute(StructureFixtures.NaCl(), new MillerIndices(2, 0, 0));
        var expected = 6 * f.Magnitude * f.Magnitude * LorentzPolarisation.FromTwoThetaDegrees(p200.TwoThetaDegrees);
        Assert.Equal(expected, p200.Intensity, 6);
    }

    [Fact]
    public void Two_theta_range_limits_the_peaks_and_unknown_elements_are_reported()
    {
        var narrow = new PowderCalculator(new PowderOptions { TwoThetaMinDegrees = 30, TwoThetaMaxDegrees = 50 }).Calculate(StructureFixtures.NaCl());
        Assert.Equal(["(2,0,0)", "(2,2,0)"], narrow.Peaks.Select(p => p.Families[0].Representative.ToString()));
        Assert.Equal(100, narrow.Peaks.Max(p => p.Intensity), 12);
        var bad = StructureFixtures.CsCl() with { Sites = [Crystallography.Structures.Site.Single("Es", new(0, 0, 0))] };
        var e = Assert.Throws<DiffractionException>(() => new PowderCalculator().Calculate(bad));
        Assert.Contains("Es", e.Message);
        Assert.Contains("CsCl", e.Message);
    }

    [Fact]
    public void A_reused_workspace_gives_the_same_result_as_a_fresh_one()
    {
        var calc = new PowderCalculator();
        var ws = new PowderWorkspace();
        var big = calc.Calculate(StructureFixtures.Monoclinic(), ws);
        var small = calc.Calculate(StructureFixtures.CsCl(), ws);
        Assert.Equal(calc.Calculate(StructureFixtures.CsCl()).Peaks.Select(p => p.Intensity), small.Peaks.Select(p => p.Intensity));
        Assert.Equal(calc.Calculate(StructureFixtures.Monoclinic(), ws).Peaks.Select(p => p.Intensity), big.Peaks.Select(p => p.Intensity));
    }
}
