using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Wyckoff;
using Xunit;

namespace Bravais.Synthesis.Tests.Wyckoff;

public class WyckoffTablesTests
{
    /// <summary>
    /// Multiplicities of the Wyckoff positions, letters a, b, c … in order, as published in International Tables for
    /// Crystallography Vol. A (2016), Part 7 space-group tables. Site-symmetry order = group order / multiplicity.
    /// </summary>
    public static TheoryData<int, int[]> InternationalTables => new()
    {
        { 2, [1, 1, 1, 1, 1, 1, 1, 1, 2] },                                            // P-1
        { 10, [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 4] },                          // P2/m
        { 15, [4, 4, 4, 4, 4, 8] },                                                    // C2/c
        { 62, [4, 4, 4, 8] },                                                          // Pnma
        { 63, [4, 4, 4, 8, 8, 8, 8, 16] },                                             // Cmcm
        { 123, [1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4, 8, 8, 8, 8, 8, 16] },      // P4/mmm
        { 139, [2, 2, 4, 4, 4, 8, 8, 8, 8, 8, 16, 16, 16, 16, 32] },                    // I4/mmm
        { 141, [4, 4, 8, 8, 8, 16, 16, 16, 32] },                                       // I4_1/amd
        { 166, [3, 3, 6, 9, 9, 18, 18, 18, 36] },                                       // R-3m, hexagonal axes
        { 191, [1, 1, 2, 2, 2, 3, 3, 4, 6, 6, 6, 6, 6, 12, 12, 12, 12, 24] },           // P6/mmm
        { 194, [2, 2, 2, 2, 4, 4, 6, 6, 12, 12, 12, 24] },                              // P6_3/mmc
        { 221, [1, 1, 3, 3, 6, 6, 8, 12, 12, 12, 24, 24, 24, 48] },                     // Pm-3m
        { 225, [4, 4, 8, 24, 24, 32, 48, 48, 48, 96, 96, 192] },                        // Fm-3m
        { 227, [8, 8, 16, 16, 32, 48, 96, 96, 192] },                                   // Fd-3m
        { 230, [16, 16, 24, 24, 32, 48, 48, 96] },                                      // Ia-3d
    };

    [Theory]
    [MemberData(nameof(InternationalTables))]
    public void Multiplicities_and_site_symmetry_orders_match_International_Tables(int number, int[] multiplicities)
    {
        var group = SpaceGroups.ByNumber(number);
        var positions = WyckoffTables.For(group);
        Assert.Equal(multiplicities, positions.Select(p => p.Multiplicity).ToArray());
        Assert.Equal(multiplicities.Select(m => group.Order / m).ToArray(), positions.Select(p => p.SiteSymmetryOrder).ToArray());
        Assert.True(positions[^1].IsGeneral);
    }

    [Fact]
    public void Every_group_has_the_number_of_positions_spglib_reports_1731_in_all()
    {
        var expected = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "wyckoff_counts_spglib.tsv"))
            .Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToDictionary(f => int.Parse(f[0]), f => (Count: int.Parse(f[1]), General: int.Parse(f[2])));
        Assert.Equal(230, expected.Count);
        var total = 0;
        for (var n = 1; n <= 230; n++)
        {
            var positions = WyckoffTables.For(n);
            Assert.True(expected[n].Count == positions.Length, $"group {n}: {positions.Length} positions, spglib {expected[n].Count}");
            Assert.Equal(expected[n].General, positions[^1].Multiplicity);
            total += positions.Length;
        }
        Assert.Equal(1731, total);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(88)]
    [InlineData(148)]
    [InlineData(167)]
    [InlineData(186)]
    [InlineData(205)]
    [InlineData(227)]
    [InlineData(230)]
    public void A_generic_point_of_each_position_has_an_orbit_of_its_multiplicity_and_is_fixed_by_its_site_symmetry(int number)
    {
        var group = SpaceGroups.ByNumber(number);
        var random = new Random(number);
        foreach (var position in WyckoffTables.For(group))
        {
            var parameters = Enumerable.Range(0, position.Dimension).Select(_ => 0.05 + 0.4 * random.NextDouble()).ToArray();
            var point = position.Point(parameters);
            var orbit = new List<Vec3>();
            foreach (var op in group.Operations)
            {
                var image = op.Apply(point).Wrapped();
                if (!orbit.Any(q => (q - image).NearestImage().Length < 1e-9)) orbit.Add(image);
            }
            Assert.True(position.Multiplicity == orbit.Count, $"{number} {position}: orbit of {orbit.Count}");
            foreach (var op in position.SiteSymmetry)
                Assert.True((op.Apply(point) - point).NearestImage().Length < 1e-9, $"{number} {position}: {op.ToXyz()} moves the point");
        }
    }

    [Fact]
    public void Representatives_read_like_International_Tables()
    {
        var fd3m = WyckoffTables.For(227).Select(p => p.Label).ToArray();
        Assert.Equal(["8a", "8b", "16c", "16d", "32e", "48f", "96g", "96h", "192i"], fd3m);
        var pm3m = WyckoffTables.For(221);
        Assert.Equal("0,0,0", pm3m[0].Coordinates);
        Assert.Equal("1/2,1/2,1/2", pm3m[1].Coordinates);
        Assert.Equal("x,x,x", pm3m.Single(p => p.Multiplicity == 8).Coordinates);
        Assert.Equal("x,y,z", pm3m[^1].Coordinates);
        var p6mmm = WyckoffTables.For(191);
        Assert.Contains(p6mmm, p => p.Coordinates == "1/3,2/3,0" && p.Multiplicity == 2);
        Assert.Contains(p6mmm, p => p.Coordinates == "x,2x,0" && p.Multiplicity == 6);
        Assert.Equal("α", WyckoffTables.For(47)[^1].Letter);
    }

    [Fact]
    public void Derivation_rejects_an_operation_list_without_identity()
    {
        Assert.ThrowsAny<Exception>(() => WyckoffDerivation.Derive([SymmetryOperation.Parse("-x,-y,-z")]));
    }
}
