using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Generation;
using Bravais.Synthesis.Lattices;
using Bravais.Synthesis.Verification;
using Xunit;

namespace Bravais.Synthesis.Tests.Verification;

/// <summary>The cheap paths used while generating agree with the plain, exhaustive ones.</summary>
public class FastSearchTests
{
    private static AtomIndex Index(Lattice lattice, double tolerance, params (string Element, double X, double Y, double Z)[] atoms)
    {
        var sites = atoms.Select(a => Site.Single(a.Element, new Vec3(a.X, a.Y, a.Z))).ToImmutableArrayOf();
        return AtomIndex.Of(new Structure("t", lattice, sites), tolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(14)]
    [InlineData(62)]
    [InlineData(139)]
    [InlineData(166)]
    [InlineData(194)]
    [InlineData(225)]
    public void The_early_exit_search_agrees_with_counting_every_operation(int number)
    {
        var group = SpaceGroups.ByNumber(number);
        var generator = new CrystalGenerator(GeneratorOptions.Default with { RequireExactSymmetry = false });
        var rotations = HolohedryRotations.For(group);
        var exact = 0;
        for (var i = 0; i < 12; i++)
        {
            var crystal = generator.Generate(group, 3, i);
            var index = AtomIndex.Of(crystal.Structure, 0.1);
            var count = SymmetryFinder.CountOperations(index, rotations);
            Assert.Equal(count > group.Order, SymmetryFinder.HasOperationBeyond(index, rotations, group));
            if (count == group.Order) exact++;
        }
        Assert.True(exact > 0);
    }

    [Fact]
    public void An_inversion_centre_beyond_P1_is_found_and_none_is_reported_for_two_species()
    {
        var lattice = Lattice.FromParameters(4.1, 5.3, 6.2, 77, 84, 71);
        var p1 = SpaceGroups.ByNumber(1);
        var rotations = LatticeRotations.Of(lattice, 0.01);
        Assert.True(SymmetryFinder.HasOperationBeyond(Index(lattice, 0.01, ("O", 0.1, 0.2, 0.3), ("O", 0.43, 0.61, 0.77)), rotations, p1));
        Assert.False(SymmetryFinder.HasOperationBeyond(Index(lattice, 0.01, ("O", 0.1, 0.2, 0.3), ("S", 0.43, 0.61, 0.77)), rotations, p1));
    }

    [Fact]
    public void Rock_salt_has_nothing_beyond_Fm3m_but_a_half_filled_cell_has_more_than_F432()
    {
        var atoms = new List<(string, double, double, double)>();
        foreach (var (x, y, z) in new[] { (0.0, 0.0, 0.0), (0.0, 0.5, 0.5), (0.5, 0.0, 0.5), (0.5, 0.5, 0.0) })
        {
            atoms.Add(("Na", x, y, z));
            atoms.Add(("Cl", (x + 0.5) % 1, y, z));
        }
        var lattice = Lattice.Cubic(5.64);
        var index = Index(lattice, 0.01, [.. atoms]);
        var rotations = LatticeRotations.Of(lattice, 0.01);
        Assert.False(SymmetryFinder.HasOperationBeyond(index, rotations, SpaceGroups.ByNumber(225)));
        Assert.True(SymmetryFinder.HasOperationBeyond(index, rotations, SpaceGroups.ByNumber(209)));
    }

    [Fact]
    public void The_atom_index_finds_atoms_across_the_cell_boundary_with_few_buckets_and_respects_species_and_tolerance()
    {
        var lattice = Lattice.FromParameters(3.0, 4.0, 25.0, 90, 100, 90);
        var index = Index(lattice, 0.05, ("Fe", 0.001, 0.5, 0.999), ("O", 0.5, 0.5, 0.5), ("Fe", 0.25, 0.75, 0.1));
        Assert.Equal(0, index.Find(new Vec3(0.999, 0.5, 0.0005), 0));   // across two faces at once
        Assert.Equal(-1, index.Find(new Vec3(0.5, 0.5, 0.5), 0));        // right place, wrong species
        Assert.Equal(1, index.Find(new Vec3(0.5, 0.5, 0.5), 1));
        Assert.Equal(-1, index.Find(new Vec3(0.25, 0.75, 0.105), 0));    // 0.125 Å away along c: outside 0.05 Å
        Assert.Equal(2, index.WithTolerance(0.2).Find(new Vec3(0.25, 0.75, 0.105), 0));
    }

    [Fact]
    public void Sites_with_different_occupancies_are_different_species()
    {
        var lattice = Lattice.Cubic(4);
        var sites = new[] { Site.Single("Fe", new Vec3(0, 0, 0), "Fe1", 1.0), Site.Single("Fe", new Vec3(0.5, 0.5, 0.5), "Fe2", 0.5), Site.Single("Fe", new Vec3(0.5, 0, 0), "Fe3", 0.5) };
        var index = AtomIndex.Of(new Structure("t", lattice, [.. sites]), 0.01);
        Assert.NotEqual(index.Species[0], index.Species[1]);
        Assert.Equal(index.Species[1], index.Species[2]);
    }

    [Fact]
    public void Periodic_distances_equal_the_brute_force_minimum_over_neighbouring_cells()
    {
        var random = new Random(5);
        foreach (var lattice in new[] { Lattice.FromParameters(3.1, 4.7, 9.2, 90, 118, 90), Lattice.FromParameters(5.0, 6.1, 7.3, 75, 82, 68), Lattice.FromParameters(4, 4, 11, 90, 90, 120) })
        {
            var cell = new PeriodicCell(lattice.Matrix);
            for (var n = 0; n < 200; n++)
            {
                var p = new Vec3(random.NextDouble(), random.NextDouble(), random.NextDouble());
                var q = new Vec3(random.NextDouble(), random.NextDouble(), random.NextDouble());
                var brute = double.MaxValue;
                for (var i = -2; i <= 2; i++)
                for (var j = -2; j <= 2; j++)
                for (var k = -2; k <= 2; k++)
                    brute = Math.Min(brute, lattice.ToCartesian(q - p + new Vec3(i, j, k)).Length);
                Assert.Equal(brute, cell.Distance(p, q), 9);
            }
        }
    }
}
