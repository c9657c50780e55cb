using System.Buffers.Binary;
using System.Text;
using Bravais.Crystallography;

namespace Bravais.Diffraction.Measured.Input;

/// <summary>
/// Little-endian fields of a binary file read in order from a stream (no seeking, so gzip works too), with the byte
/// offset of each: a file that ends early is an error naming the field and its offset, never a short read.
/// </summary>
internal sealed class BinaryCursor(Stream stream, string source)
{
    private readonly byte[] _buffer = new byte[256];

    public long Offset { get; private set; }
    public string Source => source;

    public SourceLocation At(string field, long? offset = null) =>
        new(source, Field: FormattableString.Invariant($"{field} at byte {offset ?? Offset}"));

    /// <summary>Fills <paramref name="into"/>; false (and nothing consumed) only at a clean end of the stream.</summary>
    public bool TryRead(Span<byte> into, string field)
    {
        var n = stream.ReadAtLeast(into, into.Length, throwOnEndOfStream: false);
        if (n == 0 && into.Length > 0) return false;
        if (n < into.Length) throw Truncated(field, into.Length, n);
        Offset += n;
        return true;
    }

    /// <summary>Reads as much of <paramref name="into"/> as the stream still holds; the count read.</summary>
    public int ReadUpTo(Span<byte> into)
    {
        var n = stream.ReadAtLeast(into, into.Length, throwOnEndOfStream: false);
        Offset += n;
        return n;
    }

    public void Read(Span<byte> into, string field)
    {
        if (!TryRead(into, field)) throw Truncated(field, into.Length, 0);
    }

    public int Int32(string field) { Read(_buffer.AsSpan(0, 4), field); return BinaryPrimitives.ReadInt32LittleEndian(_buffer); }
    public uint UInt32(string field) { Read(_buffer.AsSpan(0, 4), field); return BinaryPrimitives.ReadUInt32LittleEndian(_buffer); }
    public float Single(string field) { Read(_buffer.AsSpan(0, 4), field); return BinaryPrimitives.ReadSingleLittleEndian(_buffer); }
    public double Double(string field) { Read(_buffer.AsSpan(0, 8), field); return BinaryPrimitives.ReadDoubleLittleEndian(_buffer); }

    /// <summary>A fixed-width text field: Latin-1, up to the first NUL, trimmed.</summary>
    public string Text(int length, string field)
    {
        var bytes = length <= _buffer.Length ? _buffer.AsSpan(0, length) : new byte[length];
        Read(bytes, field);
        var end = bytes.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? bytes : bytes[..end]).Trim();
    }

    /// <summary>Skips <paramref name="count"/> bytes by reading them (bounded by the content limit of the stream below).</summary>
    public void Skip(long count, string field)
    {
        if (count < 0) throw new DiffractionException($"{field}: negative length {count}", At(field));
        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            var chunk = (int)Math.Min(count, scratch.Length);
            Read(scratch[..chunk], field);
            count -= chunk;
        }
    }

    /// <summary>Moves forward to an absolute offset (never back).</summary>
    public void SkipTo(long offset, string field)
    {
        if (offset < Offset) throw new DiffractionException(FormattableString.Invariant($"{field} would start at byte {offset}, before byte {Offset} already read"), At(field));
        Skip(offset - Offset, field);
    }

    private DiffractionException Truncated(string field, int wanted, int got) =>
        new($"the file ends inside {field} ({got} of {wanted} bytes): it is truncated", At(field));
}
