using Bravais.Diffraction.Measured;
using Xunit;

namespace Bravais.Diffraction.Tests.Measured;

public sealed class BrmlReaderTests
{
    // The fixture's tube (tools/measured/make_reader_fixtures.py): Co, Kα2/Kα1 = 0.48, not the default 0.5
    private const double K1 = 1.788965, K2 = 1.792850, Ratio = 0.48;
    private const string RawData = "Experiment0/RawData0.xml";

    private static MeasuredPattern Read(byte[] bytes, string name = "scan.brml") => MeasuredPatternReader.Read(new MemoryStream(bytes), name);

    private static byte[] WithRawData(Func<string, string> change)
    {
        var zip = ReaderFixtures.Bytes("si.brml");
        return ReaderFixtures.RewriteZip(zip, new Dictionary<string, string?> { [RawData] = change(ReaderFixtures.Entry(zip, RawData)) });
    }

    private static DiffractionException Refused(byte[] bytes, string name = "scan.brml") =>
        Assert.Throws<DiffractionException>(() => Read(bytes, name));

    [Fact]
    public void ReadsTheMeasuredRouteTimesTheAbsorptionFactorAndTheFilesTube()
    {
        var p = MeasuredPatternReader.Read(ReaderFixtures.Path("si.brml"));
        // the intensity is the recorded count times the absorption factor (10 on the strongest steps)
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si.brml.expected.tsv"), p, xDigits: 3);
        Assert.Equal("bruker brml", p.Metadata["format"]);
        Assert.Equal("Coupled TwoTheta/Theta", p.Metadata["scan.type"]);
        Assert.Equal("Co", p.Metadata["anode"]);
        Assert.True(p.Radiation!.IsDoublet);
        Assert.Equal(K1, p.Radiation.Lines[0].WavelengthAngstrom, 12);
        Assert.Equal(K2, p.Radiation.Lines[1].WavelengthAngstrom, 12);
        Assert.Equal(Ratio, p.Radiation.Lines[1].RelativeIntensity, 12);
        Assert.Equal((K1 + Ratio * K2) / (1 + Ratio), p.WavelengthAngstrom!.Value, 12);
        ReaderFixtures.AssertSilicon111(p, K1);
        Assert.False(p.Metadata.ContainsKey("ranges"));
    }

    [Fact]
    public void WithoutDataViewsTheDiffracColumnOrderIsAssumedAndSaid()
    {
        var bytes = WithRawData(x => x[..x.IndexOf("<DataViews>", StringComparison.Ordinal)] + x[(x.IndexOf("</DataViews>", StringComparison.Ordinal) + "</DataViews>".Length)..]);
        var p = Read(bytes);
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si.brml.expected.tsv"), p, xDigits: 3);
        Assert.Contains("DIFFRAC's order assumed", p.Metadata["columns"]);
    }

    [Fact]
    public void WithoutATwoThetaColumnTheScanAxisGivesTheAngles()
    {
        // the varying view lists only θ: 2θ comes from the TwoTheta scan axis, start 25 + i · 0.05
        var p = Read(WithRawData(x => x.Replace("<FieldDefinitions FieldName=\"TwoTheta\" AxisId=\"TwoTheta\" />", "<FieldDefinitions FieldName=\"Chi\" AxisId=\"Chi\" />")));
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si.brml.expected.tsv"), p, xDigits: 9);
        Assert.Contains("TwoTheta scan axis", p.Metadata["columns"]);
    }

    [Fact]
    public void SeveralScansAreNotedGzipAndOtherNamesWork()
    {
        var zip = ReaderFixtures.Bytes("si.brml");
        var two = ReaderFixtures.RewriteZip(zip, new Dictionary<string, string?> { ["Experiment0/RawData1.xml"] = ReaderFixtures.Entry(zip, RawData) });
        Assert.Equal("2 (the first is read)", Read(two).Metadata["ranges"]);
        // by content: a zip holding RawData XML under another name, gzip-compressed, from a stream that cannot seek
        var p = MeasuredPatternReader.Read(new ReaderFixtures.OneWay(ReaderFixtures.Gzip(zip)), "upload.bin.gz");
        Assert.Equal("bruker brml", p.Metadata["format"]);
        Assert.Equal(ReaderFixtures.Points, p.Count);
    }

    [Fact]
    public void ScansThatAreNotTwoThetaStepsAreRefused()
    {
        var rocking = Refused(WithRawData(x => x.Replace("TwoTheta\"", "Phi\"").Replace("TwoTheta/Theta", "Rocking")));
        Assert.Contains("not a 2θ scan (scan axes: Phi, Theta)", rocking.Message);
        Assert.Contains("Experiment0/RawData0.xml", rocking.Message);
        var still = Refused(WithRawData(x => x.Replace("<ScanMode>ContinuousScan</ScanMode>\n        <TimePerStep>", "<ScanMode>StillScan</ScanMode>\n        <TimePerStep>")));
        Assert.Contains("still (PSD-fixed) scan", still.Message);
        var frame = Refused(WithRawData(x => x.Replace("Start=\"4\" Length=\"1\"", "Start=\"4\" Length=\"192\"")));
        Assert.Contains("detector frame of 192 channels", frame.Message);
        var noRows = Refused(WithRawData(x => string.Join('\n', x.Split('\n').Where(l => !l.Contains("<Datum>", StringComparison.Ordinal)))));
        Assert.Contains("no <Datum> rows", noRows.Message);
    }

    [Fact]
    public void BrokenArchivesAndRowsNameTheEntryAndLine()
    {
        var notZip = Refused("this is not a zip archive at all"u8.ToArray());
        Assert.Contains("not a readable zip archive", notZip.Message);
        var zip = ReaderFixtures.Bytes("si.brml");
        Assert.Contains("not a readable zip archive", Refused(zip[..(zip.Length / 2)]).Message);
        var empty = Refused(ReaderFixtures.RewriteZip(zip, new Dictionary<string, string?> { [RawData] = null }));
        Assert.Contains("no Experiment0/RawData0.xml", empty.Message);

        var badRow = Refused(WithRawData(x => x.Replace("<Datum>0.5,1,25.100,", "<Datum>0.5,1,x25.100,")));
        Assert.Contains("'x25.100' (value 3 of the Datum row) is not a number", badRow.Message);
        Assert.Contains("block Experiment0/RawData0.xml, line 22", badRow.Message);
        var shortRow = Refused(WithRawData(x => x.Replace("<Datum>0.5,1,25.100,12.5500,40</Datum>", "<Datum>0.5,1,25.100</Datum>")));
        Assert.Contains("has 3 values; the DataViews need 5", shortRow.Message);
        var xml = Refused(WithRawData(x => x.Replace("</DataRoutes>", "")));
        Assert.Contains("not well-formed XML", xml.Message);
    }
}
