using System.IO.Compression;
using Bravais.Crystallography;

namespace Bravais.Diffraction.Measured.Input;

/// <summary>
/// A zip archive holding a pattern (Bruker .brml, Rigaku .rasx), opened with limits against zip bombs: at most
/// <see cref="MaxEntries"/> entries; an entry may not declare more than the byte limit nor, above 1 MiB, a compression
/// ratio above <see cref="MeasuredReadOptions.MaxCompressionRatio"/>; and everything read from all entries together
/// counts against <see cref="MeasuredReadOptions.MaxDecompressedBytes"/> as it is read (declared sizes can lie).
/// Errors name the file and the entry (as the location's block).
/// </summary>
internal sealed class PatternArchive : IDisposable
{
    /// <summary>Real .brml/.rasx files hold tens of entries; a central directory of a million entries is itself a bomb.</summary>
    public const int MaxEntries = 10_000;
    private const long RatioCheckedAbove = 1 << 20;

    private readonly ZipArchive _zip;
    private readonly string _source;
    private readonly MeasuredReadOptions _options;
    private readonly ByteBudget _budget;
    private readonly string _kind;

    private PatternArchive(ZipArchive zip, string source, MeasuredReadOptions options, string kind)
    {
        _zip = zip;
        _source = source;
        _options = options;
        _kind = kind;
        _budget = new ByteBudget(options.MaxDecompressedBytes);
    }

    /// <param name="kind">What the archive should be, for messages ("a .brml file").</param>
    public static PatternArchive Open(Stream seekable, string source, MeasuredReadOptions options, string kind)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            seekable.Dispose();
            throw new DiffractionException($"not a readable zip archive ({kind} is a zip archive; this one is truncated or corrupt: {e.Message})", new SourceLocation(source), e);
        }
        var archive = new PatternArchive(zip, source, options, kind);
        try
        {
            if (zip.Entries.Count > MaxEntries)
                throw new DiffractionException($"the archive holds {zip.Entries.Count:N0} entries, more than {MaxEntries:N0} ({kind} holds tens)", new SourceLocation(source));
        }
        catch (InvalidDataException e)
        {
            archive.Dispose();
            throw new DiffractionException($"not a readable zip archive (corrupt central directory: {e.Message})", new SourceLocation(source), e);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
        return archive;
    }

    public IReadOnlyList<ZipArchiveEntry> Entries => _zip.Entries;

    /// <summary>The entry at <paramref name="name"/> (case-insensitive, either slash), or null.</summary>
    public ZipArchiveEntry? Find(string name) =>
        _zip.Entries.FirstOrDefault(e => string.Equals(e.FullName.Replace('\\', '/'), name, StringComparison.OrdinalIgnoreCase));

    public SourceLocation Where(ZipArchiveEntry entry, int? line = null, string? field = null) =>
        new(_source, Block: entry.FullName, Line: line, Field: field);

    /// <summary>
    /// Opens an entry for streaming, within the limits; <paramref name="maxBytes"/> caps a small entry further. A second
    /// pass over an entry already read (<paramref name="again"/>) is limited on its own, not counted twice.
    /// </summary>
    public Stream Open(ZipArchiveEntry entry, long? maxBytes = null, bool again = false)
    {
        var where = Where(entry);
        var limit = Math.Min(maxBytes ?? long.MaxValue, _options.MaxDecompressedBytes);
        if (!again) limit = Math.Min(limit, _budget.Remaining);
        if (entry.Length > limit)
            throw new DiffractionException($"the entry declares {ContentStream.Mb(entry.Length)} uncompressed, more than the limit of {ContentStream.Mb(limit)} (MeasuredReadOptions.MaxDecompressedBytes)", where);
        if (entry.Length > RatioCheckedAbove && entry.Length > _options.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
            throw new DiffractionException(FormattableString.Invariant(
                $"the entry declares a compression ratio of {entry.Length / (double)Math.Max(1, entry.CompressedLength):0} ({ContentStream.Mb(entry.Length)} from {ContentStream.Mb(entry.CompressedLength)}), more than {_options.MaxCompressionRatio:0} (MeasuredReadOptions.MaxCompressionRatio): refused as a zip bomb"), where);
        Stream raw;
        try { raw = entry.Open(); }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            throw new DiffractionException($"the entry cannot be read (corrupt, encrypted or an unsupported compression: {e.Message})", where, e);
        }
        Stream content = new ContentStream(raw, again ? new ByteBudget(_options.MaxDecompressedBytes) : _budget, where, $"entry of {_kind}");
        if (maxBytes is { } cap) content = new ContentStream(content, new ByteBudget(cap), where, $"entry of {_kind}");
        return content;
    }

    public void Dispose() => _zip.Dispose();
}
