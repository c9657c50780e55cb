using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Chemistry;
using Bravais.Synthesis.Generation;
using Bravais.Synthesis.Verification;
using Xunit;

namespace Bravais.Synthesis.Tests.Generation;

public class CrystalGeneratorTests
{
    private static readonly CrystalGenerator Generator = new();

    /// <summary>A sample covering every crystal system, centring, both trigonal axes choices, and origin-choice groups.</summary>
    public static TheoryData<int> SampleGroups => new() { 1, 2, 4, 9, 14, 15, 19, 43, 62, 63, 70, 88, 122, 139, 141, 146, 148, 160, 166, 173, 186, 194, 198, 205, 216, 221, 225, 227, 230 };

    [Theory]
    [MemberData(nameof(SampleGroups))]
    public void Generated_crystals_pass_the_self_check_and_have_exactly_the_intended_symmetry(int number)
    {
        var group = SpaceGroups.ByNumber(number);
        for (var i = 0; i < 3; i++)
        {
            var crystal = Generator.Generate(group, 42, i);
            var result = crystal.Verify(searchSymmetry: true);
            Assert.True(result.Passed, result.Failure);
            Assert.Equal(crystal.AsymmetricUnit.Sum(s => s.Position.Multiplicity), crystal.Structure.Sites.Length);
            Assert.Equal(group.Order, result.FoundOperationCount);
            Assert.Equal(number, crystal.Structure.Symmetry!.SpaceGroupNumber);
        }
    }

    [Fact]
    public void The_self_check_catches_a_broken_crystal()
    {
        var crystal = Generator.Generate(SpaceGroups.ByNumber(225), 7, 0);
        // drop one atom: the count no longer matches the multiplicities
        var broken = crystal with { Structure = crystal.Structure with { Sites = crystal.Structure.Sites.RemoveAt(0) } };
        Assert.False(broken.Verify().Passed);
        // move one atom: some operation no longer maps the crystal onto itself
        var site = crystal.Structure.Sites[0];
        var moved = crystal with { Structure = crystal.Structure with { Sites = crystal.Structure.Sites.SetItem(0, site with { Fractional = site.Fractional + new Bravais.Crystallography.Geometry.Vec3(0.013, 0.007, 0.002) }) } };
        var result = moved.Verify();
        Assert.False(result.Passed);
        Assert.Contains("maps atom", result.Failure);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(129)]
    [InlineData(191)]
    [InlineData(229)]
    public void Atoms_keep_the_minimum_distance(int number)
    {
        var group = SpaceGroups.ByNumber(number);
        var table = ElementTable.Default;
        for (var i = 0; i < 4; i++)
        {
            var structure = Generator.Generate(group, 3, i).Structure;
            var sites = structure.Sites;
            for (var a = 0; a < sites.Length; a++)
            for (var b = a + 1; b < sites.Length; b++)
            {
                var limit = Generator.Options.MinDistanceFactor * (table[sites[a].Occupants[0].Element].CovalentRadiusAngstrom + table[sites[b].Occupants[0].Element].CovalentRadiusAngstrom);
                var d = structure.Lattice.PeriodicDistance(sites[a].Fractional, sites[b].Fractional);
                Assert.True(d >= limit * 0.999, $"{structure.Id}: {sites[a].Label}–{sites[b].Label} {d:F3} Å < {limit:F3} Å");
            }
        }
    }

    [Fact]
    public void Spreading_the_atoms_lengthens_the_shortest_distances()
    {
        // the same crystals (sites, elements, cell) placed first-fit and best-of-20: the mean shortest distance per atom,
        // in units of the cell's length per atom (V/N)^(1/3), must grow when every draw is tried
        static double MeanNearest(CrystalGenerator generator)
        {
            var total = 0.0;
            var count = 0;
            for (var i = 0; i < 12; i++)
            {
                var s = generator.Generate(SpaceGroups.ByNumber(1), 9, i).Structure; // P1: every site has free coordinates
                var unit = Math.Cbrt(s.Lattice.Volume / s.Sites.Length);
                for (var a = 0; a < s.Sites.Length; a++)
                {
                    var nearest = double.MaxValue;
                    for (var b = 0; b < s.Sites.Length; b++)
                        if (a != b) nearest = Math.Min(nearest, s.Lattice.PeriodicDistance(s.Sites[a].Fractional, s.Sites[b].Fractional));
                    total += nearest / unit;
                    count++;
                }
            }
            return total / count;
        }
        var firstFit = MeanNearest(new CrystalGenerator(GeneratorOptions.Default with { SpreadAtoms = false }));
        var spread = MeanNearest(new CrystalGenerator(GeneratorOptions.Default with { SpreadAtoms = true, PlacementDraws = 20 }));
        Assert.True(spread > firstFit * 1.03, $"spread {spread:F3} vs first fit {firstFit:F3}");
    }

