using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Wyckoff;
using Xunit;

namespace Bravais.Synthesis.Tests.Wyckoff;

public class AffineSubspaceTests
{
    [Fact]
    public void Inversion_fixes_the_eight_half_integer_points()
    {
        var fixedPoints = AffineSubspace.FixedBy(SymmetryOperation.Parse("-x,-y,-z"));
        Assert.Equal(8, fixedPoints.Count);
        Assert.All(fixedPoints, p => Assert.Equal(0, p.Dimension));
        Assert.Equal(8, fixedPoints.Select(p => p.Key).Distinct().Count());
    }

    [Fact]
    public void Screw_axis_and_glide_have_no_fixed_points()
    {
        Assert.Empty(AffineSubspace.FixedBy(SymmetryOperation.Parse("-x,y+1/2,-z")));
        Assert.Empty(AffineSubspace.FixedBy(SymmetryOperation.Parse("x,-y,z+1/2")));
    }

    [Fact]
    public void Twofold_axis_with_translation_fixes_lines_shifted_by_half_the_translation()
    {
        // -x+1/2, y, -z fixes the lines (1/4, y, 0), (3/4, y, 0), (1/4, y, 1/2), (3/4, y, 1/2) modulo the lattice
        var lines = AffineSubspace.FixedBy(SymmetryOperation.Parse("-x+1/2,y,-z"));
        Assert.Equal(4, lines.Count);
        var found = new HashSet<(Fraction, Fraction)>();
        foreach (var line in lines)
        {
            Assert.Equal(1, line.Dimension);
            var (point, directions) = line.Parametrise();
            Assert.Equal([0L, 1L, 0L], directions[0].Select(Math.Abs).ToArray());
            found.Add((point[0].Mod1(), point[2].Mod1()));
        }
        Fraction quarter = new(1, 4), threeQuarters = new(3, 4), half = new(1, 2);
        Assert.Equal(new HashSet<(Fraction, Fraction)> { (quarter, 0), (threeQuarters, 0), (quarter, half), (threeQuarters, half) }, found);
    }

    [Fact]
    public void Mirror_plane_meets_twofold_axis_in_points_and_images_are_canonical()
    {
        var plane = AffineSubspace.FixedBy(SymmetryOperation.Parse("x,y,-z"))[0];
        var axis = AffineSubspace.FixedBy(SymmetryOperation.Parse("-x,-y,z"))[0];
        var meet = plane.Intersect(axis);
        Assert.Single(meet);
        Assert.Equal(0, meet[0].Dimension);
        // the same line written with a different point is the same subspace
        var shifted = axis.Transform(SymmetryOperation.Parse("x+1,y,z+1/3"));
        Assert.Equal(axis, shifted);
    }
}
