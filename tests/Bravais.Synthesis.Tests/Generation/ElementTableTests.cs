using Bravais.Synthesis.Chemistry;
using Xunit;

namespace Bravais.Synthesis.Tests.Generation;

public class ElementTableTests
{
    [Fact]
    public void Embedded_table_has_common_elements_with_plausible_values()
    {
        var table = ElementTable.Default;
        Assert.True(table.Elements.Length >= 85);
        // Cordero et al. (2008) covalent radii
        Assert.Equal(0.66, table["O"].CovalentRadiusAngstrom, 2);
        Assert.Equal(1.66, table["Na"].CovalentRadiusAngstrom, 2);
        // oxygen is the most common element of inorganic compounds, in about half of them
        Assert.Equal("O", table.Elements.MaxBy(e => e.Share)!.Symbol);
        Assert.InRange(table["O"].Share, 0.3, 0.7);
        // atomic volumes: Cs is much larger than O
        Assert.True(table["Cs"].VolumeAngstrom3 > 3 * table["O"].VolumeAngstrom3);
        Assert.InRange(table.ElementsPerCompound.Sum(), 0.99, 1.01);
    }

    [Fact]
    public void Composition_sampler_draws_distinct_elements_and_prefers_common_ones()
    {
        var sampler = new CompositionSampler(ElementTable.Default);
        var random = new Random(1);
        var oxygen = 0;
        for (var i = 0; i < 2000; i++)
        {
            var elements = sampler.SampleElements(random, 3);
            Assert.Equal(3, elements.Select(e => e.Symbol).Distinct().Count());
            if (elements.Any(e => e.Symbol == "O")) oxygen++;
        }
        Assert.InRange(oxygen / 2000.0, 0.35, 0.95);
    }
}

public class AtomCountPriorTests
{
    [Fact]
    public void Sampled_sizes_follow_the_Materials_Project_medians()
    {
        var random = new Random(2);
        double Median(Bravais.Crystallography.Symmetry.BravaisLattice l)
        {
            var v = Enumerable.Range(0, 4001).Select(_ => Bravais.Synthesis.Generation.AtomCountPrior.SamplePrimitiveAtoms(l, random)).Order().ToArray();
            return v[v.Length / 2];
        }
        Assert.InRange(Median(Bravais.Crystallography.Symmetry.BravaisLattice.aP), 29, 35);
        Assert.InRange(Median(Bravais.Crystallography.Symmetry.BravaisLattice.cF), 8, 10);
    }
}
