using Bravais.Diffraction.Patterns;
using Bravais.Learning.Data;
using Xunit;

namespace Bravais.Learning.Tests.Data;

public class PatternCsvTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"bravais-csv-{Guid.NewGuid():N}-{name}");

    [Theory]
    [InlineData("data.csv")]
    [InlineData("data.csv.gz")]
    public void WriteThenReadGivesTheSameDataset(string name)
    {
        var data = SyntheticPatterns.Make(5, 4, seed: 1);
        var path = Temp(name);
        try
        {
            PatternCsv.Write(path, data);
            var back = PatternCsv.Read(path);
            Assert.Equal(data.Ids, back.Ids);
            Assert.Equal(data.Formulas, back.Formulas);
            Assert.Equal(data.SpaceGroupNumbers, back.SpaceGroupNumbers);
            Assert.Equal(data.BravaisLattices, back.BravaisLattices);
            Assert.Equal(data.Intensities.Values, back.Intensities.Values); // "R" format round-trips floats exactly
            Assert.Equal(AngleGrid.Nano281, back.Grid);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ReadsCodIdHeaderTinyValuesAndAnyColumnCount()
    {
        var csv = "cod_id,formula,spacegroup_number,Bravais_lattice,y0,y1,y2\n1000,NaCl,225,cF,0,1.13638e-304,57.5\n\"a,b\",\"Fe\"\"x\",194,hP,1e2,2.5,0\n";
        var data = PatternCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "mem.csv");
        Assert.Equal("cod_id", data.IdColumn);
        Assert.Equal(["1000", "a,b"], data.Ids);
        Assert.Equal("Fe\"x", data.Formulas[1]);
        Assert.Equal(3, data.Grid.Count);
        Assert.Equal(0.5, data.Grid.StartDegrees);
        Assert.Equal([0f, 0f, 57.5f, 100f, 2.5f, 0f], data.Intensities.Values);
    }

    [Theory]
    [InlineData("x1,Fe,225,cF,1,abc,3", 6, "y1", "abc")]
    [InlineData("x1,Fe,231,cF,1,2,3", 3, "spacegroup_number", "231")]
    [InlineData("x1,Fe,12,mQ,1,2,3", 4, "Bravais_lattice", "mQ")]
    [InlineData("x1,Fe,225,cF,1,2,NaN", 7, "y2", "NaN")]
    public void MalformedRowIsReportedWithRowColumnAndValue(string badRow, int column, string field, string value)
    {
        var csv = $"id,formula,spacegroup_number,Bravais_lattice,y0,y1,y2\nok,Fe,229,cI,0,1,2\n{badRow}\n";
        var e = Assert.Throws<Bravais.Diffraction.DiffractionException>(() => PatternCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "bad.csv"));
        Assert.Equal(3, e.Location.Line);
        Assert.Equal(column, e.Location.Column);
        Assert.Equal(field, e.Location.Field);
        Assert.Contains("row 2", e.Message);
        Assert.Contains($"'{value}'", e.Message);
        Assert.Contains("bad.csv", e.Message);
    }

    [Fact]
    public void ShortRowAndWrongHeaderAreRefused()
    {
        var shortRow = "id,formula,spacegroup_number,Bravais_lattice,y0,y1\nx,Fe,229,cI,1\n";
        var e = Assert.Throws<Bravais.Diffraction.DiffractionException>(() => PatternCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(shortRow)), "s.csv"));
        Assert.Contains("5 fields", e.Message);
        Assert.Equal(2, e.Location.Line);
        var header = "name,formula,spacegroup_number,Bravais_lattice,y0\nx,Fe,229,cI,1\n";
        Assert.Contains("'id' or 'cod_id'", Assert.Throws<Bravais.Diffraction.DiffractionException>(() => PatternCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(header)), "h.csv")).Message);
    }

    [Fact]
    public void UnlabelledFilesReadForPredictionButNotForTraining()
    {
        var csv = "id,formula,y0,y1\nq1,NaCl,0,5\nq2,KCl,3,0\n";
        var data = PatternCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "u.csv");
        Assert.False(data.HasBravaisLattices);
        Assert.False(data.HasSpaceGroups);
        Assert.Equal(2, data.Grid.Count);
        Assert.Contains("no Bravais_lattice column", Assert.Throws<LearningException>(() => PredictionTarget.Bravais.Labels(data)).Message);
        var buffer = new MemoryStream();
        PatternCsv.Write(buffer, data);
        Assert.StartsWith("id,formula,y0,y1\nq1,NaCl,0,5\n", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        var bad = "id,formula,colour,y0\nq1,NaCl,red,0\n";
        Assert.Contains("column 3 is 'colour'", Assert.Throws<Bravais.Diffraction.DiffractionException>(() => PatternCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(bad)), "b.csv")).Message);
    }

    [Fact]
    public void StatedGridMustMatchTheColumnCount()
    {
        var csv = "id,formula,spacegroup_number,Bravais_lattice,y0,y1\nx,Fe,229,cI,1,2\n";
        var e = Assert.Throws<LearningException>(() => PatternCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "g.csv", AngleGrid.Nano281));
        Assert.Contains("2 intensity columns", e.Message);
    }

    [Fact]
    public void TargetsDeriveCrystalSystemAndSpaceGroupIndices()
    {
        var data = SyntheticPatterns.Make(14, 1, seed: 2);
        Assert.Equal(Enumerable.Range(0, 14), PredictionTarget.Bravais.Labels(data));
        // 2 → triclinic(0), 14,15 → monoclinic(1), 62..71 → orthorhombic(2), 123,139 → tetragonal(3), 194 → hexagonal(5), 166 → trigonal(4), 221.. → cubic(6)
        Assert.Equal([0, 1, 1, 2, 2, 2, 2, 3, 3, 5, 4, 6, 6, 6], PredictionTarget.CrystalSystem.Labels(data));
        Assert.Equal(SyntheticPatterns.SpaceGroupOf.Select(g => g - 1), PredictionTarget.SpaceGroup.Labels(data));
        Assert.Equal(230, PredictionTarget.SpaceGroup.ClassNames().Count);
        Assert.Equal("triclinic", PredictionTarget.CrystalSystem.ClassNames()[0]);
    }
}
