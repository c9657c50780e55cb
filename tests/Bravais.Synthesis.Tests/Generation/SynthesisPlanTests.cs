using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Profiles;
using Bravais.Synthesis.Datasets;
using Bravais.Synthesis.Generation;
using Xunit;

namespace Bravais.Synthesis.Tests.Generation;

public class SynthesisPlanTests
{
    [Fact]
    public void Space_group_lists_parse()
    {
        Assert.Equal(230, SynthesisPlan.ParseSpaceGroups("all").Count);
        Assert.Equal(230, SynthesisPlan.ParseSpaceGroups("1-230").Count);
        Assert.Equal([1, 2, 3, 62, 225], SynthesisPlan.ParseSpaceGroups("1-3, 225,62"));
        Assert.Throws<CrystallographyException>(() => SynthesisPlan.ParseSpaceGroups("0-3"));
        Assert.Throws<CrystallographyException>(() => SynthesisPlan.ParseSpaceGroups("231"));
        Assert.Throws<CrystallographyException>(() => SynthesisPlan.ParseSpaceGroups("Fm-3m"));
    }

    [Fact]
    public void Balanced_plan_has_equal_classes_and_uses_every_group()
    {
        var items = SynthesisPlan.BalancedByBravaisLattice(60, 3);
        Assert.Equal(14 * 60, items.Count);
        Assert.All(items.GroupBy(i => i.Group.BravaisLattice), g => Assert.Equal(60, g.Count()));
        // 60 per lattice is more than any lattice's number of groups except aP/mP/oP/tP/hP/cP… every group of small lattices appears
        Assert.Equal(SpaceGroups.Standard.Where(g => g.BravaisLattice == BravaisLattice.cF).Count(), items.Where(i => i.Group.BravaisLattice == BravaisLattice.cF).Select(i => i.Group.Number).Distinct().Count());
        Assert.Equal(items.Count, items.Select(i => (i.Group.Number, i.Index)).Distinct().Count());
    }

    [Fact]
    public void Synthesizer_output_is_the_same_for_any_batch_size_and_patterns_are_nano281()
    {
        var items = SynthesisPlan.BySpaceGroups([14, 166, 225], 4);
        var synthesizer = new CrystalSynthesiser(new CrystalGenerator(), PatternPresets.Nano281);
        var a = synthesizer.Run(items, 5, batchSize: 5).SelectMany(b => b).ToArray();
        var b = synthesizer.Run(items, 5, batchSize: 64, maxDegreeOfParallelism: 1).SelectMany(x => x).ToArray();
        Assert.Equal(items.Count, a.Length);
        Assert.All(a, r => Assert.True(r.IsSuccess, r.Failure));
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i].Crystal!.Structure.Formula, b[i].Crystal!.Structure.Formula);
            Assert.Equal(a[i].Pattern!, b[i].Pattern!);
            Assert.Equal(180, a[i].Pattern!.Length);
            // sticks are scaled to 100: the strongest peak is at least that tall on the grid's Gaussian sum
            Assert.InRange(a[i].Pattern!.Max(), 50f, 1000f);
        }
    }
}
