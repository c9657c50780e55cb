using Bravais.Crystallography.Symmetry;
using Xunit;

namespace Bravais.Crystallography.Tests.Symmetry;

/// <summary>Finding settings by the symbols real CIFs write, and by operations.</summary>
public class SpaceGroupLookupTests
{
    [Theory]
    // monoclinic: short, spaced, full, cell choices
    [InlineData("P21/c", 14, "b1")]
    [InlineData("P 21/c", 14, "b1")]
    [InlineData("P 1 21/c 1", 14, "b1")]
    [InlineData("P2_1/c", 14, "b1")]
    [InlineData("P 2(1)/c", 14, "b1")]
    [InlineData("p 21/c", 14, "b1")]
    [InlineData("P 21/n", 14, "b2")]
    [InlineData("P 1 21/n 1", 14, "b2")]
    [InlineData("P 21/a", 14, "b3")]
    [InlineData("P 1 1 21/b", 14, "c3")]
    [InlineData("P 1 1 21/n", 14, "c2")]
    [InlineData("C 2/c", 15, "b1")]
    [InlineData("C 1 2/c 1", 15, "b1")]
    [InlineData("I 2/a", 15, "b3")]
    [InlineData("C 2", 5, "b1")]
    [InlineData("P 2", 3, "b")]
    // spellings seen in the COD / cod-tools CIFs under ../shared
    [InlineData("P2~1~/n", 14, "b2")]
    [InlineData("P12(1)/n1", 14, "b2")]
    [InlineData("P 21 / c", 14, "b1")]
    [InlineData("P 21 /m", 11, "b")]
    [InlineData("Pmn2(1)", 31, "")]
    [InlineData("C cmb", 64, "ba-c")]
    [InlineData("I 2/b 2/a 2/m", 72, "")]
    [InlineData("P 6/m c c S", 192, "")]
    [InlineData("C m m b :1", 67, "ba-c")]
    [InlineData("C c c b :1", 68, "1ba-c")]
    [InlineData("B b a b :2", 68, "2a-cb")]
    [InlineData("A c a a :1", 68, "1-cba")]
    [InlineData("'P -1 '", 2, "")]
    [InlineData("-P2ybc", 14, "b1")]
    [InlineData("-P_2yn", 14, "b2")]
    [InlineData("c 1", 1, "C")]
    [InlineData("-R 3 2 \"", 166, "H")]
    [InlineData("C 1", 1, "C")]
    [InlineData("C -1", 2, "C")]
    [InlineData("A-1", 2, "A")]
    [InlineData("I -1", 2, "I")]
    [InlineData("-B 1", 2, "B")]
    [InlineData("P2(1)2(1)2(1)", 19, "")]
    [InlineData("P 42/n :1", 86, "1")]
    [InlineData("P 42/n", 86, "2")]
    [InlineData("R 3 2 :R", 155, "R")]
    [InlineData("R32", 155, "H")]
    [InlineData("F D -3 M S", 227, "1")]
    [InlineData("P 4/NMMZ", 129, "2")]
    [InlineData("C 1 2/m 1", 12, "b1")]
    [InlineData("I 1 2/m 1", 12, "b3")]
    [InlineData("A b m 2", 39, "")]
    [InlineData("B b c m", 64, "bca")]
    [InlineData("'P 21/c'", 14, "b1")]
    [InlineData("\"P 21/c\"", 14, "b1")]
    [InlineData("P 3 2\"", 150, "")]
    [InlineData("'P 3 2\"'", 150, "")]
    [InlineData("P 3 2", 149, "")]
    [InlineData("P n m a :1", 62, "")]
    [InlineData("P 21/c :b2", 14, "b2")]
    [InlineData("P 1 1 2", 3, "c")]
    // triclinic
    [InlineData("P -1", 2, "")]
    [InlineData("P-1", 2, "")]
    [InlineData("P1", 1, "")]
    // orthorhombic, standard and permuted
    [InlineData("P n m a", 62, "")]
    [InlineData("Pnma", 62, "")]
    [InlineData("PNMA", 62, "")]
    [InlineData("P b n m", 62, "cab")]
    [InlineData("P m n b", 62, "ba-c")]
    [InlineData("P 21 21 21", 19, "")]
    [InlineData("P2_12_12_1", 19, "")]
    [InlineData("P 21/n 21/m 21/a", 62, "")]
    [InlineData("C m c m", 63, "")]
    [InlineData("C m c e", 64, "")]
    [InlineData("C m c a", 64, "")]
    [InlineData("Cmca", 64, "")]
    [InlineData("A b a 2", 41, "")]
    [InlineData("C m m a", 67, "")]
    [InlineData("C c c a", 68, "2")]
    [InlineData("F d d d", 70, "2")]
    [InlineData("F d d d :1", 70, "1")]
    [InlineData("P n n n :1", 48, "1")]
    [InlineData("P n n n S", 48, "1")]
    // tetragonal with two origins
    [InlineData("P 4/n m m", 129, "2")]
    [InlineData("P 4/n m m Z", 129, "2")]
    [InlineData("P 4/n m m :1", 129, "1")]
    [InlineData("P4/nmm:2", 129, "2")]
    [InlineData("I 41/a m d", 141, "2")]
    [InlineData("I 41/a m d :1", 141, "1")]
    [InlineData("I4_1/amd", 141, "2")]
    // trigonal / hexagonal
    [InlineData("R -3 m", 166, "H")]
    [InlineData("R -3 m H", 166, "H")]
    [InlineData("R -3 m :H", 166, "H")]
    [InlineData("R -3 m :R", 166, "R")]
    [InlineData("R-3mR", 166, "R")]
    [InlineData("R -3 m R", 166, "R")]
    [InlineData("R3H", 146, "H")]
    [InlineData("R 3 c", 161, "H")]
    [InlineData("P 63/m m c", 194, "")]
    [InlineData("P 6_3/m m c", 194, "")]
    [InlineData("P63/mmc", 194, "")]
    [InlineData("P 63/m 2/m 2/c", 194, "")]
    [InlineData("P 3 2 1", 150, "")]
    [InlineData("P 31 2 1", 152, "")]
    [InlineData("P -3 m 1", 164, "")]
    // cubic: bar forms, old bar-less forms, origin choices
    [InlineData("F m -3 m", 225, "")]
    [InlineData("Fm-3m", 225, "")]
    [InlineData("F m 3 m", 225, "")]
    [InlineData("Fm3m", 225, "")]
    [InlineData("P m 3 m", 221, "")]
    [InlineData("P m -3 m", 221, "")]
    [InlineData("F d 3 m", 227, "2")]
    [InlineData("F d -3 m", 227, "2")]
    [InlineData("F d -3 m :2", 227, "2")]
    [InlineData("F d -3 m :1", 227, "1")]
    [InlineData("F d -3 m S", 227, "1")]
    [InlineData("F d 3 m Z", 227, "2")]
    [InlineData("I a 3", 206, "")]
    [InlineData("I a -3 d", 230, "")]
    [InlineData("P -4 3 m", 215, "")]
    [InlineData("F 4_1/d -3 2/m", 227, "2")]
    // Hall symbols
    [InlineData("-P 2ybc", 14, "b1")]
    [InlineData("-P 2yn", 14, "b2")]
    [InlineData("-F 4vw 2vw 3", 227, "2")]
    [InlineData("F 4d 2 3 -1d", 227, "1")]
    [InlineData("P 3*", 146, "R")]
    [InlineData("-P  2ac   2n", 62, "")]
    [InlineData("P 4 2", 89, "")]
    [InlineData("P 42", 77, "")]
    public void FindsSettingFromCifSpelling(string symbol, int number, string setting)
    {
        Assert.True(SpaceGroups.TryFindBySymbol(symbol, out var g), $"'{symbol}' not found");
        Assert.Equal(number, g.Number);
        Assert.Equal(setting, g.Setting);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("banana")]
    [InlineData("P 7")]
    [InlineData("X 21/c")]
    [InlineData("P 21/q")]
    [InlineData("R -3 m :Q")]
    [InlineData("P 21/c :b9")]
    [InlineData("Xmc21")]
    [InlineData("P?")]
    [InlineData("Not a real space group")]
    [InlineData("P 42/m m c (a,b+1/2,c)")]
    [InlineData("P m -3 m :H")]
    [InlineData("-Q 2")]
    public void NonsenseIsNotFound(string symbol) => Assert.False(SpaceGroups.TryFindBySymbol(symbol, out _));

