using System.Text;
using Bravais.Crystallography;
using Bravais.Diffraction.Measured.Input;

namespace Bravais.Diffraction.Measured;

/// <summary>The file formats <see cref="MeasuredPatternReader"/> understands.</summary>
public enum MeasuredFormat
{
    TextColumns,
    Xrdml,
    Gsas,
    /// <summary>Bruker DIFFRAC.SUITE .brml (a zip of XML).</summary>
    Brml,
    /// <summary>Bruker DIFFRAC .raw, binary (versions 3 and 4 read; 1 and 2 recognised and refused).</summary>
    BrukerRaw,
    /// <summary>Rigaku .ras (text).</summary>
    Ras,
    /// <summary>Rigaku .rasx (a zip of a profile and its conditions).</summary>
    Rasx,
    /// <summary>A zip archive not named .brml or .rasx: its entries decide which of the two it is.</summary>
    ZipArchive,
}

/// <summary>
/// Reads a measured powder pattern from any supported file, choosing the reader from the extension (after stripping
/// .gz) and from the content (magic bytes: gzip, zip, <c>RAW1.01</c>/<c>RAW4.00</c>, <c>*RAS_DATA_START</c>,
/// <c>&lt;xrdMeasurements</c>, a GSAS <c>BANK</c> record). Files are streamed, never read whole into memory; gzip is
/// checked against its trailer (a truncated file is an error); and every read stays within the limits of
/// <see cref="MeasuredReadOptions"/> (decompressed bytes, points, archive entry ratios). Every failure is a
/// <see cref="DiffractionException"/> naming the file.
/// </summary>
public static class MeasuredPatternReader
{
    public static IReadOnlyList<string> TextExtensions { get; } = [".xy", ".xye", ".dat", ".txt", ".csv", ".asc", ".chi"];
    public static IReadOnlyList<string> GsasExtensions { get; } = [".gsa", ".gss", ".gsas", ".fxye", ".gs2"];

    public static MeasuredPattern Read(string path, MeasuredReadOptions? options = null)
    {
        if (Directory.Exists(path)) throw new DiffractionException("is a folder, not a pattern file", new SourceLocation(path));
        if (!File.Exists(path)) throw new DiffractionException("file not found", new SourceLocation(path));
        FileStream stream;
        try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiffractionException($"cannot be opened: {e.Message}", new SourceLocation(path), e);
        }
        using (stream) return Read(stream, path, options);
    }

    /// <summary>
    /// Reads from a stream (from its current position; it is not closed); <paramref name="source"/> names it in errors
    /// and picks the format by extension. A stream that cannot seek works for every format (archives are then copied
    /// into memory, within the byte limit).
    /// </summary>
    public static MeasuredPattern Read(Stream stream, string source, MeasuredReadOptions? options = null)
    {
        options ??= MeasuredReadOptions.Default;
        try
        {
            using var content = PatternContent.Open(stream, source, options);
            var format = Detect(content.Name, content.Head);
            if (format == MeasuredFormat.ZipArchive) format = ArchiveKind(content, source, options);
            switch (format)
            {
                case MeasuredFormat.Xrdml: return XrdmlReader.Read(content.Stream, source, options);
                case MeasuredFormat.BrukerRaw: return BrukerRawReader.Read(content.Stream, source, options);
                case MeasuredFormat.Brml: return BrmlReader.Read(content.Seekable(), source, options);
                case MeasuredFormat.Rasx: return RasxReader.Read(content.Seekable(), source, options);
            }
            using var text = new GuardedTextReader(content.Stream, source, leaveOpen: true);
            return format switch
            {
                MeasuredFormat.Gsas => GsasReader.Read(text, source, options),
                MeasuredFormat.Ras => RasReader.Read(text, source, options),
                _ => TextColumnsReader.Read(text, source, options),
            };
        }
        catch (IOException e)
        {
            throw new DiffractionException($"cannot be read: {e.Message}", new SourceLocation(source), e);
        }
    }

    /// <summary>The format a file of this name and first bytes (decompressed) is read as.</summary>
    public static MeasuredFormat Detect(string name, ReadOnlySpan<byte> content)
    {
        var ext = Path.GetExtension(name).ToLowerInvariant();
        var head = content[..Math.Min(content.Length, PatternContent.HeadLength)];
        var zip = head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8);
        switch (ext)
        {
            case ".xrdml": return MeasuredFormat.Xrdml;
            case ".brml": return MeasuredFormat.Brml;
            case ".rasx": return MeasuredFormat.Rasx;
            case ".ras": return MeasuredFormat.Ras;
            case ".raw" when BrukerRawReader.LooksLikeRaw(head) || head.IndexOf((byte)0) >= 0: return MeasuredFormat.BrukerRaw;
        }
        if (GsasExtensions.Contains(ext)) return MeasuredFormat.Gsas;
        if (zip) return MeasuredFormat.ZipArchive;
        if (BrukerRawReader.LooksLikeRaw(head)) return MeasuredFormat.BrukerRaw;
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (text.StartsWith(RasReader.Magic, StringComparison.Ordinal)) return MeasuredFormat.Ras;
        if (text.StartsWith('<') && text.Contains("xrdMeasurements", StringComparison.Ordinal)) return MeasuredFormat.Xrdml;
        if (!TextExtensions.Contains(ext) && text.Split('\n').Take(20).Any(l => l.TrimStart().StartsWith("BANK ", StringComparison.Ordinal)))
            return MeasuredFormat.Gsas;
        return MeasuredFormat.TextColumns;
    }

    /// <summary>A zip archive under another name: a .brml when it holds RawData XML, a .rasx when it holds a profile.</summary>
    private static MeasuredFormat ArchiveKind(PatternContent content, string source, MeasuredReadOptions options)
    {
        using var archive = PatternArchive.Open(content.Seekable(), source, options, "a .brml or .rasx file");
        var names = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
        if (names.Any(n => n.Contains("/RawData", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            return MeasuredFormat.Brml;
        if (names.Any(n => n.Contains("/Profile", StringComparison.OrdinalIgnoreCase) || n.Contains("MesurementConditions", StringComparison.OrdinalIgnoreCase)))
            return MeasuredFormat.Rasx;
        throw new DiffractionException("a zip archive holding neither a Bruker .brml scan (Experiment0/RawData0.xml) nor a Rigaku .rasx profile (Data0/Profile0.txt)", new SourceLocation(source));
    }
}