    [Fact]
    public void Pseudo_symmetric_crystals_have_coordinates_near_eighths_and_still_exactly_their_group()
    {
        var generator = new CrystalGenerator(GeneratorOptions.Default with { SnapProbability = 1, SnapJitter = 0.01 });
        var group = SpaceGroups.ByNumber(14);
        var free = 0;
        for (var i = 0; i < 6; i++)
        {
            var crystal = generator.Generate(group, 21, i);
            var result = crystal.Verify(searchSymmetry: true);
            Assert.True(result.Passed, result.Failure);
            Assert.Equal(group.Order, result.FoundOperationCount);
            foreach (var site in crystal.AsymmetricUnit.Where(s => s.Position.Dimension == 3))
            {
                // the general position of P2_1/c is x,y,z itself: every coordinate within 6σ of a multiple of 1/8
                var p = site.Site.Fractional;
                foreach (var c in new[] { p.X, p.Y, p.Z })
                    Assert.True(Math.Abs(c * 8 - Math.Round(c * 8)) / 8 < 0.06, $"{crystal.Structure.Id}: coordinate {c} is not near an eighth");
                free++;
            }
        }
        Assert.True(free > 0);
    }

    [Fact]
    public void Generation_is_deterministic_for_a_seed_and_varies_with_index_and_seed()
    {
        var group = SpaceGroups.ByNumber(62);
        var a = Generator.Generate(group, 11, 5).Structure;
        var b = new CrystalGenerator().Generate(group, 11, 5).Structure;
        Assert.Equal(a.Lattice.Matrix, b.Lattice.Matrix);
        Assert.Equal(a.Sites.Select(s => (s.Label, s.Fractional)), b.Sites.Select(s => (s.Label, s.Fractional)));
        Assert.NotEqual(a.Lattice.Matrix, Generator.Generate(group, 11, 6).Structure.Lattice.Matrix);
        Assert.NotEqual(a.Lattice.Matrix, Generator.Generate(group, 12, 5).Structure.Lattice.Matrix);
    }

    [Fact]
    public void Parallel_generation_gives_the_same_crystals_as_sequential()
    {
        var group = SpaceGroups.ByNumber(139);
        var sequential = Enumerable.Range(0, 16).Select(i => Generator.Generate(group, 9, i).Structure.Formula).ToArray();
        var parallel = new string[16];
        Parallel.For(0, 16, i => parallel[i] = Generator.Generate(group, 9, i).Structure.Formula);
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Cells_follow_the_crystal_system_and_volumes_are_realistic()
    {
        foreach (var (number, check) in new (int, Func<Bravais.Crystallography.Geometry.Lattice, bool>)[]
        {
            (14, l => Math.Abs(l.Alpha - 90) < 1e-9 && Math.Abs(l.Gamma - 90) < 1e-9 && l.Beta > 91),
            (62, l => Math.Abs(l.Alpha - 90) < 1e-9 && Math.Abs(l.Beta - 90) < 1e-9 && Math.Abs(l.A - l.B) > 0.01),
            (139, l => Math.Abs(l.A - l.B) < 1e-9 && Math.Abs(l.Gamma - 90) < 1e-9),
            (166, l => Math.Abs(l.A - l.B) < 1e-9 && Math.Abs(l.Gamma - 120) < 1e-9),
            (225, l => Math.Abs(l.A - l.C) < 1e-9 && Math.Abs(l.Alpha - 90) < 1e-9),
        })
        {
            var structure = Generator.Generate(SpaceGroups.ByNumber(number), 5, 0).Structure;
            Assert.True(check(structure.Lattice), $"{number}: {structure.Lattice}");
            var perAtom = structure.Volume / structure.Sites.Length;
            Assert.InRange(perAtom, 4, 120);
        }
    }

    [Fact]
    public void Partial_occupancy_is_optional()
    {
        var generator = new CrystalGenerator(GeneratorOptions.Default with { PartialOccupancyProbability = 1.0 });
        var structure = generator.Generate(SpaceGroups.ByNumber(225), 1, 0).Structure;
        Assert.All(structure.Sites, s => Assert.InRange(s.Occupants[0].Occupancy, 0.5, 1.0));
        Assert.Contains(structure.Sites, s => s.Occupants[0].Occupancy < 1.0);
        Assert.All(Generator.Generate(SpaceGroups.ByNumber(225), 1, 0).Structure.Sites, s => Assert.Equal(1.0, s.Occupants[0].Occupancy));
    }
}
