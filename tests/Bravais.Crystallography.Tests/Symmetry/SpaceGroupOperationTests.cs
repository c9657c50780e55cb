using System.Security.Cryptography;
using System.Text;
using Bravais.Crystallography.Symmetry;
using Xunit;

namespace Bravais.Crystallography.Tests.Symmetry;

/// <summary>The operations generated from the 530 Hall symbols: group axioms, multiplicities and spglib agreement.</summary>
public class SpaceGroupOperationTests
{
    /// <summary>Orders of the 32 crystallographic point groups.</summary>
    private static readonly Dictionary<string, int> PointGroupOrder = new()
    {
        ["1"] = 1, ["-1"] = 2, ["2"] = 2, ["m"] = 2, ["2/m"] = 4, ["222"] = 4, ["mm2"] = 4, ["mmm"] = 8,
        ["4"] = 4, ["-4"] = 4, ["4/m"] = 8, ["422"] = 8, ["4mm"] = 8, ["-42m"] = 8, ["4/mmm"] = 16,
        ["3"] = 3, ["-3"] = 6, ["32"] = 6, ["3m"] = 6, ["-3m"] = 12,
        ["6"] = 6, ["-6"] = 6, ["6/m"] = 12, ["622"] = 12, ["6mm"] = 12, ["-6m2"] = 12, ["6/mmm"] = 24,
        ["23"] = 12, ["m-3"] = 24, ["432"] = 24, ["-43m"] = 24, ["m-3m"] = 48,
    };

    public static TheoryData<int> HallNumbers()
    {
        var d = new TheoryData<int>();
        for (var h = 1; h <= 530; h++) d.Add(h);
        return d;
    }

