using Bravais.Diffraction.Measured;
using Xunit;

namespace Bravais.Diffraction.Tests.Measured;

public sealed class TextColumnsReaderTests : IDisposable
{
    private readonly TempFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void ReadsTwoColumnsWithCommentsAndHeaderAndFindsTheAnodeInTheHeader()
    {
        var path = _files.Write("a.xy", "# measured pattern, Cu Ka (1.5418 A)\n! operator: test\n2theta intensity\n" + TempFiles.XyLines());
        var p = MeasuredPatternReader.Read(path);
        Assert.Equal(50, p.Count);
        Assert.Equal(10, p.X[0], 12);
        Assert.Equal(34.5, p.X[^1], 12);
        Assert.Null(p.Uncertainty);
        Assert.Equal(Abscissa.TwoThetaDegrees, p.Kind);
        // Cu Kα of the one wavelength table (Bearden, as pymatgen tabulates it); before the table was unified this read
        // the second table's (2·1.540593 + 1.544414)/3
        Assert.Equal(1.54184, p.WavelengthAngstrom!.Value, 6);
        Assert.Equal(10 + 100 * Math.Exp(-0.5 * Math.Pow((30 - 30) / 0.5, 2)), p.Intensity[40], 3);
    }

    [Theory]
    [InlineData("b.xye", " ")]
    [InlineData("b.csv", ",")]
    [InlineData("b.dat", "\t")]
    [InlineData("b.txt", ";")]
    public void ReadsThreeColumnsWithAnySeparatorAsUncertainty(string name, string separator)
    {
        var path = _files.Write(name, "; lambda = 0.7093\n" + TempFiles.XyLines(separator: separator, sigma: true));
        var p = MeasuredPatternReader.Read(path);
        Assert.NotNull(p.Uncertainty);
        Assert.Equal(Math.Sqrt(p.Intensity[7]), p.Uncertainty![7], 3);
        Assert.Equal(0.7093, p.WavelengthAngstrom!.Value, 12);
    }

    [Fact]
    public void AcceptsDecimalCommaWithSemicolons()
    {
        var path = _files.Write("eu.csv", string.Join('\n', Enumerable.Range(0, 20).Select(i => $"{10 + i},5;{i * 3},25")));
        var p = MeasuredPatternReader.Read(path);
        Assert.Equal(10.5, p.X[0], 12);
        Assert.Equal(57.25, p.Intensity[19], 12);
    }

    [Fact]
    public void ReadsGzipByMagicBytesAndStripsTheExtension()
    {
        var path = _files.WriteGzip("c.xy.gz", "# wavelength: 1.5406\n" + TempFiles.XyLines());
        var p = MeasuredPatternReader.Read(path);
        Assert.Equal(50, p.Count);
        Assert.Equal(1.5406, p.WavelengthAngstrom!.Value, 12);
    }

    [Fact]
    public void FlagWavelengthAndAbscissaWinOverTheHeader()
    {
        var path = _files.Write("d.xy", "# lambda = 1.5406\n" + TempFiles.XyLines());
        var p = MeasuredPatternReader.Read(path, new MeasuredReadOptions(Radiation: Bravais.Diffraction.Physics.Radiation.FromWavelength(0.5), Abscissa: Abscissa.QInverseAngstrom));
        Assert.Equal(0.5, p.WavelengthAngstrom);
        Assert.Equal(Abscissa.QInverseAngstrom, p.Kind);
        Assert.Equal("1.5406", p.Metadata["wavelength.file"]);
    }

    [Fact]
    public void ReadsAQHeaderAsQAndReversesADecreasingDSpacingList()
    {
        var q = MeasuredPatternReader.Read(_files.Write("q.xy", "Q(1/A) I\n" + TempFiles.XyLines(start: 1, step: 0.05)));
        Assert.Equal(Abscissa.QInverseAngstrom, q.Kind);
        var lines = string.Join('\n', Enumerable.Range(0, 20).Select(i => FormattableString.Invariant($"{5 - 0.2 * i:0.0} {i}")));
        var d = MeasuredPatternReader.Read(_files.Write("d.dat", "d_spacing intensity\n" + lines));
        Assert.Equal(Abscissa.DSpacingAngstrom, d.Kind);
        Assert.Equal(1.2, d.X[0], 12);
        Assert.Equal(19, d.Intensity[0]);
        // d of a Q point: 2π/Q
        Assert.Equal(2 * Math.PI / q.X[3], q.DSpacingAngstrom(3), 12);
    }

    [Fact]
    public void NonMonotonicAnglesNameTheLine()
    {
        var text = TempFiles.XyLines(n: 20).Split('\n').ToList();
        text[10] = "12.0 5"; // 10 + 10·0.5 = 15 expected; 12 < 14.5 of the line before
        var e = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("m.xy", "# h\n" + string.Join('\n', text))));
        Assert.Equal(12, e.Location.Line);
        Assert.Contains("monotonic", e.Message);
        Assert.Contains("m.xy", e.Message);
    }

    [Theory]
    [InlineData("10 NaN", "not a finite number")]
    [InlineData("10 inf", "not a finite number")]
    [InlineData("10 abc", "is not a number")]
    [InlineData("10", "only one column")]
    public void BadValuesNameFileAndLine(string badLine, string reason)
    {
        var text = TempFiles.XyLines(n: 20, start: 20).Split('\n').ToList();
        text.Insert(0, badLine);
        var path = _files.Write("bad.xy", "# comment\n" + string.Join('\n', text));
        var e = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(path));
        Assert.Equal(2, e.Location.Line);
        Assert.Equal(path, e.Location.File);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void EmptyFilesAndTooFewPointsAreRefused()
    {
        var empty = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("e.xy", "# nothing here\n\n")));
        Assert.Contains("no data points", empty.Message);
        var few = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("f.xy", TempFiles.XyLines(n: 5))));
        Assert.Contains("only 5 data points", few.Message);
        Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(Path.Combine(_files.Folder, "missing.xy")));
    }

    [Fact]
    public void BinaryAndCorruptGzipAreRefused()
    {
        var bin = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.WriteBytes("b.xy", [1, 2, 0, 4, 5])));
        Assert.Contains("binary", bin.Message);
        var gz = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.WriteBytes("c.xy.gz", [0x1f, 0x8b, 8, 0, 1, 2, 3])));
        Assert.Contains("gzip", gz.Message);
    }

    [Fact]
    public void FewerColumnsThanEarlierLinesIsAnError()
    {
        var text = TempFiles.XyLines(n: 20, sigma: true).Split('\n').ToList();
        text[5] = "12.6 4";
        var e = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("g.xye", string.Join('\n', text))));
        Assert.Equal(6, e.Location.Line);
    }
}
