using Bravais.Crystallography.IO;
using Xunit;

namespace Bravais.Crystallography.Tests.IO;

public class CifSyntaxTests
{
    [Fact]
    public void ReadsSeveralBlocksWithItemsAndLoops()
    {
        var blocks = CifReader.Parse("""
            # a comment line
            data_first
            _cell_length_a 5.0   # trailing comment
            loop_
            _x _y
            1 2
            3 4
            data_second
            _cell_length_a 6.0
            """, "t.cif");
        Assert.Equal(["first", "second"], blocks.Select(b => b.Name));
        Assert.True(blocks[0].TryGetValue("_cell_length_a", out var a));
        Assert.Equal("5.0", a.Text);
        Assert.Equal(3, a.Line);
        var loop = blocks[0].FindLoop("_y")!;
        Assert.Equal(2, loop.RowCount);
        Assert.Equal("3", loop[1, 0].Text);
        Assert.Equal("4", loop[1, loop.ColumnIndex("_Y")].Text);
    }

    [Fact]
    public void QuotesCloseOnlyBeforeWhitespace()
    {
        var b = CifReader.Parse("""
            data_q
            _a 'O'Neil's text'
            _b "a"b c"
            _c 'x, y, z'
            _d ''
            _e it's
            """)[0];
        Assert.Equal("O'Neil's text", Value(b, "_a"));
        Assert.Equal("a\"b c", Value(b, "_b"));
        Assert.Equal("x, y, z", Value(b, "_c"));
        Assert.Equal("", Value(b, "_d"));
        Assert.Equal("it's", Value(b, "_e"));
        Assert.Equal(CifValueKind.SingleQuoted, b.Items["_a"].Kind);
        Assert.Equal(CifValueKind.DoubleQuoted, b.Items["_b"].Kind);
    }

    [Fact]
    public void ReadsSemicolonTextFields()
    {
        var b = CifReader.Parse("data_t\n_text\n;\nfirst line\n  second; line 'with quotes'\n;\n_after 1\nloop_\n_l\n;\nin a loop\n;\nplain\n")[0];
        Assert.Equal("first line\n  second; line 'with quotes'", Value(b, "_text"));
        Assert.Equal(CifValueKind.TextField, b.Items["_text"].Kind);
        Assert.Equal("1", Value(b, "_after"));
        var loop = b.FindLoop("_l")!;
        Assert.Equal(["in a loop", "plain"], loop.Column(0).Select(v => v.Text));
    }

    [Fact]
    public void UnknownAndInapplicableAreOnlyBareMarks()
    {
        var b = CifReader.Parse("data_n\n_u ?\n_i .\n_q '?'\n_n 1.5\n")[0];
        Assert.True(b.Items["_u"].IsUnknown);
        Assert.True(b.Items["_i"].IsInapplicable);
        Assert.False(b.Items["_q"].IsNull);
        Assert.False(b.Items["_n"].IsNull);
    }

    [Theory]
    [InlineData("1.2345(6)", 1.2345)]
    [InlineData("-0.25", -0.25)]
    [InlineData(".5", 0.5)]
    [InlineData("12(2)", 12)]
    [InlineData("1.5E-3", 0.0015)]
    [InlineData("3.0e2(1)", 300)]
    public void ParsesNumbersWithUncertainties(string text, double expected)
    {
        Assert.True(CifNumber.TryParse(text, out var v));
        Assert.Equal(expected, v, 12);
    }

    [Theory]
    [InlineData("1.2(3")]
    [InlineData("0.l09")]
    [InlineData("NaN")]
    [InlineData("1/4")]
    [InlineData("")]
    public void RejectsWhatIsNoCifNumber(string text) => Assert.False(CifNumber.TryParse(text, out _));

    [Fact]
    public void TagsAreCaseInsensitiveAndDotsEqualUnderscores()
    {
        var b = CifReader.Parse("DATA_Case\n_Cell_Length_A 4.2\n_cell.length_b 4.3\nLOOP_\n_ATOM_SITE_LABEL\nX1\n")[0];
        Assert.Equal("Case", b.Name);
        Assert.Equal("4.2", Value(b, "_cell_length_a"));
        Assert.Equal("4.3", Value(b, "_CELL_LENGTH_B"));
        Assert.NotNull(b.FindLoop("_atom_site_label"));
    }

    [Fact]
    public void SkipsSaveFramesAndToleratesGlobal()
    {
        var blocks = CifReader.Parse("""
            global_
            _g 1
            data_d
            _a 1
            save_frame
            _inside 2
            loop_ _l 1 2
            save_
            _b 3
            """);
        var b = Assert.Single(blocks);
        Assert.Equal("1", Value(b, "_a"));
        Assert.Equal("3", Value(b, "_b"));
        Assert.False(b.Contains("_inside"));
        Assert.False(b.Contains("_l"));
    }

    [Fact]
    public void FirstOccurrenceOfADuplicateTagWins()
    {
        var b = CifReader.Parse("data_d\n_a 1\n_a 2\n")[0];
        Assert.Equal("1", Value(b, "_a"));
    }

    [Fact]
    public void StreamsBlocksLazily()
    {
        // the reader yields the first block before reading past the second header
        var reader = new CountingReader("data_a\n_x 1\ndata_b\n_x 2\ndata_c\n_x 3\n");
        using var e = CifReader.ReadBlocks(reader, "s.cif").GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.Equal("a", e.Current.Name);
        Assert.True(reader.LinesRead <= 3);
    }

    private static string Value(CifBlock b, string tag) => b.TryGetValue(tag, out var v) ? v.Text : throw new Xunit.Sdk.XunitException($"{tag} missing");

    private sealed class CountingReader(string text) : TextReader
    {
        private readonly StringReader _inner = new(text);
        public int LinesRead { get; private set; }
        public override string? ReadLine() { var l = _inner.ReadLine(); if (l is not null) LinesRead++; return l; }
    }
}
