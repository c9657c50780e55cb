using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;
using Xunit;

namespace Bravais.Diffraction.Tests;

/// <summary>Peak positions against Bragg's law, λ = 2 d sin θ, with d from the textbook formula for each system.</summary>
public class BraggPositionTests
{
    private const double CuKa = 1.54184;

    private static double TwoTheta(double d) => 2.0 * Math.Asin(CuKa / (2.0 * d)) * 180.0 / Math.PI;

    private static double CubicD(double a, int h, int k, int l) => a / Math.Sqrt(h * h + k * k + l * l);

    [Fact]
    public void NaCl_peaks_are_the_fcc_reflections_at_Bragg_angles()
    {
        var peaks = new PowderCalculator().Calculate(StructureFixtures.NaCl());
        // fcc: h, k, l unmixed; 2θ ≤ 90° with Cu Kα
        (int h, int k, int l)[] expected = [(1, 1, 1), (2, 0, 0), (2, 2, 0), (3, 1, 1), (2, 2, 2), (4, 0, 0), (3, 3, 1), (4, 2, 0), (4, 2, 2)];
        Assert.Equal(expected.Length, peaks.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var (h, k, l) = expected[i];
            var d = CubicD(StructureFixtures.NaClA, h, k, l);
            Assert.Equal(TwoTheta(d), peaks.Peaks[i].TwoThetaDegrees, 9);
            Assert.Equal(d, peaks.Peaks[i].DSpacingAngstrom, 9);
            Assert.Equal(new MillerIndices(h, k, l), peaks.Peaks[i].Families[0].Representative);
        }
        // multiplicities of the cubic forms {111} 8, {200} 6, {220} 12, {311} 24
        Assert.Equal([8, 6, 12, 24], peaks.Peaks.Take(4).Select(PeakList.Multiplicity));
        Assert.Equal(100.0, peaks.Peaks.Max(p => p.Intensity), 12);
    }

    [Fact]
    public void CsCl_primitive_cubic_has_every_reflection_including_mixed_parity()
    {
        var peaks = new PowderCalculator().Calculate(StructureFixtures.CsCl());
        // every N = h²+k²+l² that is a sum of three squares (not 7, 15: N = 4^a(8b+7)) gives one peak; 9 holds 300 and 221
        int[] sums = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 16, 17];
        var inRange = sums.Where(n => CuKa * Math.Sqrt(n) / (2 * StructureFixtures.CsClA) <= Math.Sin(Math.PI / 4)).ToArray();
        Assert.Equal(13, inRange.Length); // up to N = 14 at 2θ ≈ 88.8°
        Assert.Equal(inRange.Length, peaks.Count);
        for (var i = 0; i < inRange.Length; i++)
            Assert.Equal(TwoTheta(StructureFixtures.CsClA / Math.Sqrt(inRange[i])), peaks.Peaks[i].TwoThetaDegrees, 9);
        var nine = peaks.Peaks[Array.IndexOf(inRange, 9)];
        Assert.Equal(["(2,2,1)", "(3,0,0)"], nine.Families.Select(f => f.Representative.ToString()).Order());
        Assert.Equal(6 + 24, PeakList.Multiplicity(nine));
    }

    [Fact]
    public void Hexagonal_magnesium_positions_follow_the_hexagonal_d_formula()
    {
        var peaks = new PowderCalculator().Calculate(StructureFixtures.Magnesium());
        Assert.True(peaks.MillerBravais);
        foreach (var peak in peaks.Peaks)
        {
            var hkl = peak.Families[0].Representative;
            double a = StructureFixtures.MgA, c = StructureFixtures.MgC;
            var invD2 = 4.0 / 3.0 * (hkl.H * hkl.H + hkl.H * hkl.K + hkl.K * hkl.K) / (a * a) + hkl.L * hkl.L / (c * c);
            Assert.Equal(TwoTheta(1 / Math.Sqrt(invD2)), peak.TwoThetaDegrees, 8);
        }
        // hcp: 00l needs l even, so the first peaks are (10-10), (0002), (10-11)
        Assert.Equal("(1,0,-1,0)", peaks.Peaks[0].Families[0].Representative.Format(true));
        Assert.Equal("(0,0,0,2)", peaks.Peaks[1].Families[0].Representative.Format(true));
        Assert.Equal("(1,0,-1,1)", peaks.Peaks[2].Families[0].Representative.Format(true));
    }

    [Fact]
    public void Monoclinic_positions_follow_the_monoclinic_d_formula_and_no_reflection_is_lost()
    {
        var peaks = new PowderCalculator().Calculate(StructureFixtures.Monoclinic());
        double a = StructureFixtures.MonoA, b = StructureFixtures.MonoB, c = StructureFixtures.MonoC;
        var beta = StructureFixtures.MonoBeta * Math.PI / 180;
        double D(int h, int k, int l) =>
            1 / Math.Sqrt((h * h / (a * a) + k * k * Math.Pow(Math.Sin(beta), 2) / (b * b) + l * l / (c * c) - 2 * h * l * Math.Cos(beta) / (a * c)) / Math.Pow(Math.Sin(beta), 2));
        foreach (var peak in peaks.Peaks)
            foreach (var f in peak.Families)
                Assert.Equal(TwoTheta(D(f.Representative.H, f.Representative.K, f.Representative.L)), peak.TwoThetaDegrees, 4);
        // every index triple with 2θ ≤ 90° lies on some peak (general positions: no absences)
        var count = 0;
        for (var h = -8; h <= 8; h++)
        for (var k = -8; k <= 8; k++)
        for (var l = -8; l <= 8; l++)
        {
            if (h == 0 && k == 0 && l == 0) continue;
            var d = D(h, k, l);
            if (CuKa / (2 * d) > Math.Sin(Math.PI / 4)) continue;
            count++;
            var tt = TwoTheta(d);
            Assert.Contains(peaks.Peaks, p => Math.Abs(p.TwoThetaDegrees - tt) < 1e-5);
        }
        Assert.Equal(count, peaks.Peaks.Sum(PeakList.Multiplicity));
    }
}
