using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Powder;
using Bravais.Diffraction.Profiles;

namespace Bravais.Diffraction.Datasets;

/// <summary>What to build: inputs (files, folders, multi-block .cif.gz), the output CSV, the preset, labels, shard, cores.</summary>
public sealed record DatasetBuildOptions(IReadOnlyList<string> Inputs, string OutputPath)
{
    public PatternPreset Preset { get; init; } = PatternPresets.Nano281;
    /// <summary>Space-group labels by id; when absent (or an id is missing) the file's own space group is used.</summary>
    public SpaceGroupLabels? Labels { get; init; }
    public DatasetShard Shard { get; init; } = DatasetShard.All;
    /// <summary>Worker threads (≤ 0: all cores).</summary>
    public int Jobs { get; init; }
    /// <summary>When set, only these ids are built (others are passed over like other shards').</summary>
    public IReadOnlySet<string>? Ids { get; init; }
    /// <summary>Structures computed between two flushes of the output.</summary>
    public int BatchSize { get; init; } = 512;
}

/// <summary>Progress of a build: structures handled so far in this run and the estimated number this run will handle.</summary>
public sealed record DatasetBuildProgress(long Written, long Failed, long AlreadyDone, long EstimatedTotal);

/// <summary>The outcome of a build.</summary>
public sealed record DatasetBuildSummary(long Written, long Failed, long AlreadyDone, long OtherShards, long NotSelected, string OutputPath, string ErrorsPath, TimeSpan Elapsed);

/// <summary>
/// Builds a NANO281-format data set from structure files: reads every structure (CIF blocks in file order,
/// files in ordinal path order), renders the preset's pattern on all cores, and appends rows in input order
/// (deterministic). Each structure that cannot be used becomes one line of the <c>*.errors.tsv</c> sidecar
/// (file, block, reason) and the build goes on. Re-running with the same output resumes: ids already written
/// or recorded as errors are skipped. <see cref="DatasetOutput"/> makes the files interrupt-safe.
/// </summary>
public static class DatasetBuilder
{
    public static DatasetBuildSummary Build(DatasetBuildOptions options, IProgress<DatasetBuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var jobs = options.Jobs > 0 ? options.Jobs : Environment.ProcessorCount;
        var preset = options.Preset;
        var header = Nano281Csv.Header(preset.Grid.Count);
        var files = options.Inputs.SelectMany(StructureFiles.Expand).ToList();
        using var output = DatasetOutput.Open(options.OutputPath, header);
        var estimate = EstimateCount(files, jobs, cancellationToken);
        long perShard = options.Shard.Count > 1 ? (estimate + options.Shard.Count - 1) / options.Shard.Count : estimate;
        if (options.Ids is { } selected) perShard = Math.Min(perShard, selected.Count);
        long written = 0, failed = 0, already = 0, otherShards = 0, notSelected = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<StructureSource>(options.BatchSize);
        var batchIds = new List<string>(options.BatchSize);
        var rows = new string?[options.BatchSize];
        var errors = new string?[options.BatchSize];

        void Flush()
        {
            if (batch.Count == 0) return;
            ComputeBatch(batch, batchIds, options, rows, errors, jobs, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                if (rows[i] is { } row) { output.WriteRow(row); written++; }
                else { output.WriteError(batch[i].File, batch[i].Block, errors[i]!); failed++; }
            }
            output.Flush();
            batch.Clear();
            batchIds.Clear();
            progress?.Report(new DatasetBuildProgress(written, failed, already, Math.Max(perShard, written + failed + already)));
        }

        progress?.Report(new DatasetBuildProgress(0, 0, 0, perShard));
        foreach (var source in ReadAhead(StructureSources.Enumerate(files, cancellationToken), cancellationToken))
        {
            var id = source.Id;
            if (options.Ids is { } ids && !ids.Contains(id)) { notSelected++; continue; }
            if (!options.Shard.Contains(id)) { otherShards++; continue; }
            if (output.DoneIds.Contains(id)) { already++; continue; }
            if (!seen.Add(id))
            {
                output.WriteError(source.File, source.Block, $"duplicate id '{id}': an earlier structure with this id is already in the data set");
                failed++;
                continue;
            }
            batch.Add(source);
            batchIds.Add(id);
            if (batch.Count == options.BatchSize) Flush();
        }
        Flush();
        output.Complete();
        return new DatasetBuildSummary(written, failed, already, otherShards, notSelected, output.OutputPath, output.ErrorsPath, clock.Elapsed);
    }

