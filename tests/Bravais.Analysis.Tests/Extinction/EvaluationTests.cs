using System.Collections.Immutable;
using Bravais.Analysis.Extinction;
using Bravais.Analysis.Extinction.Evaluation;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Generation;
using Bravais.TestSupport;
using Xunit;

namespace Bravais.Analysis.Tests.Extinction;

/// <summary>The development-set machinery: conventional cells recovered from primitive ones, the split, the perturbation.</summary>
public class EvaluationTests
{
    private static readonly CrystalGenerator Generator = new();

    [Theory]
    [InlineData(15, 'C')]
    [InlineData(64, 'C')]
    [InlineData(139, 'I')]
    [InlineData(166, 'R')]
    [InlineData(225, 'F')]
    [InlineData(229, 'I')]
    [InlineData(14, 'P')]
    [InlineData(62, 'P')]
    public void The_conventional_cell_of_a_crystal_given_in_a_primitive_cell_is_recovered(int number, char centring)
    {
        var group = SpaceGroups.ByNumber(number);
        var crystal = Generator.Generate(group, seed: 9, index: number).Structure;
        var primitive = Primitive(crystal, centring);
        Assert.Equal(crystal.Volume / CentringCount(centring), primitive.Volume, 1e-6 * crystal.Volume);
        var found = ConventionalCell.Find(primitive, number, group.BravaisLattice);
        Assert.True(found.Cell is not null, found.Reason);
        var cell = found.Cell!;
        var expected = crystal.Lattice;
        Assert.Equal(expected.Volume, cell.Volume, 1e-6 * expected.Volume);
        switch (group.BravaisLattice.FamilySystem())
        {
            case CrystalSystem.Monoclinic:
                // a and c may be another of the cells the same lattice allows (c + n·a); b, the volume and an obtuse β are fixed
                Assert.Equal(expected.B, cell.B, 1e-6);
                Assert.True(cell.Beta > 90, $"β = {cell.Beta}");
                break;
            case CrystalSystem.Trigonal or CrystalSystem.Hexagonal:
                Assert.Equal(new[] { expected.A, expected.B, expected.C }.Order(), new[] { cell.A, cell.B, cell.C }.Order(), new Tolerance(1e-6));
                Assert.Equal(120, cell.Gamma, 1e-6);
                Assert.Equal(expected.C, cell.C, 1e-6);
                break;
            default:
                Assert.Equal(new[] { expected.A, expected.B, expected.C }.Order(), new[] { cell.A, cell.B, cell.C }.Order(), new Tolerance(1e-6));
                Assert.Equal(90, cell.Alpha, 1e-6); Assert.Equal(90, cell.Beta, 1e-6); Assert.Equal(90, cell.Gamma, 1e-6);
                break;
        }
    }

    [Fact]
    public void The_parts_follow_the_project_split_and_the_perturbation_keeps_the_lattice()
    {
        // same prototype (anonymous formula + space group) → same part, whatever the id
        var a = new LabelledCrystal("mp-1", "", 62, BravaisLattice.oP, 20, "Ca4 Ti4 O12");
        var b = new LabelledCrystal("mp-2", "", 62, BravaisLattice.oP, 20, "Sr4 Zr4 O12");
        Assert.Equal(Bravais.Diffraction.Datasets.HoldOutSplit.Of(a.Formula, 62), Bravais.Diffraction.Datasets.HoldOutSplit.Of(b.Formula, 62));
        Assert.Equal(DevelopmentSet.HashesEven("mp-1234"), DevelopmentSet.HashesEven("mp-1234"));
        var even = Enumerable.Range(0, 2000).Count(i => DevelopmentSet.HashesEven($"mp-{i}"));
        Assert.InRange(even, 900, 1100);
        var rng = new Random(1);
        var cell = ExtinctionBenchmark.Perturb(Lattice.Tetragonal(4, 7), BravaisLattice.tP, rng, 0.001);
        Assert.Equal(cell.A, cell.B, 1e-12);
        Assert.Equal(90, cell.Gamma, 1e-9);
        Assert.InRange(cell.A, 3.98, 4.02);
    }

    [SharedDataFact]
    public void Materials_Project_crystals_of_every_lattice_get_a_cell_and_a_score()
    {
        var mp = SharedData.Path("data", "mp");
        var labels = DevelopmentSet.ReadLabels(Path.Combine(mp, "labels.tsv"));
        var sample = DevelopmentSet.Sample(labels, EvaluationPart.Development, 1, 1, 40, seed: 5);
        Assert.Equal(14, sample.Count);
        var structures = DevelopmentSet.Load(mp, sample);
        var frequencies = DevelopmentSet.Frequencies(labels);
        var cases = sample.Select(c => ExtinctionBenchmark.RunOne(c, structures[c.Id], new BenchmarkSettings(), frequencies)).ToList();
        Assert.True(cases.Count(c => c.Skipped is null) >= 12, string.Join("; ", cases.Where(c => c.Skipped is not null).Select(c => $"{c.Crystal.Id}: {c.Skipped}")));
        Assert.All(cases.Where(c => c.Skipped is null), c => Assert.True(c.RankPerturbedFrequency >= 0 && c.RankPerturbedFrequency < ExtinctionTable.For(c.Crystal.Lattice).Count));
    }

    private sealed class Tolerance(double relative) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= relative * Math.Max(Math.Abs(x), Math.Abs(y));
        public int GetHashCode(double obj) => 0;
    }

    private static int CentringCount(char centring) => centring switch { 'C' or 'I' => 2, 'R' => 3, 'F' => 4, _ => 1 };

    /// <summary>The structure in a primitive cell: rows of the new basis in terms of the conventional one, sites deduplicated.</summary>
    private static Structure Primitive(Structure s, char centring)
    {
        double[][] p = centring switch
        {
            'C' => [[0.5, -0.5, 0], [0.5, 0.5, 0], [0, 0, 1]],
            'I' => [[-0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0.5, 0.5, -0.5]],
            'F' => [[0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]],
            'R' => [[2.0 / 3, 1.0 / 3, 1.0 / 3], [-1.0 / 3, 1.0 / 3, 1.0 / 3], [-1.0 / 3, -2.0 / 3, 1.0 / 3]],
            _ => [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
        };
        var pm = new Mat3(p[0][0], p[0][1], p[0][2], p[1][0], p[1][1], p[1][2], p[2][0], p[2][1], p[2][2]);
        var lattice = Lattice.FromMatrix(pm * s.Lattice.Matrix);
        var inverse = pm.Inverse();
        var sites = new List<Site>();
        foreach (var site in s.Sites)
        {
            var x = (site.Fractional * inverse).Wrapped();
            if (sites.Any(o => o.HasSameOccupantsAs(site) && lattice.PeriodicDistance(o.Fractional, x) < 1e-4)) continue;
            sites.Add(site with { Fractional = x });
        }
        return new Structure(s.Id + "-primitive", lattice, [.. sites]);
    }
}
