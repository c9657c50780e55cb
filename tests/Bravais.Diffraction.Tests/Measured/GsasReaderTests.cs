using System.Globalization;
using System.Text;
using Bravais.Diffraction.Measured;
using Xunit;

namespace Bravais.Diffraction.Tests.Measured;

public sealed class GsasReaderTests : IDisposable
{
    private readonly TempFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static double Y(int i) => 50 + 10 * i;

    [Fact]
    public void ReadsAStdBankInFixedColumns()
    {
        // BANK 1, 25 channels, 3 records, CONS start 1000 centideg (10°), step 2 centideg (0.02°), STD: 10 × (I2, F6)
        var sb = new StringBuilder("Test pattern, lambda = 1.5406\nInstrument parameter file: test.prm\n");
        sb.Append("BANK 1 25 3 CONS 1000.0 2.0 0 0 STD\n");
        for (var i = 0; i < 25; i++)
        {
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,2}{1,6:0}", i == 3 ? 4 : 1, Y(i)));
            if (i % 10 == 9) sb.Append('\n');
        }
        var p = MeasuredPatternReader.Read(_files.Write("a.gsa", sb.ToString()));
        Assert.Equal(25, p.Count);
        Assert.Equal(10.0, p.X[0], 12);
        Assert.Equal(10.48, p.X[24], 10);
        Assert.Equal(Y(24), p.Intensity[24]);
        Assert.Equal(Math.Sqrt(Y(3) / 4), p.Uncertainty![3], 12); // σ = √(I/ncount)
        Assert.Equal(1.5406, p.WavelengthAngstrom!.Value, 12);
    }

    [Fact]
    public void ReadsEsdAndFxyeBanks()
    {
        var esd = new StringBuilder("t\nBANK 1 20 4 CONS 500 5 0 0 ESD\n");
        for (var i = 0; i < 20; i++)
        {
            esd.Append(string.Format(CultureInfo.InvariantCulture, "{0,8:0.0}{1,8:0.00}", Y(i), Math.Sqrt(Y(i))));
            if (i % 5 == 4) esd.Append('\n');
        }
        var e = MeasuredPatternReader.Read(_files.Write("e.gsas", esd.ToString()));
        Assert.Equal(5.05, e.X[1], 10);
        Assert.Equal(Math.Sqrt(Y(7)), e.Uncertainty![7], 2);

        var fxye = new StringBuilder("t\n# Cu Ka1\nBANK 1 20 20 CONS 800 1 0 0 FXYE\n");
        for (var i = 0; i < 20; i++) fxye.Append(FormattableString.Invariant($"{800 + 3 * i} {Y(i)} {Math.Sqrt(Y(i))}\n"));
        var f = MeasuredPatternReader.Read(_files.Write("f.fxye", fxye.ToString()));
        Assert.Equal(8.03, f.X[1], 10);
        Assert.Equal(1.54056, f.WavelengthAngstrom!.Value, 6); // Cu Kα1 of the one table (was the second table's 1.540593)
    }

    [Fact]
    public void MissingBankTimeOfFlightAndBadFieldsAreErrors()
    {
        var none = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("n.gsa", "title only\n")));
        Assert.Contains("no BANK", none.Message);
        var tof = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("t.gsa", "t\nBANK 1 100 10 TIME_MAP 1 2 3 0 ALT\n")));
        Assert.Contains("time-of-flight", tof.Message);
        var bad = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("b.fxye", "t\nBANK 1 20 20 CONS 800 1 0 0 FXYE\n800 1 1\n801 x 1\n")));
        Assert.Equal(4, bad.Location.Line);
        var shortLine = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(_files.Write("s.fxye", "t\nBANK 1 20 20 CONS 800 1 0 0 FXYE\n800 1\n")));
        Assert.Contains("x y esd", shortLine.Message);
    }
}
