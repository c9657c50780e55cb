using System.Text;

namespace Bravais.Learning.Models.Common;

/// <summary>
/// The binary layout shared by the families' Save/Load: a magic string naming the family, a format
/// version, then the family's arrays (little-endian, length-prefixed). Reading a wrong, truncated or
/// newer stream fails with an <see cref="InvalidDataException"/> that says which.
/// </summary>
public static class ModelStreams
{
    public static BinaryWriter Writer(Stream stream) => new(stream, Encoding.UTF8, leaveOpen: true);

    public static BinaryReader Reader(Stream stream) => new(stream, Encoding.UTF8, leaveOpen: true);

    public static void WriteHeader(BinaryWriter w, string magic, int version)
    {
        w.Write(magic);
        w.Write(version);
    }

    /// <summary>Checks magic and version; returns the version read.</summary>
    public static int ReadHeader(BinaryReader r, string magic, int newestVersion)
    {
        string found;
        try { found = r.ReadString(); }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            throw new InvalidDataException($"not a {magic} model: the stream is empty or unreadable", e);
        }
        if (found != magic) throw new InvalidDataException($"not a {magic} model (found header '{Shorten(found)}')");
        var version = ReadOrTruncated(r, magic, x => x.ReadInt32());
        if (version < 1 || version > newestVersion)
            throw new InvalidDataException($"{magic} model format version {version} is not supported (this build reads up to {newestVersion}); it was written by a newer Bravais");
        return version;
    }

    /// <summary>The input and output width of a network model, after its header.</summary>
    public static void WriteShape(BinaryWriter w, int features, int classes)
    {
        w.Write(features);
        w.Write(classes);
    }

    public static (int Features, int Classes) ReadShape(BinaryReader r, string magic)
    {
        var features = ReadOrTruncated(r, magic, x => x.ReadInt32());
        var classes = ReadOrTruncated(r, magic, x => x.ReadInt32());
        if (features <= 0 || classes <= 1) throw new InvalidDataException($"{magic} model has an invalid shape ({features} features, {classes} classes)");
        return (features, classes);
    }

    /// <summary>Runs <paramref name="read"/>, turning end-of-stream into a clear "truncated" error.</summary>
    public static T ReadOrTruncated<T>(BinaryReader r, string magic, Func<BinaryReader, T> read)
    {
        try { return read(r); }
        catch (EndOfStreamException e) { throw new InvalidDataException($"{magic} model is truncated", e); }
    }

    public static void WriteArray(BinaryWriter w, ReadOnlySpan<float> values)
    {
        w.Write(values.Length);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    public static void WriteArray(BinaryWriter w, ReadOnlySpan<int> values)
    {
        w.Write(values.Length);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    public static void WriteArray(BinaryWriter w, ReadOnlySpan<double> values)
    {
        w.Write(values.Length);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    public static float[] ReadFloats(BinaryReader r, string magic, int maxLength = int.MaxValue) => ReadArray<float>(r, magic, maxLength);

    public static int[] ReadInts(BinaryReader r, string magic, int maxLength = int.MaxValue) => ReadArray<int>(r, magic, maxLength);

    public static double[] ReadDoubles(BinaryReader r, string magic, int maxLength = int.MaxValue) => ReadArray<double>(r, magic, maxLength);

    private static T[] ReadArray<T>(BinaryReader r, string magic, int maxLength) where T : unmanaged
    {
        var length = ReadOrTruncated(r, magic, x => x.ReadInt32());
        if (length < 0 || length > maxLength) throw new InvalidDataException($"{magic} model is corrupt: array length {length}");
        var stream = r.BaseStream;
        if (stream.CanSeek && (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() > stream.Length - stream.Position)
            throw new InvalidDataException($"{magic} model is truncated");
        var values = new T[length];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        var read = 0;
        while (read < bytes.Length)
        {
            var n = r.Read(bytes[read..]);
            if (n == 0) throw new InvalidDataException($"{magic} model is truncated");
            read += n;
        }
        return values;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
