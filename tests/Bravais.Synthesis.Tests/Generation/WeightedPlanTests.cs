using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Datasets;
using Xunit;

namespace Bravais.Synthesis.Tests.Generation;

public class WeightedPlanTests
{
    [Fact]
    public void The_embedded_table_has_every_group_and_the_well_known_favourites_lead_their_lattices()
    {
        var f = SpaceGroupFrequencies.MaterialsProject;
        // the most common group of a lattice in MP: P2_1/c (14) among mP, Pnma (62) among oP, Fm-3m (225) among cF, I4/mmm (139) among tI
        foreach (var (lattice, favourite) in new[] { (BravaisLattice.mP, 14), (BravaisLattice.oP, 62), (BravaisLattice.cF, 225), (BravaisLattice.tI, 139) })
        {
            var groups = SpaceGroups.Standard.Where(g => g.BravaisLattice == lattice).ToArray();
            Assert.Equal(favourite, groups.MaxBy(g => f[g.Number])!.Number);
        }
        Assert.True(Enumerable.Range(1, 230).Sum(n => f[n]) > 100_000);
    }

    [Fact]
    public void Bad_frequency_rows_name_the_line()
    {
        var e = Assert.Throws<CrystallographyException>(() => SpaceGroupFrequencies.Parse(new StringReader("# c\n1\taP\t10\n231\taP\t3\n"), "t.tsv"));
        Assert.Contains("t.tsv line 3", e.Message);
        Assert.Throws<CrystallographyException>(() => SpaceGroupFrequencies.Parse(new StringReader("2\taP\t-1\n"), "t.tsv"));
        Assert.Throws<CrystallographyException>(() => SpaceGroupFrequencies.Parse(new StringReader("2 aP x\n"), "t.tsv"));
    }

    [Fact]
    public void Weighted_plan_is_balanced_follows_the_frequencies_keeps_every_group_and_is_deterministic()
    {
        // a made-up table: among cF groups, 225 is 9 times as common as all the others together
        var cf = SpaceGroups.Standard.Where(g => g.BravaisLattice == BravaisLattice.cF).Select(g => g.Number).ToArray();
        var counts = Enumerable.Range(1, 230).ToDictionary(n => n, n => n == 225 ? 900.0 : cf.Contains(n) ? 100.0 / (cf.Length - 1) : 1.0);
        var table = new SpaceGroupFrequencies(counts);
        var items = SynthesisPlan.ByBravaisLatticeWeighted(2000, 4, table, uniformShare: 0.2);
        Assert.Equal(14 * 2000, items.Count);
        Assert.All(items.GroupBy(i => i.Group.BravaisLattice), g => Assert.Equal(2000, g.Count()));
        var cubicF = items.Where(i => i.Group.BravaisLattice == BravaisLattice.cF).ToArray();
        // expected share of 225: 0.8·0.9 + 0.2/11 = 0.738
        Assert.InRange(cubicF.Count(i => i.Group.Number == 225) / 2000.0, 0.70, 0.78);
        Assert.Equal(cf.Length, cubicF.Select(i => i.Group.Number).Distinct().Count());
        Assert.Equal(items.Count, items.Select(i => (i.Group.Number, i.Index)).Distinct().Count());
        Assert.Equal(items, SynthesisPlan.ByBravaisLatticeWeighted(2000, 4, table, 0.2));
        Assert.NotEqual(items, SynthesisPlan.ByBravaisLatticeWeighted(2000, 5, table, 0.2));
        Assert.Throws<CrystallographyException>(() => SynthesisPlan.ByBravaisLatticeWeighted(10, 4, table, 1.5));
    }
}
