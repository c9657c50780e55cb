using System.Collections.Concurrent;
using System.Text;
using System.IO.Compression;

namespace Bravais.Crystallography.IO;

/// <summary>The kinds of structure file the front door recognises by name.</summary>
public enum StructureFileKind { Unknown, Cif, Poscar }

/// <summary>
/// Front door for structure files: <c>.cif</c>, <c>.cif.gz</c> (every data block), <c>POSCAR*</c>,
/// <c>CONTCAR*</c>, <c>*.vasp</c>, and folders (searched recursively, files in ordinal path order).
/// One result per CIF block or POSCAR file; a bad block, a corrupt gzip stream or an unreadable file becomes
/// a failed result and reading goes on with the rest.
/// </summary>
public static class StructureFiles
{
    public static StructureFileKind KindOf(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".cif", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".cif.gz", StringComparison.OrdinalIgnoreCase))
            return StructureFileKind.Cif;
        if (name.StartsWith("POSCAR", StringComparison.OrdinalIgnoreCase) || name.StartsWith("CONTCAR", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".vasp", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".poscar", StringComparison.OrdinalIgnoreCase))
            return StructureFileKind.Poscar;
        return StructureFileKind.Unknown;
    }

    /// <summary>
    /// The files a path stands for: itself if it is a file (any name), or every recognised structure file under
    /// a folder, recursively, in ordinal order of the relative path. A missing path yields itself (and fails when read).
    /// </summary>
    public static IReadOnlyList<string> Expand(string path)
    {
        if (!Directory.Exists(path)) return [path];
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        return Directory.EnumerateFiles(path, "*", options)
            .Where(f => KindOf(f) != StructureFileKind.Unknown)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every structure in a file or folder, in order. Never throws for bad input.</summary>
    public static IEnumerable<StructureReadResult> Read(string path, CancellationToken cancellationToken = default) =>
        Read(path, StructureReadOptions.Default, cancellationToken);

    /// <inheritdoc cref="Read(string, CancellationToken)"/>
    public static IEnumerable<StructureReadResult> Read(string path, StructureReadOptions options, CancellationToken cancellationToken = default) =>
        Expand(path).SelectMany(f => ReadFile(f, options, cancellationToken));

    /// <summary>Every structure in one file (by its name's kind). Never throws for bad input.</summary>
    public static IEnumerable<StructureReadResult> ReadFile(string file, CancellationToken cancellationToken = default) =>
        ReadFile(file, StructureReadOptions.Default, cancellationToken);

    /// <inheritdoc cref="ReadFile(string, CancellationToken)"/>
    public static IEnumerable<StructureReadResult> ReadFile(string file, StructureReadOptions options, CancellationToken cancellationToken = default)
    {
        var kind = KindOf(file);
        if (kind == StructureFileKind.Poscar) return [ReadPoscar(file)];
        if (kind == StructureFileKind.Cif) return ReadCif(file, options, cancellationToken);
        // unknown name: sniff for a CIF (data_ header) and fall back to POSCAR
        return SniffAndRead(file, options, cancellationToken);
    }

    private static IEnumerable<StructureReadResult> SniffAndRead(string file, StructureReadOptions options, CancellationToken cancellationToken)
    {
        if (Directory.Exists(file)) return Read(file, options, cancellationToken);
        if (!File.Exists(file)) return [StructureReadResult.Failure(file, null, new CrystallographyException("no such file or folder", new SourceLocation(file)))];
        try
        {
            using var reader = CifReader.OpenText(file);
            for (var i = 0; i < 200 && reader.ReadLine() is { } line; i++)
            {
                var t = line.TrimStart();
                if (t.StartsWith("data_", StringComparison.OrdinalIgnoreCase) || t.StartsWith("loop_", StringComparison.OrdinalIgnoreCase) || t.StartsWith('_'))
                    return ReadCif(file, options, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return [StructureReadResult.Failure(file, null, new CrystallographyException($"cannot read file: {e.Message}", new SourceLocation(file), e))];
        }
        return [ReadPoscar(file)];
    }

    private static StructureReadResult ReadPoscar(string file)
    {
        try
        {
            var structure = PoscarReader.Read(file);
            return new StructureReadResult(file, null, structure, null, ["POSCAR declares no symmetry; structure kept in P1"]);
        }
        catch (CrystallographyException e) { return StructureReadResult.Failure(file, null, e); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return StructureReadResult.Failure(file, null, new CrystallographyException($"cannot read file: {e.Message}", new SourceLocation(file), e));
        }
    }

    /// <summary>Every block of a CIF; I/O and gzip errors end the file with one failed result after the blocks already read.</summary>
    public static IEnumerable<StructureReadResult> ReadCif(string file, CancellationToken cancellationToken = default) =>
        ReadCif(file, StructureReadOptions.Default, cancellationToken);

    /// <inheritdoc cref="ReadCif(string, CancellationToken)"/>
    public static IEnumerable<StructureReadResult> ReadCif(string file, StructureReadOptions options, CancellationToken cancellationToken = default)
    {
        TextReader reader;
        try { reader = CifReader.OpenText(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [StructureReadResult.Failure(file, null, new CrystallographyException(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot open file: {e.Message}", new SourceLocation(file), e))];
        }
        return ReadCif(file, reader, options, cancellationToken);
    }

    private static IEnumerable<StructureReadResult> ReadCif(string file, TextReader reader, StructureReadOptions options, CancellationToken cancellationToken)
    {
        using (reader)
        {
            using var e = CifReader.ReadResults(reader, file).GetEnumerator();
            string? lastBlock = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CifParseResult parsed;
                StructureReadResult? failure = null;
                try
                {
                    if (!e.MoveNext()) yield break;
                    parsed = e.Current;
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or DecoderFallbackException)
                {
                    var what = ex is InvalidDataException || ex.InnerException is InvalidDataException ? "corrupt or truncated gzip data" : "read error";
                    parsed = null!;
                    failure = StructureReadResult.Failure(file, null, new CrystallographyException(
                        $"{what} after {(lastBlock is null ? "the start of the file" : $"block {lastBlock}")}: {ex.Message}", new SourceLocation(file), ex));
                }
                if (failure is not null) { yield return failure; yield break; }
                lastBlock = parsed.BlockName ?? lastBlock;
                yield return parsed.Block is { } block ? ReadBlock(block, options, cancellationToken) : StructureReadResult.Failure(file, parsed.BlockName, parsed.Error!);
            }
        }
    }

    /// <summary>One block built with <paramref name="options"/>; never throws for bad input.</summary>
    public static StructureReadResult ReadBlock(CifBlock block, StructureReadOptions options, CancellationToken cancellationToken = default)
    {
        try { return CifStructureBuilder.Read(block, options, cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // never let one block stop a batch; this names the block so the bug can be found
            return StructureReadResult.Failure(block.FileName ?? "", block.Name, ex);
        }
    }

    /// <summary>
    /// Reads many paths with up to <paramref name="maxParallelFiles"/> files at a time, yielding results in the
    /// same order as a sequential read (files in order, blocks in order). <paramref name="progress"/> receives
    /// the count of finished files.
    /// </summary>
    public static IEnumerable<StructureReadResult> ReadMany(IEnumerable<string> paths, int maxParallelFiles = 0, IProgress<int>? progress = null, CancellationToken cancellationToken = default,
        StructureReadOptions? options = null)
    {
        options ??= StructureReadOptions.Default;
        var files = paths.SelectMany(Expand).ToList();
        if (maxParallelFiles <= 0) maxParallelFiles = Environment.ProcessorCount;
        if (maxParallelFiles == 1 || files.Count == 1)
        {
            var done = 0;
            foreach (var f in files)
            {
                foreach (var r in ReadFile(f, options, cancellationToken)) yield return r;
                progress?.Report(++done);
            }
            yield break;
        }

        const int queueCapacity = 4096;
        var queues = files.Select(_ => new BlockingCollection<StructureReadResult>(queueCapacity)).ToArray();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var next = -1;
        var finished = 0;
        var workers = new Task[Math.Min(maxParallelFiles, files.Count)];
        for (var w = 0; w < workers.Length; w++)
            workers[w] = Task.Factory.StartNew(() =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < files.Count)
                {
                    try
                    {
                        foreach (var r in ReadFile(files[i], options, cts.Token)) queues[i].Add(r, cts.Token);
                    }
                    catch (OperationCanceledException) { }
                    catch (Exception ex)
                    {
                        try { queues[i].Add(StructureReadResult.Failure(files[i], null, ex), cts.Token); } catch (OperationCanceledException) { }
                    }
                    finally
                    {
                        queues[i].CompleteAdding();
                        progress?.Report(Interlocked.Increment(ref finished));
                    }
                }
            }, cts.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var q in queues)
                foreach (var r in q.GetConsumingEnumerable(cancellationToken))
                    yield return r;
        }
        finally
        {
            cts.Cancel();
            try { Task.WaitAll(workers); } catch (AggregateException) { }
            foreach (var q in queues) q.Dispose();
        }
    }
}
