using Bravais.Analysis.Indexing;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;
using Xunit;

namespace Bravais.Analysis.Tests.Indexing;

public sealed class LatticeSymmetryTests
{
    /// <summary>
    /// One lattice of each Bravais type: its conventional cell (a, b, c, α, β, γ) and the primitive basis in that cell
    /// (rows, fractions), from the centring vectors of International Tables A, Table 5.1.3.1 (hR: obverse).
    /// </summary>
    public static TheoryData<string, double[], double[]> Lattices() => new()
    {
        { "aP", [5.1, 6.3, 7.2, 78, 83, 71], [1, 0, 0, 0, 1, 0, 0, 0, 1] },
        { "mP", [5.1, 6.3, 7.2, 90, 104, 90], [1, 0, 0, 0, 1, 0, 0, 0, 1] },
        { "mS", [9.8, 6.3, 7.2, 90, 111, 90], [0.5, 0.5, 0, -0.5, 0.5, 0, 0, 0, 1] },
        { "oP", [4.1, 5.3, 7.7, 90, 90, 90], [1, 0, 0, 0, 1, 0, 0, 0, 1] },
        { "oS", [4.1, 8.3, 5.9, 90, 90, 90], [0.5, 0.5, 0, -0.5, 0.5, 0, 0, 0, 1] },
        { "oI", [4.1, 5.3, 7.7, 90, 90, 90], [-0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0.5, 0.5, -0.5] },
        { "oF", [4.1, 5.3, 7.7, 90, 90, 90], [0, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0] },
        { "tP", [4.4, 4.4, 7.1, 90, 90, 90], [1, 0, 0, 0, 1, 0, 0, 0, 1] },
        { "tI", [4.4, 4.4, 9.1, 90, 90, 90], [-0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0.5, 0.5, -0.5] },
        { "hP", [3.9, 3.9, 6.4, 90, 90, 120], [1, 0, 0, 0, 1, 0, 0, 0, 1] },
        { "hR", [5.0, 5.0, 17.1, 90, 90, 120], [2.0 / 3, 1.0 / 3, 1.0 / 3, -1.0 / 3, 1.0 / 3, 1.0 / 3, -1.0 / 3, -2.0 / 3, 1.0 / 3] },
        { "cP", [4.2, 4.2, 4.2, 90, 90, 90], [1, 0, 0, 0, 1, 0, 0, 0, 1] },
        { "cI", [4.2, 4.2, 4.2, 90, 90, 90], [-0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0.5, 0.5, -0.5] },
        { "cF", [5.64, 5.64, 5.64, 90, 90, 90], [0, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0] },
    };

    /// <summary>The primitive direct metric of a lattice, in a scrambled (unimodular) basis so that nothing depends on starting from a nice cell.</summary>
    public static Metric Primitive(double[] cell, double[] primitive)
    {
        var conventional = Metric.Direct(Lattice.FromParameters(cell[0], cell[1], cell[2], cell[3], cell[4], cell[5]));
        double[] scramble = [1, 1, 0, 0, 1, 0, 1, -1, 1]; // det = 1
        var m = new double[9];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                for (var k = 0; k < 3; k++) m[3 * i + j] += scramble[3 * i + k] * primitive[3 * k + j];
        return conventional.Transform(m);
    }

    [Theory]
    [MemberData(nameof(Lattices))]
    public void The_most_symmetric_setting_is_the_true_lattice_in_its_standard_cell(string label, double[] cell, double[] primitive)
    {
        var (niggli, _) = NiggliReduction.Reduce(Primitive(cell, primitive));
        var best = LatticeSymmetry.Settings(niggli)[0];
        Assert.Equal(BravaisLattices.Parse(label), best.Lattice);
        var found = niggli.Transform(best.Transform).ToLattice()!;
        Assert.Equal(cell[0] * cell[1] * cell[2], found.A * found.B * found.C, 6);
        // the standard setting: same edges (up to the order conventions), angles
        if (label is not ("aP" or "mP" or "mS"))
        {
            Assert.Equal(cell[3], found.Alpha, 6);
            Assert.Equal(cell[4], found.Beta, 6);
            Assert.Equal(cell[5], found.Gamma, 6);
            Assert.Equal(cell[2], found.C, 6);
        }
        if (label != "aP") Assert.True(found.Beta >= 90 - 1e-9);
    }

    [Fact]
    public void Centrings_are_read_from_the_conventional_basis()
    {
        Assert.Equal('P', LatticeSymmetry.Centring([1, 0, 0, 0, 1, 0, 0, 0, 1]));
        Assert.Equal('C', LatticeSymmetry.Centring([1, -1, 0, 1, 1, 0, 0, 0, 1]));
        Assert.Equal('I', LatticeSymmetry.Centring([0, 1, 1, 1, 0, 1, 1, 1, 0]));
        Assert.Equal('F', LatticeSymmetry.Centring([-1, 1, 1, 1, -1, 1, 1, 1, -1]));
    }

    [Fact]
    public void Niggli_reduction_finds_the_reduced_cell_of_a_scrambled_basis()
    {
        // fcc: the Niggli cell is rhombohedral with a = a_c/√2 and all angles 60°
        var (reduced, transform) = NiggliReduction.Reduce(Primitive([5.64, 5.64, 5.64, 90, 90, 90], [0, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0]));
        var cell = reduced.ToLattice()!;
        Assert.Equal(5.64 / Math.Sqrt(2), cell.A, 9);
        Assert.Equal(5.64 / Math.Sqrt(2), cell.C, 9);
        Assert.Equal(60, cell.Alpha, 6);
        Assert.Equal(60, cell.Gamma, 6);
        Assert.Equal(1, LatticeSymmetry.Determinant(transform));
    }
}
