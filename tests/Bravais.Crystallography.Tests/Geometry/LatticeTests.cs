using Bravais.Crystallography;
using Bravais.Crystallography.Geometry;
using Xunit;

namespace Bravais.Crystallography.Tests.Geometry;

public class LatticeTests
{
    [Fact]
    public void CubicDSpacingFollowsTheTextbookFormula()
    {
        // d = a / sqrt(h²+k²+l²)
        var l = Lattice.Cubic(5.64);
        Assert.Equal(5.64 / Math.Sqrt(3), l.DSpacing(1, 1, 1), 10);
        Assert.Equal(5.64 / 2, l.DSpacing(2, 0, 0), 10);
        Assert.Equal(5.64 * 5.64 * 5.64, l.Volume, 8);
    }

    [Fact]
    public void HexagonalDSpacingFollowsTheTextbookFormula()
    {
        // 1/d² = 4/3 (h²+hk+k²)/a² + l²/c²
        const double a = 3.21, c = 5.21;
        var l = Lattice.Hexagonal(a, c);
        var expected = 1 / Math.Sqrt(4.0 / 3 * (1 + 1 + 1) / (a * a) + 4 / (c * c));
        Assert.Equal(expected, l.DSpacing(1, 1, 2), 10);
        Assert.Equal(Math.Sqrt(3) / 2 * a * a * c, l.Volume, 8);
    }

    [Fact]
    public void MonoclinicRoundTripsParametersAndGivesTheMonoclinicVolume()
    {
        var l = Lattice.FromParameters(5.1, 6.2, 7.3, 90, 103.5, 90);
        Assert.Equal(5.1, l.A, 10); Assert.Equal(6.2, l.B, 10); Assert.Equal(7.3, l.C, 10);
        Assert.Equal(90, l.Alpha, 8); Assert.Equal(103.5, l.Beta, 8); Assert.Equal(90, l.Gamma, 8);
        Assert.Equal(5.1 * 6.2 * 7.3 * Math.Sin(103.5 * Math.PI / 180), l.Volume, 8);
        // reciprocal basis is dual: a_i · a*_j = δ_ij
        var r = l.ReciprocalCrystallographic().Matrix;
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 3; j++)
            Assert.Equal(i == j ? 1.0 : 0.0, l.Matrix.Row(i).Dot(r.Row(j)), 12);
    }

    [Fact]
    public void PeriodicDistanceUsesTheNearestImage()
    {
        var l = Lattice.Cubic(10);
        Assert.Equal(0.2, l.PeriodicDistance(new Vec3(0.99, 0, 0), new Vec3(0.01, 0, 0)), 10);
    }

    [Fact]
    public void RejectsImpossibleCells()
    {
        Assert.Throws<CrystallographyException>(() => Lattice.FromParameters(1, 1, 1, 90, 90, 190));
        Assert.Throws<CrystallographyException>(() => Lattice.FromParameters(-1, 1, 1, 90, 90, 90));
        Assert.Throws<CrystallographyException>(() => Lattice.FromParameters(1, 1, 1, 120, 120, 120));
    }

    [Fact]
    public void RejectsCellsWhoseVolumeOrLengthsOverflow()
    {
        // a = 1e308 is a finite double, but the cell volume 1e308·6·7 is not: it used to pass and print "a = Infinity"
        var e = Assert.Throws<CrystallographyException>(() => Lattice.FromParameters(1e308, 6, 7, 90, 90, 90));
        Assert.Contains("volume overflows", e.Message);
        Assert.Throws<CrystallographyException>(() => Lattice.FromParameters(double.PositiveInfinity, 6, 7, 90, 90, 90));
        Assert.Throws<CrystallographyException>(() => Lattice.FromParameters(5, 6, double.NaN, 90, 90, 90));
        // |a|² overflows although the determinant is finite
        Assert.Throws<CrystallographyException>(() => Lattice.FromMatrix(new Mat3(1e200, 0, 0, 0, 5, 0, 0, 0, 1e-190)));
    }

    [Theory]
    [InlineData(5, 6, 7, 90, 90, 90, null)]
    [InlineData(0.5, 1000, 7, 90, 90, 90, null)]           // the bounds themselves are allowed
    [InlineData(5, 6, 7, 4.708, 4.708, 9, null)]            // Materials Project has primitive cells with angles below 5°
    [InlineData(0.49, 6, 7, 90, 90, 90, "_cell_length_a")]
    [InlineData(5, 1000.1, 7, 90, 90, 90, "_cell_length_b")]
    [InlineData(5, 6, 7, 90, 180, 90, "_cell_angle_beta")]
    [InlineData(5, 6, 7, 60, 60, 130, "_cell_angle")]       // γ > α + β: no such cell
    [InlineData(5, 6, 7, 1, 1, 1.5, "_cell_angle")]         // real but V/(abc) = 3e-4
    public void CellLimitsNameTheImplausibleParameter(double a, double b, double c, double alpha, double beta, double gamma, string? field)
    {
        Assert.Equal(field, CellLimits.Check(a, b, c, alpha, beta, gamma)?.Field);
    }

    [Fact]
    public void VolumeFractionIsTheTriclinicVolumeFormula()
    {
        // V = abc·sqrt(1 − cos²α − cos²β − cos²γ + 2 cos α cos β cos γ)
        var l = Lattice.FromParameters(5, 6, 7, 80, 85, 100);
        Assert.Equal(l.Volume / (5.0 * 6 * 7), Math.Sqrt(CellLimits.VolumeFractionSquared(80, 85, 100)), 12);
    }
}
