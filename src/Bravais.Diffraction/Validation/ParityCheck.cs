using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Powder;

namespace Bravais.Diffraction.Validation;

/// <summary>One structure's parity outcome: agreement, or the problems and, where known, their cause.</summary>
public sealed record ParityOutcome(string Id, bool Agrees, IReadOnlyList<string> Problems, string? Cause);

/// <summary>The outcome of a parity run.</summary>
public sealed record ParityReport(IReadOnlyList<ParityOutcome> Outcomes)
{
    public int Count => Outcomes.Count;
    public int Agreeing => Outcomes.Count(o => o.Agrees);
    public double Fraction => Count == 0 ? 0 : (double)Agreeing / Count;
}

/// <summary>
/// Checks <see cref="PowderCalculator"/> against pymatgen reference peak lists (the jsonl.gz files of
/// ../shared/data/parity: one JSON object a line with id, nsites, two_theta, intensity). Structures are found by id:
/// an MP id is a block of ../shared/data/mp/&lt;chunk&gt; (chunk from labels.tsv); any other id is a path under
/// the COD folder (its first readable block).
/// </summary>
public static class ParityCheck
{
    public static IReadOnlyList<ReferencePeaks> ReadReference(string path, int? limit = null)
    {
        var list = new List<ReferencePeaks>();
        using var stream = File.OpenRead(path);
        using var gz = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var reader = new StreamReader(gz);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                list.Add(new ReferencePeaks(
                    r.GetProperty("id").GetString()!,
                    r.TryGetProperty("nsites", out var n) ? n.GetInt32() : null,
                    r.GetProperty("two_theta").EnumerateArray().Select(x => x.GetDouble()).ToArray(),
                    r.GetProperty("intensity").EnumerateArray().Select(x => x.GetDouble()).ToArray()));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new DiffractionException($"not a parity record: {e.Message}", new Crystallography.SourceLocation(path, Line: lineNumber));
            }
            if (limit is int l && list.Count >= l) break;
        }
        return list;
    }

    /// <summary>
    /// Runs the comparison for every reference. <paramref name="mpFolder"/> holds the mp-NN.cif.gz chunks and labels.tsv;
    /// <paramref name="codFolder"/> the COD tree. Structures are computed on <paramref name="jobs"/> threads.
    /// </summary>
    public static ParityReport Run(IReadOnlyList<ReferencePeaks> references, string mpFolder, string codFolder, PowderOptions? options = null,
        int jobs = 0, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var structures = LoadStructures(references, mpFolder, codFolder, cancellationToken);
        var calculator = new PowderCalculator(options);
        var outcomes = new ParityOutcome[references.Count];
        var done = 0;
        var po = new ParallelOptions { MaxDegreeOfParallelism = jobs > 0 ? jobs : Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.For(0, references.Count, po, () => new PowderWorkspace(), (i, _, ws) =>
        {
            var reference = references[i];
            if (!structures.TryGetValue(reference.Id, out var loaded) || loaded.Structure is null)
            {
                outcomes[i] = new ParityOutcome(reference.Id, false, [loaded.Error ?? "structure not found"], "structure could not be read");
            }
            else
            {
                try
                {
                    var peaks = calculator.Calculate(loaded.Structure, ws);
                    var problems = PeakListComparison.Compare(reference, peaks);
                    string? cause = null;
                    if (problems.Count > 0 && reference.SiteCount is int n && n != loaded.Structure.SiteCount)
                        cause = $"different structure: pymatgen read {n} sites, we read {loaded.Structure.SiteCount}";
                    outcomes[i] = new ParityOutcome(reference.Id, problems.Count == 0, problems, cause);
                }
                catch (DiffractionException e)
                {
                    outcomes[i] = new ParityOutcome(reference.Id, false, [e.Message], "calculation refused");
                }
            }
            var d = Interlocked.Increment(ref done);
            if ((d & 63) == 0) progress?.Report(d);
            return ws;
        }, _ => { });
        progress?.Report(references.Count);
        return new ParityReport(outcomes);
    }

    private readonly record struct Loaded(Structure? Structure, string? Error);

    private static ConcurrentDictionary<string, Loaded> LoadStructures(IReadOnlyList<ReferencePeaks> references, string mpFolder, string codFolder, CancellationToken cancellationToken)
    {
        var result = new ConcurrentDictionary<string, Loaded>(StringComparer.Ordinal);
        var chunks = ReadChunks(Path.Combine(mpFolder, "labels.tsv"), references.Select(r => r.Id).ToHashSet(StringComparer.Ordinal));
        var byChunk = references.Where(r => chunks.ContainsKey(r.Id)).GroupBy(r => chunks[r.Id]).ToList();
        var cod = references.Where(r => !chunks.ContainsKey(r.Id)).ToList();
        var po = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(byChunk, po, group =>
        {
            var wanted = group.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            // parse every block but build structures only for the wanted ones
            foreach (var parsed in CifReader.ReadResults(Path.Combine(mpFolder, group.Key)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (parsed.BlockName is null || !wanted.Contains(parsed.BlockName)) continue;
                if (parsed.Block is null) { result[parsed.BlockName] = new Loaded(null, parsed.Error?.Message); continue; }
                try
                {
                    var read = CifStructureBuilder.Read(parsed.Block);
                    result[parsed.BlockName] = new Loaded(read.Structure, read.Error?.Message);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    result[parsed.BlockName] = new Loaded(null, e.Message);
                }
            }
        });
        Parallel.ForEach(cod, po, r =>
        {
            var first = StructureFiles.ReadFile(Path.Combine(codFolder, r.Id), cancellationToken).FirstOrDefault();
            result[r.Id] = first is null ? new Loaded(null, "no data block") : new Loaded(first.Structure, first.Error?.Message);
        });
        return result;
    }

    private static Dictionary<string, string> ReadChunks(string labelsPath, HashSet<string> wanted)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(labelsPath)) return map;
        using var reader = new StreamReader(labelsPath);
        var header = (reader.ReadLine() ?? "").Split('\t');
        int idColumn = Array.IndexOf(header, "id"), chunkColumn = Array.IndexOf(header, "chunk");
        if (idColumn < 0 || chunkColumn < 0) throw new DiffractionException("labels.tsv needs 'id' and 'chunk' columns", new Crystallography.SourceLocation(labelsPath, Line: 1));
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            if (f.Length > Math.Max(idColumn, chunkColumn) && wanted.Contains(f[idColumn])) map[f[idColumn]] = f[chunkColumn];
        }
        return map;
    }
}
