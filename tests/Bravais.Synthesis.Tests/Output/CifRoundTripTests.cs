using Bravais.Crystallography.IO;
using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Generation;
using Bravais.Synthesis.Output;
using Xunit;

namespace Bravais.Synthesis.Tests.Output;

public class CifRoundTripTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(15)]
    [InlineData(63)]
    [InlineData(142)]
    [InlineData(148)]
    [InlineData(167)]
    [InlineData(186)]
    [InlineData(206)]
    [InlineData(227)]
    public void Symmetrised_CIF_reads_back_to_the_same_structure(int number)
    {
        var generator = new CrystalGenerator(GeneratorOptions.Default with { PartialOccupancyProbability = 0.3 });
        for (var i = 0; i < 2; i++)
        {
            var crystal = generator.Generate(SpaceGroups.ByNumber(number), 77, i);
            var text = SymmetrisedCifWriter.ToCif(crystal);
            Assert.Contains($"_space_group_IT_number {number}", text);
            var read = CifStructureBuilder.Read(CifReader.Parse(text).Single());
            Assert.True(read.IsSuccess, read.Error?.Message);
            var s = read.Structure!;
            Assert.Equal(number, read.SpaceGroupNumber);
            Assert.Equal(crystal.Structure.Id, s.Id);
            var (a, b) = (crystal.Structure.Lattice, s.Lattice);
            Assert.Equal(a.A, b.A, 6); Assert.Equal(a.B, b.B, 6); Assert.Equal(a.C, b.C, 6);
            Assert.Equal(a.Alpha, b.Alpha, 6); Assert.Equal(a.Beta, b.Beta, 6); Assert.Equal(a.Gamma, b.Gamma, 6);
            Assert.Equal(crystal.Structure.Sites.Length, s.Sites.Length);
            foreach (var site in crystal.Structure.Sites)
            {
                var match = s.Sites.Where(r => r.Occupants[0].Element == site.Occupants[0].Element)
                    .MinBy(r => b.PeriodicDistance(r.Fractional, site.Fractional))!;
                Assert.True(b.PeriodicDistance(match.Fractional, site.Fractional) < 1e-4, $"{crystal.Structure.Id}: {site.Label} at {site.Fractional} not read back");
                Assert.Equal(site.Occupants[0].Occupancy, match.Occupants[0].Occupancy, 5);
            }
            Assert.Equal(crystal.Structure.Formula, s.Formula);
        }
    }
}
