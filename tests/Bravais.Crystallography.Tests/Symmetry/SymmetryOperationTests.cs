using Bravais.Crystallography;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;
using Xunit;

namespace Bravais.Crystallography.Tests.Symmetry;

public class SymmetryOperationTests
{
    [Theory]
    [InlineData("-x+1/2, y, -z", "-x+1/2,y,-z")]
    [InlineData("1/2+x,1/2-y,z", "x+1/2,-y+1/2,z")]
    [InlineData("x+0.5,y,z", "x+1/2,y,z")]
    [InlineData("-y,x-y,z+1/3", "-y,x-y,z+1/3")]
    [InlineData("'-Y, X-Y, Z+2/3'", "-y,x-y,z+2/3")]
    [InlineData("+x,+y,+z", "x,y,z")]
    [InlineData("x, y, z+0.33333", "x,y,z+1/3")]
    [InlineData("-x+y,y,-z+1/6", "-x+y,y,-z+1/6")]
    [InlineData("x+3/4,y+1/4,-z+1/8", "x+3/4,y+1/4,-z+1/8")]
    public void ParsesEverySpellingAndPrintsCanonical(string input, string expected)
    {
        Assert.Equal(expected, SymmetryOperation.Parse(input).ToXyz());
    }

    [Theory]
    [InlineData("x,y")]
    [InlineData("x,y,q")]
    [InlineData("x,x,z")]
    [InlineData("x,y,z+0.1")]
    public void RejectsMalformedOperations(string input)
    {
        var e = Assert.Throws<CrystallographyException>(() => SymmetryOperation.Parse(input, new SourceLocation("a.cif", "blk", 12)));
        Assert.Contains("a.cif", e.Message);
        Assert.Contains("line 12", e.Message);
    }

    [Fact]
    public void ComposeAndInverseAreExact()
    {
        var a = SymmetryOperation.Parse("-y,x-y,z+1/3");
        var b = SymmetryOperation.Parse("-x+1/2,y,-z+1/4");
        var ab = a * b;
        // Applying b then a to a point equals applying ab
        var p = new Vec3(0.1, 0.27, 0.63);
        var viaSteps = a.Apply(b.Apply(p));
        var direct = ab.Apply(p);
        Assert.Equal(viaSteps.X, direct.X, 12);
        Assert.Equal(viaSteps.Y, direct.Y, 12);
        Assert.Equal(viaSteps.Z, direct.Z, 12);
        Assert.Equal(SymmetryOperation.Identity, (ab * ab.Inverse()).Normalised());
        // A 3-fold rotation cubed is the identity plus a lattice translation (z + 1)
        var c3 = a * a * a;
        Assert.True(c3.EqualsModuloLattice(SymmetryOperation.Identity));
        Assert.Equal(SymmetryOperation.Denominator, c3.T2);
    }

    [Fact]
    public void MillerIndicesTransformAsRowVectors()
    {
        // 4-fold about z: (x,y,z) -> (-y,x,z). hkl (1,0,0) -> (0,-1,0) under hkl·R
        var c4 = SymmetryOperation.Parse("-y,x,z");
        Assert.Equal((0, -1, 0), c4.ApplyToMillerIndices(1, 0, 0));
    }
}
