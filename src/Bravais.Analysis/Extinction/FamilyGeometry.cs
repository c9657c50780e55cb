using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// What an extinction family looks like in reciprocal space: its holohedry (the rotations of its most symmetric
/// setting, acting on indices as h·R), the symmetry directions of the extinction symbol in International Tables
/// order, and a generic reciprocal metric, whose equal values of hᵀG*h are the reflections that coincide in every
/// powder pattern of a lattice of this family (one powder "line").
/// </summary>
internal sealed class FamilyGeometry
{
    /// <summary>One position of the extinction symbol: a symmetry direction (direct-space [uvw]); the zone of reflections
    /// h·d = 0 when a mirror normal to it belongs to the holohedry; the reflection row along it when a screw axis can lie there.</summary>
    internal sealed record Position(int[] Direction, bool HasZone, int[]? Row, ScrewKind Screw, char Fixed = '\0');

    internal enum ScrewKind { None, TwoFold, Tetragonal, CubicPrincipal, HexagonalPrincipal }

    public ExtinctionFamily Family { get; }
    /// <summary>Holohedry rotations (row-major), applied to Miller indices as h·R.</summary>
    public int[][] Holohedry { get; }
    public Position[] Positions { get; }
    /// <summary>Generic direct and reciprocal metrics of the family (irrational-looking lengths and angles).</summary>
    public Mat3 DirectMetric { get; }
    public Mat3 ReciprocalMetric { get; }

    public FamilyGeometry(ExtinctionFamily family, IEnumerable<SpaceGroup> members)
    {
        Family = family;
        var richest = members.MaxBy(g => AbsenceRule.DistinctRotations(g).Length) ?? throw new ArgumentException("a family needs members", nameof(members));
        Holohedry = [.. AbsenceRule.DistinctRotations(richest)];
        var lattice = GenericLattice(family);
        DirectMetric = lattice.MetricTensor;
        ReciprocalMetric = lattice.ReciprocalCrystallographic().MetricTensor;
        Positions = PositionsOf(family);
    }

    /// <summary>hᵀG*h = 1/d² for the generic metric.</summary>
    public double Quadratic(int h, int k, int l)
    {
        var g = ReciprocalMetric;
        return h * h * g.M00 + k * k * g.M11 + l * l * g.M22 + 2 * (h * k * g.M01 + h * l * g.M02 + k * l * g.M12);
    }

    public static bool IsProperRotation(int[] r) => Determinant(r) == 1 && !IsIdentity(r);
    public static bool IsReflection(int[] r) => Determinant(r) == -1 && r[0] + r[4] + r[8] == 1;
    public static bool IsIdentity(int[] r) => r[0] == 1 && r[4] == 1 && r[8] == 1 && r[1] == 0 && r[2] == 0 && r[3] == 0 && r[5] == 0 && r[6] == 0 && r[7] == 0;

    /// <summary>Whether h·R = h.</summary>
    public static bool Fixes(int[] r, int h, int k, int l) =>
        h * r[0] + k * r[3] + l * r[6] == h && h * r[1] + k * r[4] + l * r[7] == k && h * r[2] + k * r[5] + l * r[8] == l;

    private static int Determinant(int[] m) =>
        m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);

    private static Lattice GenericLattice(ExtinctionFamily family) => family.Lattice.FamilySystem() switch
    {
        CrystalSystem.Triclinic => Lattice.FromParameters(1, 1.1347, 1.2913, 77.31, 83.17, 71.43),
        CrystalSystem.Monoclinic => family.Axes switch
        {
            'a' => Lattice.FromParameters(1, 1.1347, 1.2913, 103.71, 90, 90),
            'c' => Lattice.FromParameters(1, 1.1347, 1.2913, 90, 90, 103.71),
            _ => Lattice.FromParameters(1, 1.1347, 1.2913, 90, 103.71, 90),
        },
        CrystalSystem.Orthorhombic => Lattice.FromParameters(1, 1.1347, 1.2913, 90, 90, 90),
        CrystalSystem.Tetragonal => Lattice.FromParameters(1, 1, 1.2913, 90, 90, 90),
        CrystalSystem.Trigonal when family.Axes == 'R' => Lattice.FromParameters(1, 1, 1, 77.31, 77.31, 77.31),
        CrystalSystem.Trigonal or CrystalSystem.Hexagonal => Lattice.FromParameters(1, 1, 1.2913, 90, 90, 120),
        _ => Lattice.FromParameters(1, 1, 1, 90, 90, 90),
    };

    private static Position[] PositionsOf(ExtinctionFamily family)
    {
        int[] a = [1, 0, 0], b = [0, 1, 0], c = [0, 0, 1];
        switch (family.Lattice.FamilySystem())
        {
            case CrystalSystem.Triclinic:
                return [];
            case CrystalSystem.Monoclinic:
                var unique = family.Axes switch { 'a' => 0, 'c' => 2, _ => 1 };
                return [.. new[] { a, b, c }.Select((d, i) => i == unique
                    ? new Position(d, true, d, ScrewKind.TwoFold)
                    : new Position(d, false, null, ScrewKind.None, '1'))];
            case CrystalSystem.Orthorhombic:
                return [new(a, true, a, ScrewKind.TwoFold), new(b, true, b, ScrewKind.TwoFold), new(c, true, c, ScrewKind.TwoFold)];
            case CrystalSystem.Tetragonal:
                return [new(c, true, c, ScrewKind.Tetragonal), new(a, true, a, ScrewKind.TwoFold), new([1, -1, 0], true, null, ScrewKind.None)];
            case CrystalSystem.Trigonal when family.Axes == 'R':
                return [new([1, 1, 1], false, null, ScrewKind.None), new([1, -1, 0], true, null, ScrewKind.None)];
            case CrystalSystem.Trigonal when family.Lattice == BravaisLattice.hR:
                return [new(c, false, c, ScrewKind.None), new(a, true, null, ScrewKind.None)];
            case CrystalSystem.Trigonal or CrystalSystem.Hexagonal:
                return [new(c, true, c, ScrewKind.HexagonalPrincipal), new(a, true, null, ScrewKind.None), new([1, -1, 0], true, null, ScrewKind.None)];
            default:
                return [new(c, true, c, ScrewKind.CubicPrincipal), new([1, 1, 1], false, null, ScrewKind.None), new([1, -1, 0], true, null, ScrewKind.None)];
        }
    }
}
