using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Bravais.Diffraction.Measured;
using Xunit;

namespace Bravais.Diffraction.Tests.Measured;

/// <summary>
/// Hostile and broken pattern files, each refused with one exact reason naming the file: truncated and damaged gzip,
/// gzip and zip bombs (declared and lying sizes), wrong magic, NUL bytes, endless lines, too many points, DTDs and
/// entity expansion. The bombs are made small by lowering the limits (the same code paths as the 200 MB default;
/// tools/measured/run-pattern-limits.sh runs the full-size cases under a 2 GB heap cap).
/// </summary>
public sealed class BadPatternCorpusTests
{
    private static readonly MeasuredReadOptions Small = new(MaxDecompressedBytes: 1_000_000, MaxPoints: 1_000);

    /// <summary>"2θ intensity" lines, <paramref name="bytes"/> long in all.</summary>
    private static byte[] XyText(int bytes)
    {
        var sb = new StringBuilder(bytes + 32);
        for (var i = 0; sb.Length < bytes; i++) sb.Append(FormattableString.Invariant($"{5 + i * 1e-5:0.00000} {i % 1000}\n"));
        return Encoding.ASCII.GetBytes(sb.ToString(0, bytes));
    }

    private static byte[] Xy(int n = 50) => Encoding.ASCII.GetBytes(TempFiles.XyLines(n));