    [Fact]
    public void UntabulatedHallSymbolWithTabulatedOperationsResolves()
    {
        // "P 2y" written with an explicit identity generator is not in the table but generates P 1 2 1
        Assert.True(SpaceGroups.TryFindByHall("P 2y 1", out var g));
        Assert.Equal(3, g.Number);
        Assert.Equal("b", g.Setting);
    }

    [Fact]
    public void EveryTabulatedSymbolFindsASettingOfItsOwnType()
    {
        foreach (var g in SpaceGroups.AllSettings)
        {
            Assert.True(SpaceGroups.TryFindBySymbol(g.HermannMauguin, out var s), g.HermannMauguin);
            Assert.Equal(g.Number, s.Number);
            Assert.True(SpaceGroups.TryFindBySymbol(g.FullHermannMauguin, out var f), g.FullHermannMauguin);
            Assert.Equal(g.Number, f.Number);
            // Hall symbols: exact via TryFindByHall (two settings of type 68 share one Hall symbol, so compare
            // operation sets); TryFindBySymbol tries H–M first, so "P 2" (Hall of P 1 1 2) gives P 1 2 1 there
            Assert.True(SpaceGroups.TryFindByHall(g.Hall, out var h), g.Hall);
            Assert.Equal(new OperationSet(g.Operations), new OperationSet(h.Operations));
            Assert.True(SpaceGroups.TryFindBySymbol(g.Hall, out var hs), g.Hall);
            Assert.True(g.Number == hs.Number, $"Hall '{g.Hall}' of type {g.Number} read as type {hs.Number}");
            if (g.Setting.Length > 0)
            {
                // symbol + ":setting" picks exactly this setting unless another setting shares both
                Assert.True(SpaceGroups.TryFindBySymbol(g.HermannMauguin + ":" + g.Setting, out var exact), g.HermannMauguin + ":" + g.Setting);
                Assert.Equal(g.Number, exact.Number);
            }
        }
    }

