using System.Globalization;
using System.Text;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Datasets;
using Xunit;

namespace Bravais.Diffraction.Tests.Datasets;

public class Nano281CsvTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(53.245371, "53.2454")]
    [InlineData(257.42, "257.42")]
    [InlineData(100.0, "100")]
    [InlineData(4.5377241e-05, "4.53772e-05")]
    [InlineData(0.000140866, "0.000140866")]
    [InlineData(1.136381e-304, "1.13638e-304")]
    [InlineData(123456.7, "123457")]
    [InlineData(1234567.0, "1.23457e+06")]
    public void Values_are_written_like_printf_g(double value, string expected)
    {
        Assert.Equal(expected, Nano281Csv.FormatValue(value));
        // and read back within the 6 significant digits
        var back = double.Parse(expected, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(back - value) <= 5e-6 * Math.Abs(value));
    }

    [Fact]
    public void Header_and_row_have_the_nano281_layout()
    {
        var header = Nano281Csv.Header(3);
        Assert.Equal("id,formula,spacegroup_number,Bravais_lattice,y0,y1,y2", header);
        var row = Nano281Csv.Row("mp-1", "NaCl", 225, BravaisLattice.cF, [0, 1.5, 100]);
        Assert.Equal("mp-1,NaCl,225,cF,0,1.5,100", row);
        Assert.Equal(180, Nano281Csv.Header(180).Split(',').Length - 4);
    }

    [Fact]
    public void Fields_with_commas_or_quotes_are_quoted_and_ids_read_back()
    {
        var row = Nano281Csv.Row("odd,\"id\"", "X", 1, BravaisLattice.aP, [1]);
        Assert.StartsWith("\"odd,\"\"id\"\"\",X,1,aP,1", row);
        Assert.Equal("odd,\"id\"", Nano281Csv.IdOf(row));
        Assert.Equal("mp-7", Nano281Csv.IdOf("mp-7,Fe,229,cI,0"));
    }

    [Fact]
    public void Reduced_formula_is_spelt_as_pymatgen_spells_it()
    {
        // expected strings from pymatgen 2022.11.7 Composition(...).reduced_formula
        Assert.Equal("NaCl", ReducedFormula.Of(StructureFixtures.NaCl()));
        Assert.Equal("Si", ReducedFormula.Of(StructureFixtures.Silicon()));
        Assert.Equal("Al0.8Fe0.5Ni0.5", ReducedFormula.Of(StructureFixtures.Disordered()));
        Assert.Equal("MgZn(CoO2)4", ReducedFormula.Of(new Dictionary<string, double> { ["Mg"] = 2, ["Zn"] = 2, ["Co"] = 8, ["O"] = 16 }));
        Assert.Equal("Li6MnV3(PO4)6", ReducedFormula.Of(new Dictionary<string, double> { ["Li"] = 6, ["Mn"] = 1, ["V"] = 3, ["P"] = 6, ["O"] = 24 }));
        Assert.Equal("Na4Co2C4SO16", ReducedFormula.Of(new Dictionary<string, double> { ["Na"] = 4, ["Co"] = 2, ["C"] = 4, ["S"] = 1, ["O"] = 16 }));
        Assert.Equal("Cs", ReducedFormula.Of(new Dictionary<string, double> { ["Cs"] = 8 }));
        Assert.Equal("N2", ReducedFormula.Of(new Dictionary<string, double> { ["N"] = 8 }));
        Assert.Equal("Li2O2", ReducedFormula.Of(new Dictionary<string, double> { ["Li"] = 4, ["O"] = 4 }));
    }
}
