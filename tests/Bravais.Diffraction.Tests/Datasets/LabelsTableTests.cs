using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Datasets;
using Bravais.TestSupport;
using Xunit;

namespace Bravais.Diffraction.Tests.Datasets;

public class LabelsTableTests
{
    private static IReadOnlyList<StructureLabel> Read(string text) => LabelsTable.Read(new StringReader(text), "labels.tsv");

    [Fact]
    public void ReadsTheColumnsItNeedsAndDerivesTheRestFromTheSpaceGroup()
    {
        var rows = Read("id\tformula\tspacegroup_number\tbravais_lattice\tcrystal_system\nNaCl\tNaCl\t225\tcF\tcubic\ncalcite\tCaCO3\t167\t\t\n\nquartz\tSiO2\t154\thP\thexagonal\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal(new StructureLabel("NaCl", 225, BravaisLattice.cF, CrystalSystem.Cubic), rows[0]);
        // empty fields: R-3c is rhombohedral and trigonal
        Assert.Equal(new StructureLabel("calcite", 167, BravaisLattice.hR, CrystalSystem.Trigonal), rows[1]);
        // given fields are taken as given (RRUFF files call every trigonal group hexagonal)
        Assert.Equal(CrystalSystem.Hexagonal, rows[2].System);
        Assert.Equal(BravaisLattice.tI, Read("cod_id\tspacegroup_number\n1\t141\n")[0].Lattice);
    }

    [Theory]
    [InlineData("id\tspacegroup_number\nx\t231\n", "labels.tsv, line 2, field spacegroup_number: '231' is not a space-group number 1–230")]
    [InlineData("id\tspacegroup_number\tbravais_lattice\nx\t14\tmX\n", "labels.tsv, line 2, field bravais_lattice: 'mX' is not a Bravais lattice")]
    [InlineData("id\tspacegroup_number\tcrystal_system\nx\t14\tcurvy\n", "labels.tsv, line 2, field crystal_system: 'curvy' is not a crystal system")]
    [InlineData("id\tspacegroup_number\nx\n", "labels.tsv, line 2: row has 1 fields; the header has 2")]
    [InlineData("name\tgroup\n", "labels.tsv, line 1: labels header needs the columns 'id' and 'spacegroup_number'")]
    [InlineData("", "labels.tsv, line 1: labels file is empty")]
    public void ABadRowIsAnErrorNamingItsLineAndField(string text, string message) =>
        Assert.StartsWith(message, Assert.Throws<DiffractionException>(() => Read(text)).Message);

    [SharedDataFact]
    public void TheMaterialsProjectAndRruffLabelsReadWhole()
    {
        var mp = LabelsTable.Read(SharedData.Path("data", "mp", "labels.tsv"));
        Assert.True(mp.Count > 150_000);
        Assert.All(mp.Take(2000), l => Assert.Equal(SpaceGroups.ByNumber(l.SpaceGroup).BravaisLattice, l.Lattice));
        Assert.Equal(436, LabelsTable.Read(SharedData.Path("data", "rruff-dev", "labels.tsv")).Count);
    }
}
