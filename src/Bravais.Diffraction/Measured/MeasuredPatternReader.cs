using System.IO.Compression;
using System.Text;
using Bravais.Crystallography;

namespace Bravais.Diffraction.Measured;

/// <summary>The file formats <see cref="MeasuredPatternReader"/> understands.</summary>
public enum MeasuredFormat { TextColumns, Xrdml, Gsas }

/// <summary>
/// Reads a measured powder pattern from any supported file, choosing the reader from the extension (after
/// stripping .gz) and, where the extension says nothing, from the content. Gzip is recognised by its magic
/// bytes, whatever the file is called.
/// </summary>
public static class MeasuredPatternReader
{
    public static IReadOnlyList<string> TextExtensions { get; } = [".xy", ".xye", ".dat", ".txt", ".csv", ".asc", ".chi"];
    public static IReadOnlyList<string> GsasExtensions { get; } = [".gsa", ".gss", ".gsas", ".fxye", ".gs2"];

    public static MeasuredPattern Read(string path, MeasuredReadOptions? options = null)
    {
        if (!File.Exists(path)) throw new DiffractionException("file not found", new SourceLocation(path));
        using var stream = File.OpenRead(path);
        return Read(stream, path, options);
    }

    /// <summary>Reads from a stream; <paramref name="source"/> names it in errors and picks the format by extension.</summary>
    public static MeasuredPattern Read(Stream stream, string source, MeasuredReadOptions? options = null)
    {
        var bytes = ReadAll(stream);
        var name = source;
        if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            try
            {
                using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                bytes = ReadAll(gz);
            }
            catch (EndOfStreamException e)
            {
                throw new DiffractionException($"corrupt gzip data: {e.Message}", new SourceLocation(source), e);
            }
            catch (InvalidDataException e)
            {
                throw new DiffractionException($"corrupt gzip data: {e.Message}", new SourceLocation(source), e);
            }
            if (bytes.Length == 0) throw new DiffractionException("corrupt or empty gzip data (nothing decompressed)", new SourceLocation(source));
            if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        }
        var format = Detect(name, bytes);
        try
        {
            return format switch
            {
                MeasuredFormat.Xrdml => XrdmlReader.Read(new MemoryStream(bytes), source, options),
                MeasuredFormat.Gsas => GsasReader.Read(Text(bytes), source, options),
                _ => TextColumnsReader.Read(Text(bytes), source, options),
            };
        }
        catch (DecoderFallbackException e)
        {
            throw new DiffractionException("the file is binary, not text (supported: text columns, XRDML, GSAS)", new SourceLocation(source), e);
        }
    }

    public static MeasuredFormat Detect(string name, ReadOnlySpan<byte> content)
    {
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (ext == ".xrdml") return MeasuredFormat.Xrdml;
        if (GsasExtensions.Contains(ext)) return MeasuredFormat.Gsas;
        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 4096)]);
        if (head.TrimStart('\uFEFF', ' ', '\r', '\n', '\t').StartsWith('<') && head.Contains("xrdMeasurements", StringComparison.Ordinal))
            return MeasuredFormat.Xrdml;
        if (!TextExtensions.Contains(ext) && head.Split('\n').Take(20).Any(l => l.TrimStart().StartsWith("BANK ", StringComparison.Ordinal)))
            return MeasuredFormat.Gsas;
        return MeasuredFormat.TextColumns;
    }

    private static StringReader Text(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
            throw new DecoderFallbackException("NUL byte");
        var enc = new UTF8Encoding(false, throwOnInvalidBytes: false);
        return new StringReader(enc.GetString(bytes).TrimStart('\uFEFF'));
    }

    private static byte[] ReadAll(Stream s)
    {
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }
}