    private sealed class Worker
    {
        public readonly PowderWorkspace Workspace = new();
        public double[] Values = [];
        public readonly StringBuilder Text = new(4096);
    }

    private static void ComputeBatch(List<StructureSource> batch, List<string> ids, DatasetBuildOptions options, string?[] rows, string?[] errors, int jobs, CancellationToken cancellationToken)
    {
        var preset = options.Preset;
        var po = new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken };
        Parallel.For(0, batch.Count, po, () => new Worker(), (i, _, w) =>
        {
            rows[i] = null;
            errors[i] = null;
            try
            {
                var r = batch[i].Build();
                if (r.Structure is not { } structure) { errors[i] = r.Error?.Reason ?? "unreadable structure"; return w; }
                int sg;
                BravaisLattice lattice;
                if (options.Labels is not null && options.Labels.TryGet(ids[i], out var labelled))
                {
                    sg = labelled;
                    lattice = SpaceGroupLabels.LatticeOf(sg);
                }
                else if (r.SpaceGroupNumber is int own && r.BravaisLattice is { } ownLattice)
                {
                    sg = own;
                    lattice = ownLattice;
                }
                else
                {
                    errors[i] = options.Labels is null
                        ? "no space group: the file declares none (give --labels TSV with id and spacegroup_number)"
                        : $"no space group: id '{ids[i]}' is not in the labels file and the file declares none";
                    return w;
                }
                if (w.Values.Length != preset.Grid.Count) w.Values = new double[preset.Grid.Count];
                preset.Render(structure, w.Workspace, w.Values);
                w.Text.Clear();
                Nano281Csv.AppendRow(w.Text, ids[i], ReducedFormula.Of(structure), sg, lattice, w.Values);
                rows[i] = w.Text.ToString();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors[i] = e is Crystallography.BravaisException be ? be.Reason : $"{e.GetType().Name}: {e.Message}";
            }
            return w;
        }, _ => { });
    }

    /// <summary>Runs the (sequential) tokenizer on a background thread, a bounded queue ahead of the consumer.</summary>
    private static IEnumerable<StructureSource> ReadAhead(IEnumerable<StructureSource> sources, CancellationToken cancellationToken)
    {
        using var queue = new System.Collections.Concurrent.BlockingCollection<StructureSource>(8192);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? failure = null;
        var producer = Task.Factory.StartNew(() =>
        {
            try { foreach (var s in sources) queue.Add(s, cts.Token); }
            catch (OperationCanceledException) { }
            catch (Exception e) { failure = e; }
            finally { queue.CompleteAdding(); }
        }, cts.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var s in queue.GetConsumingEnumerable(cancellationToken)) yield return s;
            if (failure is not null) throw new DiffractionException($"reading the inputs failed: {failure.Message}", null, failure);
        }
        finally
        {
            cts.Cancel();
            try { producer.Wait(); } catch (AggregateException) { }
        }
    }

    /// <summary>Counts data blocks (CIF: lines starting with "data_") and POSCAR files, for the progress estimate.</summary>
    public static long EstimateCount(IReadOnlyList<string> files, int jobs, CancellationToken cancellationToken)
    {
        long total = 0;
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken }, file =>
        {
            long n = 1;
            try
            {
                if (StructureFiles.KindOf(file) == StructureFileKind.Cif)
                {
                    n = 0;
                    using var reader = CifReader.OpenText(file);
                    while (reader.ReadLine() is { } line)
                        if (line.StartsWith("data_", StringComparison.OrdinalIgnoreCase)) n++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException) { n = 1; }
            Interlocked.Add(ref total, Math.Max(n, 1));
        });
        return total;
    }
}