    [Fact]
    public void StandardShortSymbolsResolveToTheStandardSetting()
    {
        foreach (var g in SpaceGroups.Standard)
        {
            Assert.True(SpaceGroups.TryFindBySymbol(g.HermannMauguin, out var s), g.HermannMauguin);
            Assert.Same(g, s);
        }
    }

    [Fact]
    public void FindByOperationsIsOrderIndependentAndModuloLattice()
    {
        foreach (var g in SpaceGroups.AllSettings)
        {
            var shuffled = g.Operations.Reverse()
                .Select(o => new SymmetryOperation(o.R00, o.R01, o.R02, o.R10, o.R11, o.R12, o.R20, o.R21, o.R22,
                    o.T0 + 24, o.T1 - 48, o.T2))
                .ToList();
            var found = SpaceGroups.FindByOperations(shuffled);
            Assert.NotNull(found);
            Assert.Equal(new OperationSet(g.Operations), new OperationSet(found.Operations));
            Assert.Equal(g.Number, found.Number);
        }
    }

    [Fact]
    public void OnlyTheTwoSettingsOfType68WithTheSameHallSymbolShareAnOperationSet()
    {
        var shared = SpaceGroups.AllSettings.GroupBy(g => new OperationSet(g.Operations)).Where(x => x.Count() > 1).ToList();
        var pairs = shared.Select(x => string.Join(",", x.Select(g => g.HallNumber))).OrderBy(s => s).ToList();
        Assert.All(shared, x => Assert.Single(x.Select(g => g.Hall).Distinct()));
        Assert.All(shared, x => Assert.All(x, g => Assert.Equal(68, g.Number)));
        Assert.Equal(["322,324", "326,328", "330,332"], pairs);
    }

