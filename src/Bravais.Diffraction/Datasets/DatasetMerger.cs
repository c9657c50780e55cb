using System.IO.Compression;
using System.Text;

namespace Bravais.Diffraction.Datasets;

/// <summary>The outcome of a merge. <see cref="Ragged"/>: rows left out because their width differs from the header's (file, line).</summary>
public sealed record DatasetMergeSummary(long Rows, long Duplicates, long Errors, string OutputPath, string ErrorsPath)
{
    public IReadOnlyList<DiffractionException> Ragged { get; init; } = [];
}

/// <summary>
/// Joins shard outputs of <see cref="DatasetBuilder"/> into one NANO281 CSV: shards in the order given, rows in
/// their order, an id seen before dropped (counted as a duplicate); the shards' error sidecars are joined too.
/// Headers must agree; a row with another number of fields than the header (a damaged shard) is left out and
/// reported with its file and line. Written to temporary files and renamed into place, so an interrupted merge leaves no
/// half-written output.
/// </summary>
public static class DatasetMerger
{
    public static DatasetMergeSummary Merge(IReadOnlyList<string> shards, string outputPath, CancellationToken cancellationToken = default)
    {
        if (shards.Count == 0) throw new DiffractionException("nothing to merge: give at least one shard");
        outputPath = Path.GetFullPath(outputPath);
        foreach (var s in shards)
            if (Path.GetFullPath(s) == outputPath) throw new DiffractionException("the merged output must not be one of the shards", new Crystallography.SourceLocation(s));
        var errorsPath = DatasetOutput.ErrorsPathFor(outputPath);
        var tmp = outputPath + ".tmp";
        var errorsTmp = errorsPath + ".tmp";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errorLines = new HashSet<string>(StringComparer.Ordinal);
        long rows = 0, duplicates = 0;
        string? header = null;
        var width = 0;
        var ragged = new List<DiffractionException>();
        using (var file = File.Create(tmp))
        using (var stream = outputPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Optimal) : (Stream)file)
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
        {
            foreach (var shard in shards)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var reader = OpenText(shard);
                var h = reader.ReadLine() ?? throw new DiffractionException("shard is empty (no header line)", new Crystallography.SourceLocation(shard, Line: 1));
                if (header is null) { header = h; width = Nano281Csv.FieldCount(h); writer.WriteLine(h); }
                else if (h != header) throw new DiffractionException("shard header differs from the first shard's (another preset or grid?)", new Crystallography.SourceLocation(shard, Line: 1));
                var lineNumber = 1;
                while (reader.ReadLine() is { } line)
                {
                    lineNumber++;
                    if (line.Length == 0) continue;
                    if (Nano281Csv.FieldCount(line) is var fields && fields != width)
                    {
                        ragged.Add(new DiffractionException($"row has {fields} fields, the header {width}; left out", new Crystallography.SourceLocation(shard, Line: lineNumber)));
                        continue;
                    }
                    if (!seen.Add(Nano281Csv.IdOf(line))) { duplicates++; continue; }
                    writer.WriteLine(line);
                    rows++;
                }
            }
        }
        using (var writer = new StreamWriter(errorsTmp, false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            writer.WriteLine(DatasetOutput.ErrorsHeader);
            foreach (var shard in shards)
            {
                var sidecar = DatasetOutput.ErrorsPathFor(shard);
                if (!File.Exists(sidecar)) continue;
                foreach (var line in File.ReadLines(sidecar).Skip(1))
                    if (line.Length > 0 && errorLines.Add(line)) writer.WriteLine(line);
            }
        }
        File.Move(tmp, outputPath, overwrite: true);
        File.Move(errorsTmp, errorsPath, overwrite: true);
        return new DatasetMergeSummary(rows, duplicates, errorLines.Count, outputPath, errorsPath) { Ragged = ragged };
    }

    private static StreamReader OpenText(string path)
    {
        if (!File.Exists(path)) throw new DiffractionException("shard not found", new Crystallography.SourceLocation(path));
        Stream s = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) s = new GZipStream(s, CompressionMode.Decompress);
        return new StreamReader(s, Encoding.UTF8, true, 1 << 16);
    }
}
