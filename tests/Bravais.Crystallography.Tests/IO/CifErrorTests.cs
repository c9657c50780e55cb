using System.IO.Compression;
using System.Text;
using Bravais.Crystallography.IO;
using Xunit;

namespace Bravais.Crystallography.Tests.IO;

/// <summary>Malformed input gives a <see cref="CrystallographyException"/> naming file, block and line.</summary>
public class CifErrorTests
{
    private const string Cell = "_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n";

    private static CrystallographyException SyntaxError(string text)
    {
        var results = CifReader.ReadResults(new StringReader(text), "bad.cif").ToList();
        var failed = results.First(r => !r.IsSuccess);
        return failed.Error!;
    }

    private static StructureReadResult Build(string text) =>
        CifStructureBuilder.Read(CifReader.Parse(text, "bad.cif").Single());

    [Fact]
    public void UnterminatedQuote()
    {
        var e = SyntaxError("data_q\n_a 1\n_b 'no end\n");
        Assert.Contains("unterminated single-quoted", e.Message);
        Assert.Equal(("bad.cif", "q", 3), (e.Location.File, e.Location.Block, e.Location.Line));
        Assert.Contains("bad.cif, block q, line 3", e.Message);
    }

    [Fact]
    public void UnterminatedTextField()
    {
        var e = SyntaxError("data_t\n_a 1\n_text\n;\nnever closed\n");
        Assert.Contains("unterminated semicolon text field (opened at line 4)", e.Message);
        Assert.Equal("t", e.Location.Block);
        Assert.Equal(4, e.Location.Line);
    }

    [Fact]
    public void LoopWithWrongValueCount()
    {
        var e = SyntaxError("data_l\nloop_\n_a _b _c\n1 2 3\n4 5\n_next 1\n");
        Assert.Contains("3 tags", e.Message);
        Assert.Contains("5 values", e.Message);
        Assert.Equal(("bad.cif", "l", 2), (e.Location.File, e.Location.Block, e.Location.Line));
    }

    [Fact]
    public void ASyntaxErrorSpoilsOnlyItsOwnBlock()
    {
        var results = CifReader.ReadResults(new StringReader("data_a\n_x 1\ndata_b\n_x 'broken\n_y 2\ndata_c\n_x 3\n"), "f.cif").ToList();
        Assert.Equal(["a", "b", "c"], results.Select(r => r.BlockName));
        Assert.Equal([true, false, true], results.Select(r => r.IsSuccess));
        Assert.Throws<CrystallographyException>(() => CifReader.ReadBlocks(new StringReader("data_a\n_x 'broken\n"), "f.cif").ToList());
    }

    [Fact]
    public void EmptyFile()
    {
        var e = SyntaxError("");
        Assert.Contains("no data_ block", e.Message);
        Assert.Equal("bad.cif", e.Location.File);
        Assert.Equal(1, e.Location.Line);
        Assert.Contains("line 2", SyntaxError("# only a comment\n\n").Message);
        Assert.Contains("no data_ block", SyntaxError("global_\n_a 1\n").Message);
    }

    [Fact]
    public void ValueBeforeAnyBlockAndTagWithoutValue()
    {
        Assert.Contains("before the first data_ block", SyntaxError("_a 1\ndata_x\n").Message);
        var e = SyntaxError("data_x\n_a\n_b 2\n");
        Assert.Contains("tag _a has no value", e.Message);
        Assert.Equal(2, e.Location.Line);
    }

    [Fact]
    public void MissingCell()
    {
        var r = Build("data_nocell\n_cell_length_a 4\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa 0 0 0\n");
        Assert.False(r.IsSuccess);
        Assert.Contains("missing cell parameter _cell_length_b", r.Error!.Message);
        Assert.Equal(("bad.cif", "nocell", 1), (r.Error.Location.File, r.Error.Location.Block, r.Error.Location.Line));
    }

    [Fact]
    public void BadNumber()
    {
        var r = Build("data_num\n" + Cell + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0.1x 0 0\n");
        Assert.False(r.IsSuccess);
        Assert.Contains("'0.1x' is not a number", r.Error!.Message);
        Assert.Equal(("num", 13, "_atom_site_fract_x"), (r.Error.Location.Block, r.Error.Location.Line, r.Error.Location.Field));
        Assert.Contains("bad.cif, block num, line 13", r.Error.Message);
    }

    [Fact]
    public void UnknownElement()
    {
        var r = Build("data_el\n" + Cell + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nQ1 Qq 0 0 0\n");
        Assert.False(r.IsSuccess);
        Assert.Contains("unknown element", r.Error!.Message);
        Assert.Equal(("el", 14), (r.Error.Location.Block, r.Error.Location.Line));
        var byLabel = Build("data_el2\n" + Cell + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nmax 0 0 0\n");
        Assert.Contains("cannot tell the element of atom site 'max'", byLabel.Error!.Message);
    }

    [Fact]
    public void CartesianOnlyCoordinates()
    {
        var r = Build("data_cart\n" + Cell + "loop_\n_atom_site_label\n_atom_site_Cartn_x\n_atom_site_Cartn_y\n_atom_site_Cartn_z\nNa1 0 0 0\n");
        Assert.Contains("only in Cartesian coordinates", r.Error!.Message);
        Assert.Equal(8, r.Error.Location.Line);
    }

    [Fact]
    public void BadSymmetryOperationWithoutSymbol()
    {
        var r = Build("data_op\n" + Cell + "loop_\n_symmetry_equiv_pos_as_xyz\n'x,y,z'\n'x,y,x'\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0 0\n");
        Assert.False(r.IsSuccess);
        Assert.Contains("cannot read symmetry operation 'x,y,x'", r.Error!.Message);
        Assert.Equal(("op", 11, "_symmetry_equiv_pos_as_xyz"), (r.Error.Location.Block, r.Error.Location.Line, r.Error.Location.Field));
    }

    [Fact]
    public void TruncatedGzipBecomesAFileErrorAfterTheBlocksRead()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 3000; i++)
            text.Append($"data_b{i}\n").Append(Cell).Append("loop_\n_atom_site_type_symbol\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa Na0 0.1 0.2 0.3\n");
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(Encoding.UTF8.GetBytes(text.ToString()));
        var bytes = ms.ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"bravais-truncated-{Guid.NewGuid():N}.cif.gz");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        try
        {
            var results = StructureFiles.Read(path).ToList();
            Assert.True(results.Count(r => r.IsSuccess) > 100);
            var last = results[^1];
            Assert.False(last.IsSuccess);
            Assert.Equal(path, last.Error!.Location.File);
            Assert.Contains("truncated", last.Error.Message);
            Assert.All(results.SkipLast(1), r => Assert.True(r.IsSuccess || r.Error!.Location.File == path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MissingFileIsAResultNotACrash()
    {
        var r = Assert.Single(StructureFiles.Read("/nonexistent/folder/x.cif"));
        Assert.False(r.IsSuccess);
        Assert.Contains("no such file", r.Error!.Message);
    }
}
