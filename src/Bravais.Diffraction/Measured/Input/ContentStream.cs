using Bravais.Crystallography;

namespace Bravais.Diffraction.Measured.Input;

/// <summary>A count of bytes that may still be read; shared by the entries of one archive so that together they stay within the limit.</summary>
internal sealed class ByteBudget(long limit)
{
    public long Limit { get; } = limit;
    public long Used { get; set; }
    public long Remaining => Limit - Used;
}

/// <summary>
/// The bytes of a pattern as a reader sees them: counted against a <see cref="ByteBudget"/> (the read is refused with a
/// one-line error the moment it passes the limit, however much more the gzip stream or archive entry would expand to),
/// and with the errors of the layer below (a damaged gzip or deflate stream) turned into <see cref="DiffractionException"/>s
/// that name the file and what was being read.
/// </summary>
internal sealed class ContentStream(Stream inner, ByteBudget budget, SourceLocation where, string what, bool leaveOpen = false) : Stream
{
    public long Consumed { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0) return 0;
        // ask for at most one byte more than allowed: enough to see that the limit is passed, never much beyond it
        var allowed = (int)Math.Min(buffer.Length, Math.Max(0, budget.Remaining) + 1);
        int n;
        try { n = inner.Read(buffer[..allowed]); }
        catch (InvalidDataException e) { throw new DiffractionException($"corrupt {what}: {e.Message}", where, e); }
        catch (EndOfStreamException e) { throw new DiffractionException($"corrupt {what}: it ends early ({e.Message})", where, e); }
        Consumed += n;
        budget.Used += n;
        if (budget.Used > budget.Limit) throw LimitExceeded(budget.Limit, where, what);
        return n;
    }

    public static DiffractionException LimitExceeded(long limit, SourceLocation where, string what) =>
        new($"{what} expands to more than {Mb(limit)} (the limit, MeasuredReadOptions.MaxDecompressedBytes): refused as too large or a decompression bomb", where);

    public static string Mb(long bytes) => bytes >= 10_000_000
        ? FormattableString.Invariant($"{bytes / 1e6:0} MB")
        : FormattableString.Invariant($"{bytes:N0} bytes");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Consumed; set => throw new NotSupportedException(); }
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
