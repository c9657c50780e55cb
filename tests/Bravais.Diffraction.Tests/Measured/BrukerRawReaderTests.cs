using System.Buffers.Binary;
using System.Text;
using Bravais.Diffraction.Measured;
using Xunit;

namespace Bravais.Diffraction.Tests.Measured;

public sealed class BrukerRawReaderTests
{
    // Values the fixture states (tools/measured/make_reader_fixtures.py): Cu Kα1, Kα2 at Kα2/Kα1 = 0.5
    private const double K1 = 1.540593, K2 = 1.544414;
    // v3: the range header starts at byte 712; v4: after the 61-byte header and three segments (64 + 120 + 76 bytes)
    private const int V3Range = 712, V4Range = 61 + 64 + 120 + 76;

    private static MeasuredPattern Read(byte[] bytes, string name = "scan.raw", MeasuredReadOptions? options = null) =>
        MeasuredPatternReader.Read(new MemoryStream(bytes), name, options);

    private static byte[] Patch(string fixture, int offset, ReadOnlySpan<byte> value)
    {
        var bytes = ReaderFixtures.Bytes(fixture);
        value.CopyTo(bytes.AsSpan(offset));
        return bytes;
    }

    private static byte[] Int32At(string fixture, int offset, int value)
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(v, value);
        return Patch(fixture, offset, v);
    }

    private static DiffractionException Refused(byte[] bytes, string name = "scan.raw") =>
        Assert.Throws<DiffractionException>(() => Read(bytes, name));

    [Fact]
    public void Version3ReadsWhatXylibReadsAndTheFilesKAlphaDoublet()
    {
        var p = MeasuredPatternReader.Read(ReaderFixtures.Path("si-v3.raw"));
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si-v3.raw.xyconv"), p);
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si-v3.raw.expected.tsv"), p);
        Assert.Equal("bruker raw v3", p.Metadata["format"]);
        Assert.Equal("Cu", p.Metadata["anode"]);
        Assert.Equal("locked coupled", p.Metadata["scan.type"]);
        // the file's own Kα1/Kα2 (not the table's 1.54056/1.54439) at its ratio 0.5
        Assert.True(p.Radiation!.IsDoublet);
        Assert.Equal(K1, p.Radiation.Lines[0].WavelengthAngstrom, 12);
        Assert.Equal(K2, p.Radiation.Lines[1].WavelengthAngstrom, 12);
        Assert.Equal(0.5, p.Radiation.Lines[1].RelativeIntensity, 12);
        Assert.Equal((K1 + 0.5 * K2) / 1.5, p.WavelengthAngstrom!.Value, 12);
        ReaderFixtures.AssertSilicon111(p, K1);
    }

    [Fact]
    public void Version3WithTwoRangesReadsTheFirstAndSaysSo()
    {
        var p = MeasuredPatternReader.Read(ReaderFixtures.Path("si-v3-2ranges.raw"));
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si-v3-2ranges.raw.xyconv", block: 0), p);
        Assert.Equal("2 (the first is read)", p.Metadata["ranges"]);
        Assert.Equal(50.0, p.X[^1], 9); // the second range (50.05–60°) is not joined
    }

    [Fact]
    public void Version4ReadsTheCountsAndAMonochromatedKAlpha1()
    {
        var p = MeasuredPatternReader.Read(ReaderFixtures.Path("si-v4.raw"));
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si-v4.raw.expected.tsv"), p);
        Assert.Equal("bruker raw v4", p.Metadata["format"]);
        Assert.Equal("Locked Coupled", p.Metadata["scan.type"]);
        Assert.Equal("Si reader fixture", p.Metadata["raw.SampleID"]);
        // ratio 0 in the tube segment: Kα2 is suppressed, the radiation is the file's Kα1 alone
        Assert.False(p.Radiation!.IsDoublet);
        Assert.Equal(K1, p.WavelengthAngstrom!.Value, 12);
        Assert.False(p.Metadata.ContainsKey("ranges"));

        var two = MeasuredPatternReader.Read(ReaderFixtures.Path("si-v4-2ranges.raw"));
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si-v4.raw.expected.tsv"), two);
        Assert.Equal("several (the first is read)", two.Metadata["ranges"]);
    }

    [Fact]
    public void TheMagicDecidesWhateverTheName()
    {
        var p = Read(ReaderFixtures.Bytes("si-v3.raw"), "measurement.dat");
        Assert.Equal("bruker raw v3", p.Metadata["format"]);
        var gz = Read(ReaderFixtures.Gzip(ReaderFixtures.Bytes("si-v4.raw")), "scan.raw.gz");
        Assert.Equal(ReaderFixtures.Points, gz.Count);
        var oneWay = MeasuredPatternReader.Read(new ReaderFixtures.OneWay(ReaderFixtures.Gzip(ReaderFixtures.Bytes("si-v3.raw"))), "scan.raw.gz");
        ReaderFixtures.AssertSame(ReaderFixtures.Columns("si-v3.raw.xyconv"), oneWay);
    }

    [Theory]
    [InlineData("RAW \0\0\0\0", "version 1")]
    [InlineData("RAW2\0\0\0\0", "version 2")]
    [InlineData("RAW1.02\0", "'RAW1.02' is not known")]
    [InlineData("RAW4.01\0", "'RAW4.01' is not known")]
    public void OlderAndUnknownVersionsAreRefusedByName(string magic, string reason)
    {
        var e = Refused(Patch("si-v3.raw", 0, Encoding.Latin1.GetBytes(magic)));
        Assert.Contains(reason, e.Message);
        Assert.Contains("scan.raw", e.Message);
    }

    [Fact]
    public void ABinaryRawFileOfAnotherMakerIsRefused()
    {
        var e = Refused(Patch("si-v3.raw", 0, "FI\0\0\0\0\0\0"u8));
        Assert.Contains("not a Bruker RAW file", e.Message);
    }

    [Fact]
    public void NonTwoThetaScansAndOtherRecordsAreRefused()
    {
        var rocking = Refused(Int32At("si-v3.raw", V3Range + 196, 3));
        Assert.Contains("rocking curve, not a 2θ scan", rocking.Message);
        Assert.Contains("byte 908", rocking.Message);
        var columns = Refused(Int32At("si-v3.raw", V3Range + 252, 12));
        Assert.Contains("multi-column data records", columns.Message);

        var v4Rocking = Refused(Patch("si-v4.raw", V4Range + 32, "Rocking Curve\0\0\0"u8));
        Assert.Contains("'Rocking Curve' scan, not a 2θ scan", v4Rocking.Message);
        var datum = Refused(Int32At("si-v4.raw", V4Range + 136, 8));
        Assert.Contains("datum size is 8", datum.Message);
    }

    [Fact]
    public void TruncatedFilesAndLyingHeadersAreErrorsNotShortPatterns()
    {
        var bytes = ReaderFixtures.Bytes("si-v3.raw");
        var cut = Refused(bytes[..^100]);
        Assert.Contains("truncated", cut.Message);
        Assert.Contains("after 476 of 501 counts", cut.Message); // (3052 − 100 − 712 − 304 − 32) / 4 = 476 whole counts remain
        var header = Refused(bytes[..300]);
        Assert.Contains("truncated", header.Message);

        // a step count far beyond the file: refused before anything is allocated for it
        var huge = Refused(Int32At("si-v3.raw", V3Range + 4, int.MaxValue));
        Assert.Contains("more than 10,000,000 data points", huge.Message);
        var negative = Refused(Int32At("si-v3.raw", V3Range + 4, -5));
        Assert.Contains("must be ≥ 0", negative.Message);
        var zero = Refused(Int32At("si-v3.raw", 12, 0));
        Assert.Contains("no ranges", zero.Message);
    }
}
