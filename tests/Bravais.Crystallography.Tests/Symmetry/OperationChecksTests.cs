using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;
using Xunit;

namespace Bravais.Crystallography.Tests.Symmetry;

/// <summary>
/// The consistency checks against the 530 tabulated settings (spglib's Hall symbols) and the lattice metrics of
/// International Tables Vol. A Table 2.1.2.1: every setting is a group, holds the metric of its crystal system
/// exactly, and refuses a cell that breaks one of the system's constraints.
/// </summary>
public class OperationChecksTests
{
    public static TheoryData<int> HallNumbers()
    {
        var d = new TheoryData<int>();
        for (var h = 1; h <= 530; h++) d.Add(h);
        return d;
    }

    /// <summary>A cell with exactly the metric its setting requires, and one that breaks one requirement (null for triclinic).</summary>
    private static (Lattice Holds, Lattice? Breaks) Cells(SpaceGroup g)
    {
        switch (g.CrystalSystem)
        {
            case CrystalSystem.Triclinic:
                return (Lattice.FromParameters(5, 6, 7, 80, 85, 100), null);
            case CrystalSystem.Monoclinic:
            {
                // the unique axis is the setting's letter (b, -b1, c2, …): its angle is free, the other two are 90°
                var axis = g.Setting.TrimStart('-')[0];
                double[] holds = [90, 90, 90];
                holds["abc".IndexOf(axis)] = 100;
                double[] breaks = [.. holds];
                breaks[("abc".IndexOf(axis) + 1) % 3] = 93;
                return (Lattice.FromParameters(5, 6, 7, holds[0], holds[1], holds[2]), Lattice.FromParameters(5, 6, 7, breaks[0], breaks[1], breaks[2]));
            }
            case CrystalSystem.Orthorhombic:
                return (Lattice.Orthorhombic(5, 6, 7), Lattice.FromParameters(5, 6, 7, 90, 90, 93));
            case CrystalSystem.Tetragonal:
                return (Lattice.Tetragonal(5, 7), Lattice.Orthorhombic(5, 5.2, 7));
            case CrystalSystem.Trigonal when g.Setting == "R":
                return (Lattice.FromParameters(5, 5, 5, 70, 70, 70), Lattice.FromParameters(5, 5, 5, 70, 70, 74));
            case CrystalSystem.Trigonal or CrystalSystem.Hexagonal:
                return (Lattice.Hexagonal(5, 7), Lattice.FromParameters(5, 5, 7, 90, 90, 117));
            default:
                return (Lattice.Cubic(5), Lattice.Tetragonal(5, 5.2));
        }
    }

    [Theory]
    [MemberData(nameof(HallNumbers))]
    public void Every_tabulated_setting_is_a_group_that_holds_its_metric_and_refuses_a_broken_one(int hallNumber)
    {
        var g = SpaceGroups.ByHallNumber(hallNumber);
        Assert.Null(OperationChecks.GroupProblem(g.Operations));
        var (holds, breaks) = Cells(g);
        Assert.True(OperationChecks.MetricDeviation(holds, g.Operations).Deviation < 1e-12);
        Assert.Null(OperationChecks.MetricProblem(holds, g.Operations));
        if (breaks is not null) Assert.NotNull(OperationChecks.MetricProblem(breaks, g.Operations));
    }

    [Fact]
    public void Every_setting_of_a_type_has_its_types_point_group_fingerprint()
    {
        foreach (var type in SpaceGroups.AllSettings.GroupBy(g => g.Number))
            Assert.Single(type.Select(g => OperationChecks.PointGroupFingerprint(g.Operations)).Distinct());
        Assert.Equal("1 + -1 + 3×2 + 3×m", OperationChecks.PointGroupFingerprint(SpaceGroups.ByNumber(47).Operations)); // mmm
        Assert.Equal("1 + 3×2 + 2×3", OperationChecks.PointGroupFingerprint(SpaceGroups.ByNumber(155).Operations));    // 32
    }

    [Fact]
    public void Missing_identity_and_missing_products_are_named()
    {
        Assert.Equal("the symmetry operations do not include the identity x,y,z, so they are not a space group",
            OperationChecks.GroupProblem([SymmetryOperation.Parse("-x,-y,-z")]));
        // a 2-fold screw with a third of a translation: its square is a translation by 2/3 that is not listed
        Assert.Equal("the symmetry operations are not a group: the product of -x,-y,z+1/3 and -x,-y,z+1/3 is x,y,z+2/3, which is not listed",
            OperationChecks.GroupProblem([SymmetryOperation.Identity, SymmetryOperation.Parse("-x,-y,z+1/3")]));
        // lattice translations do not count: x+1,y,z is the identity
        Assert.Null(OperationChecks.GroupProblem([SymmetryOperation.Parse("x+1,y,z"), SymmetryOperation.Parse("-x,-y,-z")]));
    }

    [Fact]
    public void The_metric_deviation_is_relative_to_the_cell()
    {
        // a 4-fold along c swaps a and b: on an a = 5, b = 5.1 cell (RᵀGR)₀₀ = b² = 26.01 where G₀₀ = a² = 25, a change of
        // 1.01 relative to √(G₀₀G₀₀) = 25 (the (1,1) entry changes as much, relative to 26.01)
        var fourFold = SymmetryOperation.Parse("-y,x,z");
        var (deviation, worst) = OperationChecks.MetricDeviation(Lattice.Orthorhombic(5, 5.1, 7), [SymmetryOperation.Identity, fourFold]);
        Assert.Equal((26.01 - 25) / 25, deviation, 12);
        Assert.Equal(fourFold, worst);
        // the same proportions ten times larger deviate equally
        Assert.Equal(deviation, OperationChecks.MetricDeviation(Lattice.Orthorhombic(50, 51, 70), [fourFold]).Deviation, 12);
    }
}
