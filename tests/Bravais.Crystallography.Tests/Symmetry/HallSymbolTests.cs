using Bravais.Crystallography.Symmetry;
using Xunit;

namespace Bravais.Crystallography.Tests.Symmetry;

/// <summary>Hall symbols beyond the table: change-of-basis suffixes and loose spellings from real CIFs.</summary>
public class HallSymbolTests
{
    private static OperationSet Ops(params string[] xyz) => new(xyz.Select(s => SymmetryOperation.Parse(s)));

    [Fact]
    public void OriginShiftByOperatorEqualsTheSymmetryLoopOfPdO()
    {
        // COD PdO (openchemistry/oxides/PdO.cif): Hall '-P 4c 2 (x,y+1/2,z)', its _symmetry_equiv_pos_as_xyz loop
        var expected = Ops("x,y,z", "-x,-y,z", "1/2-y,1/2+x,1/2+z", "1/2+y,1/2-x,1/2+z", "-x,y,-z", "x,-y,-z",
            "1/2+y,1/2+x,1/2-z", "1/2-y,1/2-x,1/2-z", "-x,-y,-z", "x,y,-z", "1/2+y,1/2-x,1/2-z", "1/2-y,1/2+x,1/2-z",
            "x,-y,z", "-x,y,z", "1/2-y,1/2-x,1/2+z", "1/2+y,1/2+x,1/2+z");
        Assert.Equal(expected, new OperationSet(HallSymbol.Operations("-P 4c 2 (x,y+1/2,z)")));
        // an origin-shifted setting is none of the 530 tabulated ones: the operations are right, the lookup says no
        Assert.False(SpaceGroups.TryFindByHall("-P 4c 2 (x,y+1/2,z)", out _));
    }

    [Fact]
    public void CellChangingOperatorAddsTheNewCentringVectors()
    {
        // cod-tools bs5069: 'P 2yb (1/2*x,y,-1/2*x+z)' with loop x,y,z; -x,y+1/2,-z; x+1/2,y,z+1/2; -x+1/2,y+1/2,-z+1/2
        Assert.Equal(Ops("x,y,z", "-x,y+1/2,-z", "x+1/2,y,z+1/2", "-x+1/2,y+1/2,-z+1/2"),
            new OperationSet(HallSymbol.Operations("P 2yb (1/2*x,y,-1/2*x+z)")));
        // cod-tools 9000612: '-P 1 (1/2*x+1/2*y,1/2*x-1/2*y,-z)' with loop x,y,z; 1/2+x,1/2+y,z; -x,-y,-z; 1/2-x,1/2-y,-z
        var c1 = HallSymbol.Operations("-P 1 (1/2*x+1/2*y,1/2*x-1/2*y,-z)");
        Assert.Equal(Ops("x,y,z", "1/2+x,1/2+y,z", "-x,-y,-z", "1/2-x,1/2-y,-z"), new OperationSet(c1));
        Assert.True(SpaceGroups.TryFindByHall("-P 1 (1/2*x+1/2*y,1/2*x-1/2*y,-z)", out var g));
        Assert.Equal(2, g.Number);
        Assert.Equal("C", g.Setting);
    }

    [Fact]
    public void ShiftInTwelfthsEqualsTheSameShiftAsAnOperator()
    {
        Assert.Equal(new OperationSet(HallSymbol.Operations("P 31 2c (0 0 1)")), new OperationSet(HallSymbol.Operations("P 31 2c (x,y,z+1/12)")));
        Assert.Equal(new OperationSet(HallSymbol.Operations("P 61 2 (0 0 -1)")), new OperationSet(HallSymbol.Operations("P 61 2 (x, y, z-1/12)")));
    }

    [Theory]
    [InlineData("-P2ybc", "-P 2ybc")]
    [InlineData("-P_2yn", "-P 2yn")]
    [InlineData("P2yb", "P 2yb")]
    [InlineData("c 1", "C 1")]
    [InlineData("-R 3 2 \"", "-R 3 2\"")]
    [InlineData("  -P  2ac  2n ", "-P 2ac 2n")]
    public void LooseSpellingsFromCifsGiveTheSameOperations(string loose, string tabulated) =>
        Assert.Equal(new OperationSet(HallSymbol.Operations(tabulated)), new OperationSet(HallSymbol.Operations(loose)));

    [Theory]
    [InlineData("P 2 (2*x,y,z)")]     // a cell that is half a lattice cell
    [InlineData("P 2 (x,y)")]
    [InlineData("P 2x (x,y,z+1/5)")]  // translation not a multiple of 1/24
    [InlineData("P 2 (0 0 1")]
    [InlineData("-P*2yn")]
    [InlineData("P 2 (99999999999*x,y,z)")]
    [InlineData("P 2 (x,y,z+99999999999999999999)")]
    public void InvalidChangesOfBasisThrowWithTheReason(string hall)
    {
        var ex = Assert.Throws<CrystallographyException>(() => HallSymbol.Operations(hall));
        Assert.Contains("Hall symbol", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomGarbageOnlyEverGivesTheDocumentedFailure()
    {
        const string alphabet = "PABCIRSTFpx-123456xyz'\"*abcnuvwd ()01,/+._:";
        var rng = new Random(20261124);
        for (var i = 0; i < 20000; i++)
        {
            var chars = new char[rng.Next(1, 24)];
            for (var k = 0; k < chars.Length; k++) chars[k] = alphabet[rng.Next(alphabet.Length)];
            var text = new string(chars);
            try
            {
                var ops = HallSymbol.Operations(text);
                Assert.Contains(SymmetryOperation.Identity, ops);
            }
            catch (CrystallographyException)
            {
            }
            SpaceGroups.TryFindBySymbol(text, out _); // must not throw
        }
    }
}
