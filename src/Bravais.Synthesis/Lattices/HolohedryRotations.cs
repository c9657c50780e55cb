using System.Collections.Concurrent;
using Bravais.Crystallography;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Synthesis.Lattices;

/// <summary>
/// The point symmetry (holohedry) of a generic lattice of a group's family in the group's setting:
/// 2 (triclinic), 4, 8, 16, 12 (rhombohedral), 24 (hexagonal) or 48 rotations. Every operation of a crystal
/// built on a generic cell of that family has its rotation in this set, so the symmetry search needs no others.
/// </summary>
public static class HolohedryRotations
{
    private static readonly ConcurrentDictionary<SpaceGroup, int[][]> Cache = new(ReferenceEqualityComparer.Instance);

    public static int[][] For(SpaceGroup group) => Cache.GetOrAdd(group, Compute);

    private static int[][] Compute(SpaceGroup group)
    {
        var lattice = LatticeSampler.Sample(group, 100, new Random(20261124));
        var rotations = LatticeRotations.Of(lattice, 1e-5);
        var expected = LatticeShape.Of(group).Family switch
        {
            LatticeFamily.Triclinic => 2,
            LatticeFamily.Monoclinic => 4,
            LatticeFamily.Orthorhombic => 8,
            LatticeFamily.Tetragonal => 16,
            LatticeFamily.Rhombohedral => 12,
            LatticeFamily.Hexagonal => 24,
            _ => 48,
        };
        if (rotations.Length != expected)
            throw new CrystallographyException($"space group {group.Number}: a generic cell of its family has {rotations.Length} metric symmetries, expected {expected}");
        return rotations;
    }
}
