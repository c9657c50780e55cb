using System.Buffers.Binary;
using System.IO.Compression;

namespace Bravais.Crystallography.IO;

/// <summary>
/// Decompresses a gzip file and, at the end, checks the decompressed length against the ISIZE field of the
/// gzip trailer (the file's last four bytes). .NET's <see cref="GZipStream"/> ends silently on a truncated
/// file; this turns that into an <see cref="InvalidDataException"/> so a half-copied file is never read as
/// complete. A multi-member gzip file (concatenated .gz files) has only its last member's size in the
/// trailer and is reported as truncated; recompress it as one member.
/// </summary>
public sealed class GzipTrailerCheckingStream : Stream
{
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private long _decompressed;
    private bool _checked;

    public GzipTrailerCheckingStream(FileStream file)
    {
        _file = file;
        _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _gzip.Read(buffer);
        _decompressed += n;
        if (n == 0 && buffer.Length > 0 && !_checked)
        {
            _checked = true;
            Span<byte> trailer = stackalloc byte[4];
            if (_file.Length < 18) throw new InvalidDataException("gzip file is too short to hold a header and trailer");
            _file.Seek(-4, SeekOrigin.End);
            _file.ReadExactly(trailer);
            var isize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            if (isize != (uint)_decompressed)
                throw new InvalidDataException($"{_decompressed} bytes decompressed but the gzip trailer records {isize} (mod 2^32)");
        }
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _decompressed; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }
}
