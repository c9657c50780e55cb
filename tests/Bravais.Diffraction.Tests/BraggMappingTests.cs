using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;
using Xunit;

namespace Bravais.Analysis.Tests.Cleaning;

public class BraggMappingTests
{
    [Fact]
    public void SiliconOneOneOneMovesBetweenCuAndMoAsBraggsLawSays()
    {
        // Si a = 5.4311 Å, d(111) = a/√3 = 3.13565 Å; at Cu Kα1 the textbook angle is 28.44°.
        var d = 5.4311 / Math.Sqrt(3);
        var cu = Bragg.TwoThetaDegrees(d, 1.540593);
        Assert.Equal(28.443, cu, 2);
        // by hand at Mo Kα1: sin θ = 0.709317 / (2·3.13565) = 0.113105 → θ = 6.4943° → 2θ = 12.989°
        var mo = Bragg.ConvertTwoTheta(cu, 1.540593, 0.709317);
        Assert.Equal(12.989, mo, 2);
        Assert.Equal(d, Bragg.DSpacingAngstrom(mo, 0.709317), 9);
        // Q = 2π/d whatever the wavelength
        Assert.Equal(2 * Math.PI / d, Bragg.QInverseAngstrom(cu, 1.540593), 9);
        Assert.Equal(2 * Math.PI / d, Bragg.QInverseAngstrom(mo, 0.709317), 9);
    }

    [Fact]
    public void UnreachableSpacingsGiveNaN() => Assert.True(double.IsNaN(Bragg.TwoThetaDegrees(0.5, 1.5406)));
}
