using System.Text;
using Bravais.Crystallography;
using Bravais.Crystallography.IO;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// One structure of a data-set input whose id is known before the (costlier) structure building: a parsed CIF block
/// or an already read POSCAR. <see cref="Build"/> never throws for bad input (it returns a failed result).
/// </summary>
public sealed class StructureSource(string file, string? block, string id, Func<StructureReadResult> build)
{
    public string File { get; } = file;
    public string? Block { get; } = block;
    public string Id { get; } = id;
    public StructureReadResult Build() => build();
}

/// <summary>
/// Enumerates the structures of files and folders (CIF blocks in file order, files in ordinal path order) without
/// building them, so a data-set build can skip other shards' and already finished ids cheaply and build the rest
/// in parallel. A syntax error, a corrupt gzip stream or an unreadable file becomes a failed source; reading goes on.
/// </summary>
public static class StructureSources
{
    public static IEnumerable<StructureSource> Enumerate(IEnumerable<string> files, CancellationToken cancellationToken = default)
    {
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var kind = StructureFiles.KindOf(file);
            if (kind != StructureFileKind.Cif)
            {
                // POSCARs and unknown names are small: read them now (the front door sniffs unknown names)
                foreach (var r in StructureFiles.ReadFile(file, cancellationToken))
                {
                    var result = r;
                    yield return new StructureSource(file, r.Block, r.Block ?? r.Structure?.Id ?? file, () => result);
                }
                continue;
            }
            foreach (var s in EnumerateCif(file, cancellationToken)) yield return s;
        }
    }

    private static IEnumerable<StructureSource> EnumerateCif(string file, CancellationToken cancellationToken)
    {
        IEnumerator<CifParseResult>? e = null;
        StructureSource? failure = null;
        try { e = CifReader.ReadResults(file).GetEnumerator(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            failure = Failed(file, null, file, ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot open file: {ex.Message}");
        }
        if (failure is not null) { yield return failure; yield break; }
        using (e)
        {
            string? lastBlock = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CifParseResult parsed;
                try
                {
                    if (!e!.MoveNext()) yield break;
                    parsed = e.Current;
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or DecoderFallbackException)
                {
                    var what = ex is InvalidDataException || ex.InnerException is InvalidDataException ? "corrupt or truncated gzip data" : "read error";
                    failure = Failed(file, null, file, $"{what} after {(lastBlock is null ? "the start of the file" : $"block {lastBlock}")}: {ex.Message}");
                    parsed = null!;
                }
                if (failure is not null) { yield return failure; yield break; }
                lastBlock = parsed.BlockName ?? lastBlock;
                var id = parsed.BlockName ?? file;
                if (parsed.Block is { } block)
                    yield return new StructureSource(file, parsed.BlockName, id, () => BuildBlock(block, file));
                else
                {
                    var error = parsed.Error!;
                    yield return new StructureSource(file, parsed.BlockName, id, () => StructureReadResult.Failure(file, parsed.BlockName, error));
                }
            }
        }
    }

    private static StructureReadResult BuildBlock(CifBlock block, string file)
    {
        try { return CifStructureBuilder.Read(block); }
        catch (Exception ex) when (ex is not OperationCanceledException) { return StructureReadResult.Failure(file, block.Name, ex); }
    }

    private static StructureSource Failed(string file, string? block, string id, string reason)
    {
        var error = new CrystallographyException(reason, new SourceLocation(file, block));
        return new StructureSource(file, block, id, () => StructureReadResult.Failure(file, block, error));
    }
}
