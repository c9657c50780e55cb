using Bravais.Diffraction.Powder;
using Xunit;

namespace Bravais.Diffraction.Tests;

/// <summary>Lattice-centring and glide/screw extinctions appear as exact zeros of the structure factor.</summary>
public class SystematicAbsenceTests
{
    [Fact]
    public void Fcc_copper_shows_only_unmixed_hkl()
    {
        var peaks = new PowderCalculator().Calculate(StructureFixtures.Copper());
        Assert.NotEmpty(peaks.Peaks);
        foreach (var f in peaks.Peaks.SelectMany(p => p.Families))
        {
            var (h, k, l) = (Math.Abs(f.Representative.H) % 2, Math.Abs(f.Representative.K) % 2, Math.Abs(f.Representative.L) % 2);
            Assert.True(h == k && k == l, $"{f.Representative} is mixed");
        }
        // a = 3.615 Å: 111, 200, 220 lie below 90°; 311 would be at 2θ = 90.02°
        Assert.Equal(["(1,1,1)", "(2,0,0)", "(2,2,0)"], peaks.Peaks.Select(p => p.Families[0].Representative.ToString()));
    }

    [Fact]
    public void Bcc_tungsten_shows_only_even_h_plus_k_plus_l()
    {
        var peaks = new PowderCalculator().Calculate(StructureFixtures.Tungsten());
        Assert.NotEmpty(peaks.Peaks);
        foreach (var f in peaks.Peaks.SelectMany(p => p.Families))
            Assert.Equal(0, (f.Representative.H + f.Representative.K + f.Representative.L) % 2);
        Assert.Equal(4, peaks.Count); // 110, 200, 211, 220
    }

    [Fact]
    public void Diamond_silicon_lacks_200_and_222()
    {
        var peaks = new PowderCalculator().Calculate(StructureFixtures.Silicon());
        var reps = peaks.Peaks.SelectMany(p => p.Families).Select(f => f.Representative.ToString()).ToList();
        Assert.Equal(["(1,1,1)", "(2,2,0)", "(3,1,1)", "(4,0,0)", "(3,3,1)", "(4,2,2)"], reps);
    }
}