    [Fact]
    public void CentredTriclinicCellsKeepTheirTypeAndLattice()
    {
        Assert.Equal(10, SpaceGroups.CentredTriclinicSettings.Count);
        foreach (var g in SpaceGroups.CentredTriclinicSettings)
        {
            var centrings = g.Centring == 'F' ? 4 : 2;
            Assert.Equal((g.Number == 2 ? 2 : 1) * centrings, g.Order);
            Assert.Equal(BravaisLattice.aP, g.BravaisLattice);
            Assert.Same(g, SpaceGroups.FindByOperations(g.Operations));
        }
        var ops = new[] { "x,y,z", "-x,-y,-z", "x+1/2,y+1/2,z", "-x+1/2,-y+1/2,-z" }.Select(s => SymmetryOperation.Parse(s)).ToList();
        Assert.Equal("C-1", SpaceGroups.FindByOperations(ops)?.HermannMauguin);
    }

    [Fact]
    public void OperationSetIgnoresOrderDuplicatesAndWholeTranslations()
    {
        var a = new OperationSet([SymmetryOperation.Parse("-x,y+1/2,-z"), SymmetryOperation.Identity, SymmetryOperation.Parse("x+1,y,z")]);
        var b = new OperationSet([SymmetryOperation.Parse("-x,y-1/2,-z+2"), SymmetryOperation.Identity]);
        Assert.Equal(2, a.Count);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a.Contains(SymmetryOperation.Parse("-x,y+3/2,-z")));
        Assert.False(a.Contains(SymmetryOperation.Parse("-x,y,-z")));
    }

    [Fact]
    public void FindByOperationsReturnsNullForAnIncompleteSet()
    {
        var ops = SpaceGroups.ByNumber(225).Operations.Take(10).ToList();
        Assert.Null(SpaceGroups.FindByOperations(ops));
        Assert.Null(SpaceGroups.FindByOperations([SymmetryOperation.Identity, SymmetryOperation.Parse("x+1/3,y,z")]));
    }

    [Fact]
    public void P21cFromCifOperationLoopResolves()
    {
        var ops = new[] { "x,y,z", "-x,y+1/2,-z+1/2", "-x,-y,-z", "x,-y+1/2,z+1/2" }.Select(s => SymmetryOperation.Parse(s)).ToList();
        var g = SpaceGroups.FindByOperations(ops);
        Assert.NotNull(g);
        Assert.Equal(14, g.Number);
        Assert.Equal(BravaisLattice.mP, g.BravaisLattice);
    }

    [Fact]
    public void StandardSettingsCarryTheExpectedSymbolsAndLattices()
    {
        var fm3m = SpaceGroups.ByNumber(225);
        Assert.Equal("Fm-3m", fm3m.HermannMauguin);
        Assert.Equal('F', fm3m.Centring);
        Assert.Equal(BravaisLattice.cF, fm3m.BravaisLattice);
        Assert.Equal(192, fm3m.Order);
        var r3m = SpaceGroups.ByNumber(166);
        Assert.Equal("H", r3m.Setting);
        Assert.Equal(BravaisLattice.hR, r3m.BravaisLattice);
        Assert.Equal(36, r3m.Order);
        Assert.Equal("2", SpaceGroups.ByNumber(227).Setting);
        Assert.Equal("b1", SpaceGroups.ByNumber(14).Setting);
        Assert.Equal(CrystalSystem.Trigonal, SpaceGroups.ByNumber(160).CrystalSystem);
        Assert.Equal(BravaisLattice.mS, SpaceGroups.ByNumber(12).BravaisLattice);
        Assert.Equal(BravaisLattice.oS, SpaceGroups.ByNumber(38).BravaisLattice); // Amm2: A-centred
    }
}
