using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.IO;
using Xunit;

namespace Bravais.Crystallography.Tests.IO;

public class PoscarReaderTests
{
    private static Structures.Structure Read(string text, IReadOnlyList<string>? names = null) =>
        PoscarReader.Read(new StringReader(text), "POSCAR", null, names);

    private const string RockSaltDirect = """
        NaCl rock salt
        1.0
          5.6402 0.0 0.0
          0.0 5.6402 0.0
          0.0 0.0 5.6402
        Na Cl
        4 4
        Direct
        0.0 0.0 0.0
        0.0 0.5 0.5
        0.5 0.0 0.5
        0.5 0.5 0.0
        0.5 0.5 0.5
        0.5 0.0 0.0
        0.0 0.5 0.0
        0.0 0.0 0.5
        """;

    [Fact]
    public void Vasp5Direct()
    {
        var s = Read(RockSaltDirect);
        Assert.Equal(8, s.SiteCount);
        Assert.Equal("Cl4 Na4", s.Formula);
        Assert.Equal(5.6402, s.Lattice.A, 12);
        Assert.Equal("NaCl rock salt", s.Id);
        Assert.Equal(new Vec3(0.5, 0.5, 0.5), s.Sites[4].Fractional);
    }

    [Fact]
    public void CartesianWithScaleAndSelectiveDynamics()
    {
        // scale 2 applies to the lattice and to Cartesian positions
        var s = Read("""
            scaled
            2.0
              2.0 0.0 0.0
              0.0 2.0 0.0
              0.0 0.0 3.0
            Fe
            2
            Selective dynamics
            Cartesian
              0.0 0.0 0.0 T T F
              1.0 1.0 1.5 F F F
            """);
        Assert.Equal(4.0, s.Lattice.A, 12);
        Assert.Equal(6.0, s.Lattice.C, 12);
        Assert.Equal(0.5, s.Sites[1].Fractional.X, 12);
        Assert.Equal(0.5, s.Sites[1].Fractional.Z, 12);
    }

    [Fact]
    public void NegativeScaleIsTheCellVolume()
    {
        var s = Read("""
            volume
            -125.0
              1 0 0
              0 1 0
              0 0 1
            Cu
            1
            Direct
              0 0 0
            """);
        Assert.Equal(125.0, s.Volume, 9);
        Assert.Equal(5.0, s.Lattice.A, 9);
    }

    [Fact]
    public void Vasp4NeedsElementNames()
    {
        const string text = "old\n1.0\n3 0 0\n0 3 0\n0 0 3\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n";
        var e = Assert.Throws<CrystallographyException>(() => Read(text));
        Assert.Contains("VASP 4", e.Message);
        Assert.Equal(6, e.Location.Line);
        Assert.Equal("POSCAR", e.Location.File);
        var s = Read(text, ["Cs", "Cl"]);
        Assert.Equal("Cl1 Cs1", s.Formula);
    }

    [Fact]
    public void PotcarSuffixesOnTheElementLine()
    {
        var s = Read("x\n1\n3 0 0\n0 3 0\n0 0 3\nFe_pv O/abc123\n1 1\nD\n0 0 0\n.5 .5 .5\n");
        Assert.Equal("Fe1 O1", s.Formula);
    }

    [Theory]
    [InlineData("x\n1\n3 0 0\n0 3 0\n", "lattice vector 3", 5)]
    [InlineData("x\n1\n3 0 0\n0 3 0\n0 0 3\nXx\n1\nDirect\n0 0 0\n", "not an element", 6)]
    [InlineData("x\n1\n3 0 0\n0 3 0\n0 0 3\nFe\n2\nDirect\n0 0 0\n", "position of atom 2 of 2", 10)]
    [InlineData("x\n1\n3 0 0\n0 3 0\n0 0 3\nFe O\n2\nDirect\n0 0 0\n", "2 element symbols but 1 atom counts", 7)]
    [InlineData("x\nabc\n3 0 0\n0 3 0\n0 0 3\nFe\n1\nDirect\n0 0 0\n", "'abc' is not a number", 2)]
    [InlineData("x\n1\n3 0 0\n0 3 0\n0 0 3\nFe\n1\nReciprocal\n0 0 0\n", "expected 'Direct' or 'Cartesian'", 8)]
    public void MalformedPoscars(string text, string reason, int line)
    {
        var e = Assert.Throws<CrystallographyException>(() => Read(text));
        Assert.Contains(reason, e.Message);
        Assert.Equal(line, e.Location.Line);
    }
}