    private static byte[] WithIsize(byte[] gz, uint isize)
    {
        var copy = gz.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(copy.Length - 4), isize);
        return copy;
    }

    private static byte[] Zip(params (string Name, byte[] Bytes, CompressionLevel Level)[] entries)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes, level) in entries)
            {
                using var s = zip.CreateEntry(name, level).Open();
                s.Write(bytes);
            }
        return output.ToArray();
    }

    private static string Xrdml(string doctype, string intensities) =>
        $"""<?xml version="1.0"?>{doctype}<xrdMeasurements><xrdMeasurement><scan><dataPoints><positions axis="2Theta"><startPosition>10</startPosition><endPosition>20</endPosition></positions><intensities>{intensities}</intensities></dataPoints></scan></xrdMeasurement></xrdMeasurements>""";

    public static TheoryData<string, string, string> Cases => new()
    {
        // name, case (see Bytes), exact reason (ending in … : the start of a reason that quotes .NET's own message)
        // stored (uncompressed) deflate: 3000 bytes hold the 10-byte gzip header, a 5-byte block header and 2985 bytes of
        // text, and the last four of those are what is taken for the trailer's size
        { "cut.xy.gz", "truncated gzip", $"corrupt gzip data: 2985 bytes decompressed but the gzip trailer records {BinaryPrimitives.ReadUInt32LittleEndian(XyText(20_000).AsSpan(2981, 4))} (mod 2^32): the file is truncated or damaged" },
        { "tail.xy.gz", "gzip with bytes appended", "corrupt gzip data: 2500 bytes decompressed but the gzip trailer records 67305985 (mod 2^32): the file is truncated or damaged" },
        { "tiny.xy.gz", "gzip header only", "corrupt gzip data: gzip data is too short to hold a header and trailer" },
        { "bomb.xy.gz", "gzip bomb", "gzip data declares 5,000,000 bytes uncompressed, more than the limit of 1,000,000 bytes (MeasuredReadOptions.MaxDecompressedBytes): refused as too large or a decompression bomb" },
        { "liar.xy.gz", "gzip bomb with a forged size", "gzip data expands to more than 1,000,000 bytes (the limit, MeasuredReadOptions.MaxDecompressedBytes): refused as too large or a decompression bomb" },
        { "big.xy", "plain file over the limit", "the file is 2,000,000 bytes, more than the limit of 1,000,000 bytes (MeasuredReadOptions.MaxDecompressedBytes)" },
        { "bomb.brml", "zip bomb (ratio)", $"the entry declares a compression ratio of {5e6 / ZipBombCompressed:0} (5,000,000 bytes from {ZipBombCompressed:N0} bytes), more than 200 (MeasuredReadOptions.MaxCompressionRatio): refused as a zip bomb" },
        { "huge.rasx", "zip entry over the limit", "the entry declares 1,500,000 bytes uncompressed, more than the limit of 1,000,000 bytes (MeasuredReadOptions.MaxDecompressedBytes)" },
        { "many.xy", "too many points", "more than 1,000 data points (the limit, MeasuredReadOptions.MaxPoints)" },
        { "many.xrdml", "too many values", "more than 1,000 values in <intensities> (the limit, MeasuredReadOptions.MaxPoints)" },
        { "line.xy", "endless line", "line is longer than 100,000 characters (is this a text pattern file?)" },
        { "nul.xy", "NUL bytes", "the file is binary, not text (a NUL byte on line 3; supported: text columns, XRDML, GSAS, Bruker BRML and RAW v3/v4, Rigaku RAS and RASX)" },
        { "nul.xy.gz", "NUL bytes in gzip", "the file is binary, not text (a NUL byte on line 3; supported: text columns, XRDML, GSAS, Bruker BRML and RAW v3/v4, Rigaku RAS and RASX)" },
        { "scan.raw", "wrong magic", "not a Bruker RAW file: it starts with 'RIFF', not 'RAW1.01' or 'RAW4.00'" },
        { "scan.brml", "not a zip", "not a readable zip archive (a .brml file is a zip archive; this one is truncated or corrupt: …" },
        { "other.zip", "zip of something else", "a zip archive holding neither a Bruker .brml scan (Experiment0/RawData0.xml) nor a Rigaku .rasx profile (Data0/Profile0.txt)" },
        { "laughs.xrdml", "entity expansion", "not well-formed XML: For security reasons DTD is prohibited in this XML document.…" },
        { "long.xrdml", "an endless number", "value 1 of <intensities> is longer than 64 characters (not a number)" },
        { "gsas.gsa", "a bank of two billion channels", "the BANK record's nchan is 2,000,000,000, more than 1,000 data points (the limit, MeasuredReadOptions.MaxPoints)" },
        { "cut.gsa", "truncated GSAS bank", "the bank declares 30 channels but the file holds 20: it is truncated" },
        { "cut.ras", "truncated RAS", "the file ends inside the section opened on line 4: it is truncated" },
        { "deep.brml", "XML nested 100,000 deep", "no <Datum> rows in any <DataRoute>: the scan holds no data" },
        { "wide.brml", "a Datum row of 100,000 characters", "<Datum> is longer than 65,536 characters" },
    };

    private static byte[] StoredGzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.NoCompression, leaveOpen: true)) gz.Write(bytes);
        return output.ToArray();
    }

    /// <summary>The compressed size of the zip bomb's entry, as its central directory records it.</summary>
    private static long ZipBombCompressed
    {
        get
        {
            using var zip = new ZipArchive(new MemoryStream(Bytes("zip bomb (ratio)")), ZipArchiveMode.Read);
            return zip.Entries[0].CompressedLength;
        }
    }

    private static byte[] Bytes(string kind) => kind switch
    {
        "truncated gzip" => StoredGzip(XyText(20_000))[..3000],
        "gzip with bytes appended" => [.. ReaderFixtures.Gzip(XyText(2_500)), 1, 2, 3, 4],
        "gzip header only" => [0x1f, 0x8b, 8, 0, 1, 2, 3],
        "gzip bomb" => ReaderFixtures.Gzip(XyText(5_000_000)),
        "gzip bomb with a forged size" => WithIsize(ReaderFixtures.Gzip(XyText(5_000_000)), 1000),
        "plain file over the limit" => XyText(2_000_000),
        "zip bomb (ratio)" => Zip(("Experiment0/RawData0.xml", new byte[5_000_000], CompressionLevel.SmallestSize)),
        "zip entry over the limit" => Zip(("Data0/Profile0.txt", XyText(1_500_000), CompressionLevel.Fastest)),
        "too many points" => XyText(60_000),
        "too many values" => Encoding.ASCII.GetBytes(Xrdml("", string.Join(' ', Enumerable.Repeat("7", 1001)))),
        "endless line" => Encoding.ASCII.GetBytes("10 " + new string('1', 200_000)),
        "NUL bytes" => [.. Xy(2), 0, .. Xy()],
        "NUL bytes in gzip" => ReaderFixtures.Gzip([.. Xy(2), 0, .. Xy()]),
        "wrong magic" => Encoding.ASCII.GetBytes("RIFF\0\0\0\0WAVEfmt "),
        "not a zip" => Encoding.ASCII.GetBytes("<RawData/>"),
        "zip of something else" => Zip(("readme.txt", "hello"u8.ToArray(), CompressionLevel.Fastest)),
        "entity expansion" => Encoding.ASCII.GetBytes(Xrdml("""<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>""", "&c;")),
        "an endless number" => Encoding.ASCII.GetBytes(Xrdml("", new string('9', 1000))),
        "a bank of two billion channels" => Encoding.ASCII.GetBytes("t\nBANK 1 2000000000 10 CONS 800 1 0 0 FXYE\n800 1 1\n"),
        "truncated GSAS bank" => Encoding.ASCII.GetBytes("t\nBANK 1 30 30 CONS 800 1 0 0 FXYE\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{800 + i} 5 1\n"))),
        "XML nested 100,000 deep" => Zip(("Experiment0/RawData0.xml", Encoding.ASCII.GetBytes(
            "<RawData><FixedInformation>" + string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000)) + "</FixedInformation></RawData>"), CompressionLevel.Fastest)),
        "a Datum row of 100,000 characters" => Zip(("Experiment0/RawData0.xml", Encoding.ASCII.GetBytes(
            "<RawData><DataRoutes><DataRoute><Datum>" + string.Join(',', Enumerable.Repeat("1", 50_000)) + "</Datum></DataRoute></DataRoutes></RawData>"), CompressionLevel.Fastest)),
        "truncated RAS" => Encoding.ASCII.GetBytes("*RAS_DATA_START\n*RAS_HEADER_START\n*RAS_HEADER_END\n*RAS_INT_START\n10 1 1\n"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The small limits; a ratio needs an entry over 1 MiB, and a forged size is met by the byte limit first.</summary>
    private static MeasuredReadOptions Options(string kind) => kind switch
    {
        "zip bomb (ratio)" => Small with { MaxDecompressedBytes = 10_000_000 },
        "gzip bomb with a forged size" => Small with { MaxPoints = 10_000_000 },
        _ => Small,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachBadFileIsRefusedWithItsReasonWithinASecond(string name, string kind, string reason)
    {
        var bytes = Bytes(kind);
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(new MemoryStream(bytes), name, Options(kind)));
        clock.Stop();
        if (reason.EndsWith('…')) Assert.StartsWith(reason[..^1], e.Reason);
        else Assert.Equal(reason, e.Reason);
        Assert.Equal(name, e.Location.File);
        Assert.StartsWith(name, e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{kind}: {clock.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public void TheSameFilesFromAStreamThatCannotSeekAreRefusedAlike()
    {
        // without seeking the declared gzip size cannot be read first: the limit is met while decompressing
        var e = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(new ReaderFixtures.OneWay(Bytes("gzip bomb")), "bomb.xy.gz", Options("gzip bomb with a forged size")));
        Assert.Equal("gzip data expands to more than 1,000,000 bytes (the limit, MeasuredReadOptions.MaxDecompressedBytes): refused as too large or a decompression bomb", e.Reason);
        var cut = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(new ReaderFixtures.OneWay(Bytes("truncated gzip")), "cut.xy.gz", Small));
        Assert.Contains("the file is truncated or damaged", cut.Reason);
        var zip = Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(new ReaderFixtures.OneWay(ReaderFixtures.Gzip(Bytes("zip bomb (ratio)"))), "bomb.brml.gz", Options("zip bomb (ratio)")));
        Assert.Contains("refused as a zip bomb", zip.Reason);
    }

    [Fact]
    public void FoldersAndMissingFilesAreNamed()
    {
        using var files = new TempFiles();
        Assert.Equal("is a folder, not a pattern file", Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(files.Folder)).Reason);
        Assert.Equal("file not found", Assert.Throws<DiffractionException>(() => MeasuredPatternReader.Read(Path.Combine(files.Folder, "none.xy"))).Reason);
    }
}
