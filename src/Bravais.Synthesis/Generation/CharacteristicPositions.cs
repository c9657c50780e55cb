using System.Collections.Concurrent;
using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Lattices;
using Bravais.Synthesis.Verification;
using Bravais.Synthesis.Wyckoff;

namespace Bravais.Synthesis.Generation;

/// <summary>
/// Which Wyckoff positions are "characteristic": one orbit of the position with generic coordinates on
/// a generic cell already has exactly the group's symmetry. A crystal in which such an orbit is the only
/// site of its element cannot have more symmetry than the group (every symmetry of the crystal maps that
/// orbit onto itself), so the generator reaches for one after an accidental supergroup. Computed once per
/// group with the symmetry finder; cached.
/// </summary>
public static class CharacteristicPositions
{
    private static readonly ConcurrentDictionary<SpaceGroup, ImmutableArray<bool>> Cache = new(ReferenceEqualityComparer.Instance);

    public static ImmutableArray<bool> For(SpaceGroup group) => Cache.GetOrAdd(group, Compute);

    private static ImmutableArray<bool> Compute(SpaceGroup group)
    {
        var positions = WyckoffTables.For(group);
        var rotations = HolohedryRotations.For(group);
        var random = new Random(group.Number * 7919 + 17);
        var lattice = LatticeSampler.Sample(group, 1000, random);
        var result = ImmutableArray.CreateBuilder<bool>(positions.Length);
        Span<double> parameters = stackalloc double[3];
        foreach (var position in positions)
        {
            for (var j = 0; j < position.Dimension; j++) parameters[j] = 0.1 + 0.3 * random.NextDouble();
            var point = position.Point(parameters[..position.Dimension]);
            result.Add(IsExact(group, lattice, rotations, [point]));
        }
        return result.MoveToImmutable();
    }

    private static bool IsExact(SpaceGroup group, Lattice lattice, int[][] rotations, Vec3[] points)
    {
        var orbit = new List<Vec3>();
        foreach (var p in points)
            foreach (var op in group.Operations)
            {
                var image = op.Apply(p).Wrapped();
                if (!orbit.Any(q => (q - image).NearestImage().Length < 1e-9)) orbit.Add(image);
            }
        var index = new AtomIndex(lattice, orbit, new int[orbit.Count], 0.01);
        // the orbit has the group's operations by construction; it is characteristic when it has no others
        return !SymmetryFinder.HasOperationBeyond(index, rotations, group);
    }
}