    [Fact]
    public void TableHas530SettingsAnd230StandardOnes()
    {
        Assert.Equal(530, SpaceGroups.AllSettings.Count);
        Assert.Equal(230, SpaceGroups.Standard.Count);
        for (var n = 1; n <= 230; n++)
        {
            Assert.Equal(n, SpaceGroups.ByNumber(n).Number);
            Assert.True(SpaceGroups.ByNumber(n).IsStandardSetting);
            Assert.Single(SpaceGroups.AllSettings, g => g.Number == n && g.IsStandardSetting);
        }
        for (var h = 1; h <= 530; h++) Assert.Equal(h, SpaceGroups.ByHallNumber(h).HallNumber);
        Assert.Throws<ArgumentOutOfRangeException>(() => SpaceGroups.ByNumber(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpaceGroups.ByNumber(231));
    }

    [Theory]
    [MemberData(nameof(HallNumbers))]
    public void OperationsFormAGroupWithTheGeneralPositionMultiplicity(int hallNumber)
    {
        var g = SpaceGroups.ByHallNumber(hallNumber);
        var ops = g.Operations;
        var set = new HashSet<SymmetryOperation>(ops);
        Assert.Equal(ops.Length, set.Count); // distinct
        Assert.All(ops, o => Assert.Equal(o, o.Normalised())); // translations in [0,1)
        Assert.Contains(SymmetryOperation.Identity, set);
        Assert.Equal(SymmetryOperation.Identity, ops[0]);
        foreach (var a in ops)
        {
            Assert.Contains(a.Inverse().Normalised(), set);
            foreach (var b in ops) Assert.Contains(a.Compose(b).Normalised(), set);
        }
        // multiplicity = point-group order × number of centring vectors of the cell
        var centrings = g.Centring switch
        {
            'P' => 1,
            'A' or 'B' or 'C' or 'I' => 2,
            'R' => g.Setting == "R" ? 1 : 3, // rhombohedral axes: primitive cell
            'F' => 4,
            _ => throw new InvalidOperationException($"unexpected centring {g.Centring}"),
        };
        Assert.Equal(PointGroupOrder[g.PointGroup] * centrings, g.Order);
        Assert.Equal(centrings, ops.Count(o => o.IsIdentityRotation));
    }

    [Fact]
    public void EverySettingEqualsSpglibOperations()
    {
        var fixture = SpaceGroupFixtures.Settings;
        Assert.Equal(530, fixture.Count);
        foreach (var row in fixture)
        {
            var g = SpaceGroups.ByHallNumber(row.HallNumber);
            Assert.Equal(row.Number, g.Number);
            Assert.Equal(row.Choice, g.Setting);
            Assert.Equal(row.Hall, g.Hall);
            Assert.Equal(row.OperationCount, g.Order);
            Assert.Equal(row.PureTranslations, g.Operations.Count(o => o.IsIdentityRotation));
            var canonical = g.Operations.Select(SpaceGroupFixtures.ToCanonical).OrderBy(s => s, StringComparer.Ordinal);
            var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', canonical))));
            Assert.True(row.OperationSha256 == sha, $"Hall {row.HallNumber} '{row.Hall}': operations differ from spglib's");
        }
    }

    [Fact]
    public void SampleSettingsEqualSpglibOperationLists()
    {
        var sample = SpaceGroupFixtures.SampleOperations;
        Assert.True(sample.Count >= 20);
        foreach (var (hall, expected) in sample)
        {
            var g = SpaceGroups.ByHallNumber(hall);
            Assert.Equal(new OperationSet(expected), new OperationSet(g.Operations));
            Assert.Equal(expected.Count, g.Order);
        }
    }

    [Fact]
    public void BravaisLatticeOfEveryTypeMatchesSpglibArithmeticClass()
    {
        // the arithmetic crystal class symbol ends with the lattice letter (e.g. "m-3mF", "3R", "2/mC")
        foreach (var row in SpaceGroupFixtures.Settings.Where(r => r.Choice is "" or "b" or "b1" or "2" or "H"))
        {
            var g = SpaceGroups.ByNumber(row.Number);
            // spglib 2.0.2 writes "6/mmm" without the P for class 6/mmmP
            var letter = char.IsLetter(row.ArithmeticClass[^1]) && row.ArithmeticClass != "6/mmm" ? row.ArithmeticClass[^1] : 'P';
            var expected = (CrystalSystems.FromSpaceGroupNumber(row.Number), letter) switch
            {
                (CrystalSystem.Triclinic, _) => BravaisLattice.aP,
                (CrystalSystem.Monoclinic, 'P') => BravaisLattice.mP,
                (CrystalSystem.Monoclinic, _) => BravaisLattice.mS,
                (CrystalSystem.Orthorhombic, 'P') => BravaisLattice.oP,
                (CrystalSystem.Orthorhombic, 'I') => BravaisLattice.oI,
                (CrystalSystem.Orthorhombic, 'F') => BravaisLattice.oF,
                (CrystalSystem.Orthorhombic, _) => BravaisLattice.oS,
                (CrystalSystem.Tetragonal, 'P') => BravaisLattice.tP,
                (CrystalSystem.Tetragonal, 'I') => BravaisLattice.tI,
                (CrystalSystem.Trigonal or CrystalSystem.Hexagonal, 'R') => BravaisLattice.hR,
                (CrystalSystem.Trigonal or CrystalSystem.Hexagonal, 'P') => BravaisLattice.hP,
                (CrystalSystem.Cubic, 'P') => BravaisLattice.cP,
                (CrystalSystem.Cubic, 'I') => BravaisLattice.cI,
                (CrystalSystem.Cubic, 'F') => BravaisLattice.cF,
                _ => throw new InvalidOperationException(row.ArithmeticClass),
            };
            Assert.True(expected == g.BravaisLattice, $"type {row.Number}: {g.BravaisLattice} vs spglib {row.ArithmeticClass}");
        }
    }

    [Fact]
    public void BravaisLatticeCountsPerClassMatchInternationalTables()
    {
        // number of space-group types per Bravais lattice (ITA): aP 2, mP 8, mS 5, oP 30, oS 15, oI 9, oF 5,
        // tP 49, tI 19, hP 45 (18 trigonal + 27 hexagonal), hR 7, cP 15, cI 10, cF 11
        var expected = new Dictionary<BravaisLattice, int>
        {
            [BravaisLattice.aP] = 2, [BravaisLattice.mP] = 8, [BravaisLattice.mS] = 5, [BravaisLattice.oP] = 30,
            [BravaisLattice.oS] = 15, [BravaisLattice.oI] = 9, [BravaisLattice.oF] = 5, [BravaisLattice.tP] = 49,
            [BravaisLattice.tI] = 19, [BravaisLattice.hP] = 45, [BravaisLattice.hR] = 7, [BravaisLattice.cP] = 15,
            [BravaisLattice.cI] = 10, [BravaisLattice.cF] = 11,
        };
        var counts = SpaceGroups.Standard.GroupBy(g => g.BravaisLattice).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(k => k.Key), counts.OrderBy(k => k.Key));
    }

    [Theory]
    [InlineData("P 1", 1)]
    [InlineData("-P 2ybc", 4)]
    [InlineData("-F 4vw 2vw 3", 192)]
    [InlineData("P 61 2 (0 0 -1)", 12)]
    [InlineData("P 3*", 3)]
    public void OperationsFromHallGivesTheFullSet(string hall, int count) =>
        Assert.Equal(count, SpaceGroups.OperationsFromHall(hall).Count);

    [Theory]
    [InlineData("")]
    [InlineData("Q 2")]
    [InlineData("P 5")]
    [InlineData("P 2q")]
    [InlineData("P 2 (0 0")]
    [InlineData("P 4 3")]
    [InlineData("P 2 3 3")]
    public void MalformedHallSymbolsThrowWithTheReason(string hall)
    {
        var ex = Assert.Throws<CrystallographyException>(() => HallSymbol.Operations(hall));
        Assert.Contains("Hall symbol", ex.Message, StringComparison.Ordinal);
    }
}
