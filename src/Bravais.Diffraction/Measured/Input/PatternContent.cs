using Bravais.Crystallography;
using Bravais.Crystallography.IO;

namespace Bravais.Diffraction.Measured.Input;

/// <summary>
/// The content of a pattern file, opened for streaming: gzip (recognised by its magic bytes, whatever the name) is
/// decompressed through <see cref="GzipTrailerCheckingStream"/>, so a truncated or damaged file is an error; every byte
/// read counts against <see cref="MeasuredReadOptions.MaxDecompressedBytes"/>; the first <see cref="HeadLength"/> bytes
/// are kept for format detection without reading the rest.
/// </summary>
internal sealed class PatternContent : IDisposable
{
    public const int HeadLength = 4096;

    /// <summary>Deflate expands a byte to at most about 1032 (a run of one value); a little slack.</summary>
    private const long MaxDeflateRatio = 1100;

    private readonly Stream _raw;
    private readonly long _rawStart;
    private readonly SourceLocation _where;
    private readonly MeasuredReadOptions _options;
    private Stream? _stream;
    private MemoryStream? _copy;

    /// <summary>The source with a trailing <c>.gz</c> removed when the content was gzip: what the extension is taken from.</summary>
    public string Name { get; }
    public bool Gzip { get; }
    /// <summary>The first bytes of the (decompressed) content.</summary>
    public byte[] Head { get; }

    private PatternContent(Stream raw, string source, MeasuredReadOptions options)
    {
        _raw = raw;
        _rawStart = raw.CanSeek ? raw.Position : 0;
        _where = new SourceLocation(source);
        _options = options;
        var budget = new ByteBudget(options.MaxDecompressedBytes);

        var magic = Peek(ref raw, 2);
        _raw = raw;
        Gzip = magic is [0x1f, 0x8b];
        if (Gzip)
        {
            if (GzipTrailerCheckingStream.DeclaredSize(raw) is { } declared && declared > options.MaxDecompressedBytes && Plausible(raw, declared))
                throw new DiffractionException(
                    $"gzip data declares {ContentStream.Mb(declared)} uncompressed, more than the limit of {ContentStream.Mb(options.MaxDecompressedBytes)} (MeasuredReadOptions.MaxDecompressedBytes): refused as too large or a decompression bomb", _where);
            _stream = new ContentStream(new GzipTrailerCheckingStream(raw, leaveOpen: true), budget, _where, "gzip data");
            Name = source.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? source[..^3] : source;
        }
        else
        {
            if (raw.CanSeek && raw.Length - raw.Position > options.MaxDecompressedBytes)
                throw new DiffractionException(
                    $"the file is {ContentStream.Mb(raw.Length - raw.Position)}, more than the limit of {ContentStream.Mb(options.MaxDecompressedBytes)} (MeasuredReadOptions.MaxDecompressedBytes)", _where);
            _stream = new ContentStream(raw, budget, _where, "file", leaveOpen: true);
            Name = source;
        }
        try
        {
            var content = _stream;
            Head = Peek(ref content, HeadLength);
            _stream = content;
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether a trailer's size over the limit is what this gzip stream expands to — then the file is refused before
    /// decompressing — or the garbage tail of a truncated file, which must be read to be reported as truncated. The size
    /// is plausible when it is at most four times what the data's own compression ratio, measured on its first 1 MiB
    /// (at most 64 MB of output), gives for the whole file; deflate never exceeds about 1030:1 either way.
    /// </summary>
    private static bool Plausible(Stream seekable, uint declared)
    {
        var start = seekable.Position;
        var compressed = seekable.Length - start;
        if (declared > MaxDeflateRatio * compressed) return false;
        try
        {
            var input = new CountingInput(seekable, 1 << 20);
            using var gzip = new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true);
            var buffer = new byte[1 << 16];
            long output = 0;
            int n;
            while (output < 64_000_000 && (n = gzip.Read(buffer)) > 0) output += n;
            return input.Count > 0 && declared <= 4.0 * output / input.Count * compressed;
        }
        catch (InvalidDataException) { return false; } // damaged: let the read report it
        finally { seekable.Position = start; }
    }

    /// <summary>Reads at most <paramref name="cap"/> bytes of a stream, counting them.</summary>
    private sealed class CountingInput(Stream inner, long cap) : Stream
    {
        public long Count { get; private set; }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, cap - Count)]);
            Count += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Opens <paramref name="raw"/> (from its current position); the caller keeps ownership of <paramref name="raw"/>.</summary>
    public static PatternContent Open(Stream raw, string source, MeasuredReadOptions options) => new(raw, source, options);

    /// <summary>The content from its first byte, counted and limited; read it once.</summary>
    public Stream Stream => _stream ?? throw new InvalidOperationException("the content stream was handed over already");

    /// <summary>
    /// The content as a seekable stream (what a zip archive needs): the file itself when it is plain and seekable,
    /// else a copy in memory of at most <see cref="MeasuredReadOptions.MaxDecompressedBytes"/>.
    /// </summary>
    public Stream Seekable()
    {
        if (!Gzip && _raw.CanSeek)
        {
            _raw.Position = _rawStart;
            return new NonClosingStream(_raw);
        }
        if (_copy is null)
        {
            _copy = new MemoryStream();
            Stream.CopyTo(_copy);
        }
        _copy.Position = 0;
        return new NonClosingStream(_copy);
    }

    /// <summary>The first <paramref name="count"/> bytes (fewer at the end); a stream that cannot seek is replaced by one that replays them.</summary>
    private static byte[] Peek(ref Stream stream, int count)
    {
        var buffer = new byte[count];
        if (stream.CanSeek)
        {
            var position = stream.Position;
            var n = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
            stream.Position = position;
            return buffer[..n];
        }
        var read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        var head = buffer[..read];
        stream = new PrefixStream(head, stream);
        return head;
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _copy?.Dispose();
    }

    /// <summary>Replays bytes already read, then continues with the stream they came from.</summary>
    private sealed class PrefixStream(byte[] prefix, Stream rest) : Stream
    {
        private int _offset;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_offset < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _offset);
                prefix.AsSpan(_offset, n).CopyTo(buffer);
                _offset += n;
                return n;
            }
            return rest.Read(buffer);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) rest.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>The caller's seekable stream, handed to an archive reader that must not close it.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
