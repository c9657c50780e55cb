using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;
using Bravais.Synthesis.Verification;
using Xunit;

namespace Bravais.Synthesis.Tests.Verification;

public class SymmetryFinderTests
{
    private static AtomIndex Index(Lattice lattice, params (string Element, double X, double Y, double Z)[] atoms)
    {
        var sites = atoms.Select(a => Site.Single(a.Element, new Vec3(a.X, a.Y, a.Z))).ToImmutableArrayOf();
        return AtomIndex.Of(new Structure("t", lattice, sites), 0.01);
    }

    [Fact]
    public void Rock_salt_in_its_cubic_cell_has_the_192_operations_of_Fm3m()
    {
        var atoms = new List<(string, double, double, double)>();
        foreach (var (x, y, z) in new[] { (0.0, 0.0, 0.0), (0.0, 0.5, 0.5), (0.5, 0.0, 0.5), (0.5, 0.5, 0.0) })
        {
            atoms.Add(("Na", x, y, z));
            atoms.Add(("Cl", (x + 0.5) % 1, y, z));
        }
        Assert.Equal(192, SymmetryFinder.CountOperations(Index(Lattice.Cubic(5.64), [.. atoms])));
    }

    [Fact]
    public void Two_equal_atoms_in_a_triclinic_cell_are_related_by_inversion()
    {
        var lattice = Lattice.FromParameters(4.1, 5.3, 6.2, 77, 84, 71);
        Assert.Equal(2, SymmetryFinder.CountOperations(Index(lattice, ("O", 0.1, 0.2, 0.3), ("O", 0.43, 0.61, 0.77))));
        Assert.Equal(1, SymmetryFinder.CountOperations(Index(lattice, ("O", 0.1, 0.2, 0.3), ("S", 0.43, 0.61, 0.77))));
    }

    [Fact]
    public void A_hidden_centring_translation_counts_as_extra_symmetry()
    {
        // two equal atoms half a body diagonal apart in a primitive orthorhombic cell: body-centred (Immm, 16 ops)
        var lattice = Lattice.Orthorhombic(3.1, 4.2, 5.3);
        Assert.Equal(16, SymmetryFinder.CountOperations(Index(lattice, ("Fe", 0, 0, 0), ("Fe", 0.5, 0.5, 0.5))));
        Assert.Equal(8, SymmetryFinder.CountOperations(Index(lattice, ("Fe", 0, 0, 0), ("Co", 0.5, 0.5, 0.5))));
    }
}

internal static class ImmutableHelpers
{
    public static System.Collections.Immutable.ImmutableArray<T> ToImmutableArrayOf<T>(this IEnumerable<T> items) => [.. items];
}
