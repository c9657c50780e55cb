using System.Text;
using Bravais.Diffraction.Measured;
using Xunit;

namespace Bravais.Diffraction.Tests.Measured;

public sealed class RigakuReaderTests
{
    // The fixtures' tube (tools/measured/make_reader_fixtures.py): Cu, Rigaku's own Kα1/Kα2 values
    private const double K1 = 1.540593, K2 = 1.544414;
    private const string Conditions = "Data0/MesurementConditions0.xml";

    private static MeasuredPattern Read(byte[] bytes, string name) => MeasuredPatternReader.Read(new MemoryStream(bytes), name);
    private static DiffractionException Refused(byte[] bytes, string name) => Assert.Throws<DiffractionException>(() => Read(bytes, name));

    private static byte[] Ras(Func<string, string> change) =>
        Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(ReaderFixtures.Bytes("si.ras"))));

    private static byte[] Rasx(Func<string, string> change)
    {
        var zip = ReaderFixtures.Bytes("si.rasx");
        return ReaderFixtures.RewriteZip(zip, new Dictionary<string, string?> { [Conditions] = change(ReaderFixtures.Entry(zip, Conditions)) });
    }

    [Fact]
    public void RasReadsWhatXrayutilitiesReadsTimesTheAttenuatorAndTheKAlphaDoublet()
    {
        var p = MeasuredPatternReader.Read(ReaderFixtures.Path("si.ras"));
        // xrayutilities gives 2θ, counts and the attenuator factor; the intensity is counts × factor
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si.ras.xu.tsv", yColumn: 1, factorColumn: 2), p, xDigits: 9);
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si.ras.expected.tsv"), p, xDigits: 9);
        Assert.Equal("rigaku ras", p.Metadata["format"]);
        Assert.Equal("TwoThetaTheta", p.Metadata["scan.axis"]);
        // "Ka" and no ratio stated: the file's Kα1/Kα2 at the default 0.5
        Assert.True(p.Radiation!.IsDoublet);
        Assert.Equal(K1, p.Radiation.Lines[0].WavelengthAngstrom, 12);
        Assert.Equal(K2, p.Radiation.Lines[1].WavelengthAngstrom, 12);
        Assert.Equal((K1 + 0.5 * K2) / 1.5, p.WavelengthAngstrom!.Value, 12);
        ReaderFixtures.AssertSilicon111(p, K1);
    }

    [Fact]
    public void RasWithTwoScansReadsTheFirstAndSaysSo()
    {
        var p = MeasuredPatternReader.Read(ReaderFixtures.Path("si-2scans.ras"));
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si-2scans.ras.xu.tsv", yColumn: 1, factorColumn: 2), p, xDigits: 9);
        Assert.Equal("2 (the first is read)", p.Metadata["scans"]);
        // by content under another name
        Assert.Equal("rigaku ras", Read(ReaderFixtures.Bytes("si.ras"), "export.txt").Metadata["format"]);
    }

    [Fact]
    public void RasRefusesOtherAxesAndTruncatedFiles()
    {
        var omega = Refused(Ras(t => t.Replace("\"TwoThetaTheta\"", "\"Omega\"")), "s.ras");
        Assert.Contains("the scan axis is 'Omega', not 2θ", omega.Message);
        var unit = Refused(Ras(t => t.Replace("*MEAS_SCAN_UNIT_X \"deg\"", "*MEAS_SCAN_UNIT_X \"mm\"")), "s.ras");
        Assert.Contains("unit is 'mm'", unit.Message);
        var text = Encoding.UTF8.GetString(ReaderFixtures.Bytes("si.ras"));
        var cut = Refused(Encoding.UTF8.GetBytes(text[..text.IndexOf("*RAS_INT_END", StringComparison.Ordinal)]), "s.ras");
        Assert.Contains("truncated", cut.Message);
        var noEnd = Refused(Encoding.UTF8.GetBytes(text.Replace("*RAS_DATA_END", "")), "s.ras");
        Assert.Contains("no *RAS_DATA_END", noEnd.Message);
        var row = Refused(Ras(t => t.Replace("25.1000 40.0000 1.0000", "25.1000 4O.0000 1.0000")), "s.ras");
        Assert.Contains("'4O.0000' is not a number (column 2)", row.Message);
        Assert.Contains("line 29", row.Message); // start, header start, 22 keys (lines 3–24), header end, int start: 25.0° is line 27
        var notRas = Refused("*RAS_HEADER_START\r\n"u8.ToArray(), "s.ras");
        Assert.Contains("not a Rigaku RAS file", notRas.Message);
    }

    [Fact]
    public void RasxReadsTheProfileAndTheKAlpha1TheRasHeaderNames()
    {
        var p = MeasuredPatternReader.Read(ReaderFixtures.Path("si.rasx"));
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si.rasx.expected.tsv"), p, xDigits: 9);
        Assert.Equal("rigaku rasx", p.Metadata["format"]);
        Assert.Equal("Data0/Profile0.txt", p.Metadata["entry"]);
        // XrayGenerator says WaveType Ka, the RAS header's measurement condition says Ka1 (a monochromator): Kα1 alone
        Assert.False(p.Radiation!.IsDoublet);
        Assert.Equal(K1, p.WavelengthAngstrom!.Value, 12);
        Assert.Equal("Cu", p.Metadata["anode"]);
        ReaderFixtures.AssertSilicon111(p, K1);

        var doublet = Read(Rasx(x => x.Replace("<string>Ka1</string>", "<string>Ka</string>")), "s.rasx");
        Assert.Equal((K1 + 0.5 * K2) / 1.5, doublet.WavelengthAngstrom!.Value, 12);
    }

    [Fact]
    public void RasxRefusesImagesOtherAxesAndNotesMissingConditions()
    {
        var omega = Refused(Rasx(x => x.Replace("<AxisName>TwoThetaTheta</AxisName>", "<AxisName>Omega</AxisName>")), "s.rasx");
        Assert.Contains("the scan axis is 'Omega'", omega.Message);
        Assert.Contains("block Data0/MesurementConditions0.xml", omega.Message);
        var zip = ReaderFixtures.Bytes("si.rasx");
        var image = Refused(ReaderFixtures.RewriteZip(zip, new Dictionary<string, string?> { ["Data0/Profile0.txt"] = null, ["Data0/Image0.bin"] = "\0\0\0\0" }), "s.rasx");
        Assert.Contains("2D detector image (Data0/Image0.bin)", image.Message);
        var bare = Read(ReaderFixtures.RewriteZip(zip, new Dictionary<string, string?> { [Conditions] = null }), "s.rasx");
        Assert.Null(bare.Radiation);
        Assert.Contains("missing", bare.Metadata["conditions"]);
        var row = Refused(ReaderFixtures.RewriteZip(zip, new Dictionary<string, string?> { ["Data0/Profile0.txt"] = "25.0\t40\t1\n25.05\n" }), "s.rasx");
        Assert.Contains("block Data0/Profile0.txt, line 2", row.Message);
        var second = ReaderFixtures.RewriteZip(zip, new Dictionary<string, string?> { ["Data1/Profile1.txt"] = "30\t1\t1\n" });
        Assert.Equal("2 (the first is read)", Read(second, "s.rasx").Metadata["scans"]);
    }
}
