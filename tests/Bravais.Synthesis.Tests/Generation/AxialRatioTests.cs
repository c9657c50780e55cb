using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Lattices;
using Xunit;

namespace Bravais.Synthesis.Tests.Generation;

public class AxialRatioTests
{
    [Theory]
    [InlineData(139, 0.45, 2.6, 0.35, 4.5)] // I4/mmm: c/a
    [InlineData(166, 0.7, 4.5, 0.7, 8.0)]   // R-3m on hexagonal axes: c/a
    [InlineData(194, 0.5, 3.2, 0.4, 5.0)]   // P6_3/mmc: c/a
    public void Cells_keep_to_their_ratio_ranges_and_the_wide_ones_reach_further(int number, double low, double high, double wideLow, double wideHigh)
    {
        var group = SpaceGroups.ByNumber(number);
        var random = new Random(1);
        double Ratio(AxialRatios r) { var l = LatticeSampler.Sample(group, 300, random, r); return l.C / l.A; }
        var moderate = Enumerable.Range(0, 400).Select(_ => Ratio(AxialRatios.Default)).ToArray();
        var wide = Enumerable.Range(0, 400).Select(_ => Ratio(AxialRatios.Wide)).ToArray();
        Assert.All(moderate, x => Assert.InRange(x, low * 0.999, high * 1.001));
        Assert.All(wide, x => Assert.InRange(x, wideLow * 0.999, wideHigh * 1.001));
        Assert.Contains(wide, x => x > high * 1.1);
    }
}
