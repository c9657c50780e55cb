using System.Diagnostics;
using Bravais.Crystallography.IO;
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
    /// <summary>
    /// Structures computed between two flushes of the output: 64, a fraction of a second of work for real structures,
    /// so an interruption loses little (was 512: a 330-file run stopped halfway kept nothing).
    /// </summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>
    /// A structure whose reading and rendering take longer is recorded as failed and the build goes on (null: no limit).
    /// Default 60 s: real structures take milliseconds (the largest MP cell about 0.1 s), and the work limits
    /// (<see cref="Powder.ReflectionLimit"/>, <see cref="Crystallography.Structures.StructureLimits"/>) keep the
    /// worst accepted input to seconds, so the budget only stops the unforeseen. Such a failure depends on the
    /// machine's speed, unlike every other outcome of a build.
    /// </summary>
    public TimeSpan? TimeLimitPerStructure { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>After a stop request the batch in progress may finish within this time, else it is abandoned (not written).</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(1.5);
}

/// <summary>Progress of a build: structures handled so far in this run and the estimated number this run will handle.</summary>
public sealed record DatasetBuildProgress(long Written, long Failed, long AlreadyDone, long EstimatedTotal);

/// <summary>One structure that could not be made a row, as recorded in the errors sidecar.</summary>
public sealed record DatasetFailure(string File, string? Block, string Reason)
{
    public override string ToString() => $"{File}{(Block is null ? "" : $", block {Block}")}: {Reason}";
}

/// <summary>
/// The outcome of a build. <see cref="Interrupted"/>: stopped on request after writing the batches finished so far
/// (rerun the same build to resume). <see cref="Failures"/>: this run's failures, in input order.
/// </summary>
public sealed record DatasetBuildSummary(long Written, long Failed, long AlreadyDone, long OtherShards, long NotSelected, string OutputPath, string ErrorsPath, TimeSpan Elapsed)
{
    public bool Interrupted { get; init; }
    public IReadOnlyList<DatasetFailure> Failures { get; init; } = [];
}

/// <summary>
/// Builds a NANO281-format data set from structure files: reads every structure (CIF blocks in file order,
/// files in ordinal path order), renders the preset's pattern on all cores, and appends rows in input order
/// (deterministic). Each structure that cannot be used becomes one line of the <c>*.errors.tsv</c> sidecar
/// (file, block, reason) and the build goes on.
/// <para>Ids: a file holding one structure gives its file name without extension ("mp-1234.cif" → mp-1234, as users
/// name files), a file holding several gives each block's name (the MP chunks: the MP ids); an id already taken by
/// an earlier structure is qualified by the file ("other/I" for block I of other.cif; "run2/POSCAR" for a POSCAR in
/// the folder run2). Ids are assigned in input order over all inputs, whatever the shard or --ids, so every run and
/// every shard names each structure the same way.</para>
/// <para>Resuming: re-running with the same output skips the ids already written and tries recorded failures again.
/// <see cref="DatasetOutput"/> makes the files interrupt-safe; cancelling <c>cancellationToken</c> is a stop request:
/// the batch in progress is finished (within <see cref="DatasetBuildOptions.StopGracePeriod"/>) and written, and the
/// summary says <see cref="DatasetBuildSummary.Interrupted"/>.</para>
/// </summary>
public static class DatasetBuilder
{
    public static DatasetBuildSummary Build(DatasetBuildOptions options, IProgress<DatasetBuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var jobs = options.Jobs > 0 ? options.Jobs : Environment.ProcessorCount;
        var header = Nano281Csv.Header(options.Preset.Grid.Count);
        var inputs = InputFile.Expand(options.Inputs);
        using var output = DatasetOutput.Open(options.OutputPath, header);
        var estimate = EstimateCount(inputs.Select(f => f.Path).ToList(), jobs, cancellationToken);
        long perShard = options.Shard.Count > 1 ? (estimate + options.Shard.Count - 1) / options.Shard.Count : estimate;
        if (options.Ids is { } selected) perShard = Math.Min(perShard, selected.Count);
        long written = 0, already = 0, otherShards = 0, notSelected = 0;
        var failures = new List<DatasetFailure>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<(StructureSource Source, string Id)>(options.BatchSize);
        // the batch in progress finishes after a stop request unless it outlasts the grace period
        using var hardStop = new CancellationTokenSource();
        using var onStop = cancellationToken.Register(() => hardStop.CancelAfter(options.StopGracePeriod));

        void Fail(string file, string? block, string reason)
        {
            output.WriteError(file, block, reason);
            failures.Add(new DatasetFailure(file, block, reason));
        }

        void Flush()
        {
            if (batch.Count == 0) return;
            var outcomes = DatasetBatch.Compute(batch, options, jobs, hardStop.Token);
            for (var i = 0; i < batch.Count; i++)
            {
                var (source, _) = batch[i];
                if (outcomes[i].Row is { } row) { output.WriteRow(row); output.Supersede(source.File, source.Block); written++; }
                else Fail(source.File, source.Block, outcomes[i].Error!);
            }
            output.Flush();
            batch.Clear();
            progress?.Report(new DatasetBuildProgress(written, failures.Count, already, Math.Max(perShard, written + failures.Count + already)));
        }

        progress?.Report(new DatasetBuildProgress(0, 0, 0, perShard));
        var interrupted = false;
        try
        {
            foreach (var source in ReadAhead(StructureSources.Enumerate(inputs, cancellationToken), cancellationToken))
            {
                // the plain id unless an earlier structure has it; then the id qualified by the file
                var id = taken.Add(source.Id) ? source.Id : taken.Add(source.QualifiedId) ? source.QualifiedId : null;
                if (id is not null && options.Ids is { } ids && !ids.Contains(id)) { notSelected++; continue; }
                if (id is not null && !options.Shard.Contains(id)) { otherShards++; continue; }
                if (id is not null && output.DoneIds.Contains(id)) { already++; output.Supersede(source.File, source.Block); continue; }
                if (id is null)
                {
                    // the same file given twice, or a file named like another's qualified id
                    if (options.Shard.Contains(source.QualifiedId))
                        Fail(source.File, source.Block, $"duplicate id '{source.QualifiedId}': an earlier structure already has this id and '{source.Id}'");
                    continue;
                }
                batch.Add((source, id));
                if (batch.Count == options.BatchSize) Flush();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
        }
        Flush(); // the last batch, or after a stop request the batch in progress
        var summary = new DatasetBuildSummary(written, failures.Count, already, otherShards, notSelected, output.OutputPath, output.ErrorsPath, clock.Elapsed)
        {
            Interrupted = interrupted,
            Failures = failures,
        };
        if (!interrupted) output.Complete();
        return summary;
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
