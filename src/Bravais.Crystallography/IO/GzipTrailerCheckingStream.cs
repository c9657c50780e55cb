using System.Buffers.Binary;
using System.IO.Compression;

namespace Bravais.Crystallography.IO;

/// <summary>
/// Decompresses gzip data from any stream (a file, a zip entry, an upload; seekable or not) and, at the end, checks
/// the decompressed length against the ISIZE field of the gzip trailer (the compressed data's last four bytes).
/// .NET's <see cref="GZipStream"/> verifies the CRC of a complete member but ends silently on a truncated one; this
/// turns that into an <see cref="InvalidDataException"/>, so a half-copied file is never read as complete. The last
/// four bytes are remembered as they pass by (no seeking), so bytes appended after the member are caught too. A
/// multi-member gzip file (concatenated .gz files) has only its last member's size in the trailer and is reported as
/// truncated; recompress it as one member.
/// </summary>
public sealed class GzipTrailerCheckingStream : Stream
{
    /// <summary>At most this many bytes after the end of the deflate data are read to reach the trailer.</summary>
    private const int MaxTrailingBytes = 1 << 20;

    private readonly TailRecordingStream _compressed;
    private readonly GZipStream _gzip;
    private long _decompressed;
    private bool _checked;

    /// <param name="compressed">gzip data from its first byte; disposed with this stream unless <paramref name="leaveOpen"/>.</param>
    public GzipTrailerCheckingStream(Stream compressed, bool leaveOpen = false)
    {
        _compressed = new TailRecordingStream(compressed, leaveOpen);
        _gzip = new GZipStream(_compressed, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>
    /// The uncompressed size (mod 2³²) a seekable gzip stream's trailer declares, read without decompressing (the
    /// stream's position is restored); null when the stream cannot seek or is too short to hold a trailer. A cheap
    /// early check against a size limit — the trailer can lie, so a limit must still be enforced while reading.
    /// </summary>
    public static uint? DeclaredSize(Stream compressed)
    {
        if (!compressed.CanSeek) return null;
        var position = compressed.Position;
        if (compressed.Length - position < 18) return null;
        Span<byte> trailer = stackalloc byte[4];
        try
        {
            compressed.Seek(-4, SeekOrigin.End);
            compressed.ReadExactly(trailer);
        }
        finally { compressed.Position = position; }
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _gzip.Read(buffer);
        _decompressed += n;
        if (n == 0 && buffer.Length > 0 && !_checked) CheckTrailer();
        return n;
    }

    private void CheckTrailer()
    {
        _checked = true;
        if (!_compressed.DrainToEnd(MaxTrailingBytes))
            throw new InvalidDataException($"more than {MaxTrailingBytes} bytes follow the end of the gzip data");
        if (_compressed.Total < 18) throw new InvalidDataException("gzip data is too short to hold a header and trailer");
        var isize = _compressed.LastFourLittleEndian;
        if (isize != (uint)_decompressed)
            throw new InvalidDataException($"{_decompressed} bytes decompressed but the gzip trailer records {isize} (mod 2^32): the file is truncated or damaged");
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
            _compressed.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Passes reads through and remembers the last four bytes and the count read.</summary>
    private sealed class TailRecordingStream(Stream inner, bool leaveOpen) : Stream
    {
        private uint _tail; // the last four bytes read, the newest in the high byte
        public long Total { get; private set; }

        public uint LastFourLittleEndian => _tail;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            Record(buffer[..n]);
            return n;
        }

        private void Record(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes[Math.Max(0, bytes.Length - 4)..]) _tail = (_tail >> 8) | ((uint)b << 24);
            Total += bytes.Length;
        }

        /// <summary>Reads what remains (at most <paramref name="limit"/> bytes); false when more remains.</summary>
        public bool DrainToEnd(int limit)
        {
            Span<byte> buffer = stackalloc byte[4096];
            long drained = 0;
            int n;
            while ((n = Read(buffer)) > 0)
            {
                drained += n;
                if (drained > limit) return false;
            }
            return true;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
