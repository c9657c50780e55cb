using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Bravais.Crystallography.IO;
using Xunit;

namespace Bravais.Crystallography.Tests.IO;

public class GzipTrailerCheckingStreamTests
{
    private static readonly byte[] Text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i * 0.01:F2} {i % 97}\n")));

    private static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(bytes);
        return output.ToArray();
    }

    /// <summary>A stream that cannot seek, as an upload or a pipe.</summary>
    private sealed class OneWay(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }

    private static byte[] Decompress(Stream compressed)
    {
        using var gz = new GzipTrailerCheckingStream(compressed);
        var output = new MemoryStream();
        gz.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public void WholeFilesDecompressFromSeekableAndOneWayStreams()
    {
        var gz = Gzip(Text);
        Assert.Equal(Text, Decompress(new MemoryStream(gz)));
        Assert.Equal(Text, Decompress(new OneWay(gz)));
        Assert.Equal((uint)Text.Length, GzipTrailerCheckingStream.DeclaredSize(new MemoryStream(gz)));
        Assert.Null(GzipTrailerCheckingStream.DeclaredSize(new OneWay(gz)));
    }

    [Theory]
    [InlineData(4)]    // the size field lost: .NET's GZipStream alone returns everything and says nothing
    [InlineData(8)]    // the whole trailer lost
    [InlineData(5000)] // half the file: GZipStream alone returns a fragment
    public void TruncatedFilesAreErrorsOnEveryKindOfStream(int cut)
    {
        var gz = Gzip(Text);
        foreach (var stream in (Stream[])[new MemoryStream(gz[..^cut]), new OneWay(gz[..^cut])])
            Assert.Contains("truncated or damaged", Assert.Throws<InvalidDataException>(() => Decompress(stream)).Message);
    }

    [Fact]
    public void BytesAfterTheMemberAndAForgedSizeAreErrors()
    {
        var gz = Gzip(Text);
        Assert.Throws<InvalidDataException>(() => Decompress(new MemoryStream([.. gz, 1, 2, 3, 4, 5])));
        var forged = gz.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(forged.AsSpan(forged.Length - 4), 100);
        Assert.Throws<InvalidDataException>(() => Decompress(new OneWay(forged)));
        Assert.Equal(100u, GzipTrailerCheckingStream.DeclaredSize(new MemoryStream(forged)));
    }

    [Fact]
    public void TheCallersStreamStaysOpenWhenAsked()
    {
        var source = new MemoryStream(Gzip(Text));
        using (var gz = new GzipTrailerCheckingStream(source, leaveOpen: true)) gz.CopyTo(Stream.Null);
        Assert.True(source.CanRead);
        using (var gz = new GzipTrailerCheckingStream(source)) { }
        Assert.False(source.CanRead);
    }
}
