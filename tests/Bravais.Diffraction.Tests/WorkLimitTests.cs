using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;
using Bravais.Diffraction.Profiles;
using Xunit;

namespace Bravais.Diffraction.Tests;

/// <summary>Limits that refuse work which would explode (issue 18), checked before anything large is allocated.</summary>
public class WorkLimitTests
{
    private static Structure TwoAtomP1(double a, double b, double c) =>
        new("p1", Lattice.Orthorhombic(a, b, c), [Site.Single("Na", new Vec3(0, 0, 0)), Site.Single("Cl", new Vec3(0.5, 0.5, 0.5))]);

    [Fact]
    public void The_estimate_counts_the_reciprocal_lattice_points_in_the_limiting_sphere()
    {
        // brute-force count of hkl ≠ 000 with |g| ≤ 1/d_min in a 23 × 29 × 31 Å orthorhombic cell (Cu Kα, 2θ ≤ 90°):
        // the volume estimate (4π/3)·V/d_min³ must agree to the surface term (here ≈ 1 %)
        var lattice = Lattice.Orthorhombic(23, 29, 31);
        var inverseDMin = 2 * Math.Sin(Math.PI / 4) / Radiation.CuKa.WavelengthAngstrom;
        long count = 0;
        int hMax = (int)(inverseDMin * 23) + 1, kMax = (int)(inverseDMin * 29) + 1, lMax = (int)(inverseDMin * 31) + 1;
        for (var h = -hMax; h <= hMax; h++)
        for (var k = -kMax; k <= kMax; k++)
        for (var l = -lMax; l <= lMax; l++)
        {
            var g2 = h * h / (23.0 * 23) + k * k / (29.0 * 29) + l * l / (31.0 * 31);
            if (g2 > 0 && g2 <= inverseDMin * inverseDMin) count++;
        }
        var estimate = ReflectionLimit.Estimate(lattice, 90, Radiation.CuKa.WavelengthAngstrom);
        Assert.InRange(estimate / count, 0.98, 1.02);
        // and the calculator enumerates half of them (Friedel mates implied)
        var ws = new PowderWorkspace();
        PowderCalculator.EnumerateReflections(lattice, 0, inverseDMin, ws);
        Assert.Equal(count / 2, ws.ReflectionCount);
    }

    [Fact]
    public void A_900_angstrom_cell_is_refused_before_enumerating_and_the_limit_can_be_raised()
    {
        var huge = TwoAtomP1(900, 900, 900);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DiffractionException>(() => new PowderCalculator().Calculate(huge));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "refused after allocating");
        Assert.StartsWith("about 2.36E+09 reflections up to 2θ = 90° (cell volume 7.29E+08 Å³, d_min = 1.09 Å) exceed the limit of 2000000", e.Message);
        // a narrow range of the same cell is small work and goes through; so does the whole range without a limit on a small cell
        var low = new PowderCalculator(new PowderOptions { TwoThetaMaxDegrees = 2 }).Calculate(huge);
        Assert.NotEmpty(low.Peaks);
        var tight = new PowderOptions { MaxReflections = 100 };
        Assert.Throws<DiffractionException>(() => new PowderCalculator(tight).Calculate(TwoAtomP1(5, 6, 7)));
        Assert.NotEmpty(new PowderCalculator(tight with { MaxReflections = 0 }).Calculate(TwoAtomP1(5, 6, 7)).Peaks);
    }

    [Fact]
    public void A_short_wavelength_to_180_degrees_is_refused()
    {
        var options = new PowderOptions { Radiation = Radiation.FromWavelength(0.01), TwoThetaMaxDegrees = 180 };
        var e = Assert.Throws<DiffractionException>(() => new PowderCalculator(options).Calculate(TwoAtomP1(5, 6, 7)));
        Assert.Contains("d_min = 0.005 Å", e.Message);
    }

    [Fact]
    public void The_enumeration_guard_stops_when_the_count_outgrows_the_limit()
    {
        // the guard behind the estimate: enumeration itself stops once the half-space count passes the limit
        var ws = new PowderWorkspace();
        var e = Assert.Throws<DiffractionException>(() => PowderCalculator.EnumerateReflections(Lattice.Cubic(50), 0, 1.0, ws, 1000, 90, 1.5406));
        Assert.Contains("exceed the limit of 1000", e.Message);
        Assert.Equal(1001, ws.ReflectionCount);
    }

    [Theory]
    [InlineData(0, 180, 1e-7, "grid 0:180:1E-07 would have 1.8E+09 points, more than the limit of 1000000 (use a step of at least 0.00018°)")]
    [InlineData(0, double.PositiveInfinity, 1, "invalid grid 0:∞:1 (need finite numbers, start ≤ stop and step > 0)")]
    [InlineData(0, 90, double.NaN, "invalid grid 0:90:NaN (need finite numbers, start ≤ stop and step > 0)")]
    public void Absurd_grids_are_refused_before_allocating(double start, double stop, double step, string reason)
    {
        var e = Assert.Throws<DiffractionException>(() => AngleGrid.FromRange(start, stop, step));
        Assert.Equal(reason.Replace("∞", double.PositiveInfinity.ToString(System.Globalization.CultureInfo.InvariantCulture)), e.Message);
    }

    [Fact]
    public void The_largest_allowed_grid_is_accepted()
    {
        Assert.Equal(AngleGrid.MaxPoints, AngleGrid.FromRange(0, 180, 180.0 / (AngleGrid.MaxPoints - 1)).Count);
    }

    [Fact]
    public void Rendering_that_would_take_hours_is_refused()
    {
        var grid = AngleGrid.FromRange(0, 180, 0.0002);
        var tt = Enumerable.Range(0, 20_000).Select(i => 5 + i * 0.004).ToArray();
        var y = new double[tt.Length];
        var output = new double[grid.Count];
        // a Lorentzian is evaluated at every point: 20,000 × 900,001 = 1.8e10 evaluations
        var e = Assert.Throws<DiffractionException>(() => ProfileRenderer.Render(tt, y, grid, new LorentzianProfile(0.1), output));
        Assert.Contains("1.8E+10 profile evaluations", e.Message);
        // a Gaussian of σ = 0.01° only out to 38.6 σ: 20,000 × 3,862 = 7.7e7, accepted
        ProfileRenderer.Render(tt, y, grid, new GaussianProfile(0.01), output);
    }
}
