using System.IO.Compression;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// A set of structure ids read from a file: one id a line, or the first column of a CSV/TSV (a header whose first
/// field is "id" or "cod_id" is skipped), plain or .gz — e.g. an existing NANO281 CSV, to rebuild exactly its rows.
/// </summary>
public static class IdList
{
    public static HashSet<string> Read(string path)
    {
        if (!File.Exists(path)) throw new DiffractionException("id list not found", new Crystallography.SourceLocation(path));
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        while (reader.ReadLine() is { } line)
        {
            var id = line.Contains('\t') ? line[..line.IndexOf('\t')] : Nano281Csv.IdOf(line);
            id = id.Trim();
            if (first && id is "id" or "cod_id") { first = false; continue; }
            first = false;
            if (id.Length > 0) ids.Add(id);
        }
        return ids;
    }
}
