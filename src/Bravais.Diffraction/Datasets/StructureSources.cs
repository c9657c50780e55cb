using System.Text;
using Bravais.Crystallography;
using Bravais.Crystallography.IO;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// One structure of a data-set input whose id is known before the (costlier) structure building: a parsed CIF block
/// or an already read POSCAR. <see cref="Id"/> is what users name it — the file name without extension for a file
/// holding one structure, the block name in a file holding several — and <see cref="QualifiedId"/> the same qualified
/// by the file's path (relative to the input folder), for when another structure already has the plain id.
/// <see cref="Build"/> never throws for bad input (it returns a failed result); it stops with
/// <see cref="OperationCanceledException"/> when its token is cancelled.
/// </summary>
public sealed class StructureSource(string file, string? block, string id, string qualifiedId, Func<CancellationToken, StructureReadResult> build)
{
    public string File { get; } = file;
    public string? Block { get; } = block;
    public string Id { get; } = id;
    public string QualifiedId { get; } = qualifiedId;
    public StructureReadResult Build(CancellationToken cancellationToken = default) => build(cancellationToken);
}

/// <summary>A structure file and the name it is known by in ids: its path relative to the input folder given (or as given), without extension.</summary>
public readonly record struct InputFile(string Path, string Stem)
{
    /// <summary>
    /// Every structure file of the inputs, in order, with its stem: "runs/a/POSCAR" given as the folder "runs" is
    /// "a/POSCAR". A file met again (given twice, or also inside a folder given) counts once, where first met.
    /// </summary>
    public static IReadOnlyList<InputFile> Expand(IEnumerable<string> inputs)
    {
        var files = new List<InputFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var folder = Directory.Exists(input);
            foreach (var f in StructureFiles.Expand(input))
                if (seen.Add(System.IO.Path.GetFullPath(f)))
                    files.Add(new InputFile(f, StripExtension(folder ? System.IO.Path.GetRelativePath(input, f) : f).Replace('\\', '/')));
        }
        return files;
    }

    /// <summary>"x.cif.gz" → "x", "x.cif" → "x", "NaCl.vasp" → "NaCl", "POSCAR" → "POSCAR".</summary>
    public static string StripExtension(string path)
    {
        foreach (var ext in (string[])[".cif.gz", ".cif", ".vasp", ".poscar"])
            if (path.EndsWith(ext, StringComparison.OrdinalIgnoreCase) && path.Length > ext.Length) return path[..^ext.Length];
        var name = System.IO.Path.GetFileName(path);
        var dot = name.LastIndexOf('.');
        return dot > 0 ? path[..(path.Length - name.Length + dot)] : path;
    }

    /// <summary>The file name without extension ("a/POSCAR" → "POSCAR", "mp-1.cif" → "mp-1").</summary>
    public string Name => System.IO.Path.GetFileName(Stem);
}

/// <summary>
/// Enumerates the structures of files and folders (CIF blocks in file order, files in ordinal path order) without
/// building them, so a data-set build can skip other shards' and already finished ids cheaply and build the rest
/// in parallel. A syntax error, a corrupt gzip stream or an unreadable file becomes a failed source; reading goes on.
/// Structures are read strictly (<see cref="StructureReadOptions.Default"/>): an inconsistent one fails.
/// </summary>
public static class StructureSources
{
    public static IEnumerable<StructureSource> Enumerate(IEnumerable<string> files, CancellationToken cancellationToken = default) =>
        Enumerate(files.Select(f => new InputFile(f, InputFile.StripExtension(f))), cancellationToken);

    public static IEnumerable<StructureSource> Enumerate(IEnumerable<InputFile> files, CancellationToken cancellationToken = default)
    {
        foreach (var input in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = input.Path;
            var kind = StructureFiles.KindOf(file);
            if (kind != StructureFileKind.Cif)
            {
                // POSCARs and unknown names are small: read them now (the front door sniffs unknown names)
                var results = StructureFiles.ReadFile(file, cancellationToken).ToList();
                foreach (var r in results)
                {
                    var result = r;
                    var (id, qualified) = Ids(input, r.Block, results.Count == 1);
                    yield return new StructureSource(file, r.Block, id, qualified, _ => result);
                }
                continue;
            }
            foreach (var s in EnumerateCif(input, cancellationToken)) yield return s;
        }
    }

    /// <summary>The plain and the qualified id of a structure (see <see cref="StructureSource"/>).</summary>
    private static (string Id, string Qualified) Ids(InputFile input, string? block, bool single) =>
        single || block is null ? (input.Name, input.Stem) : (block, $"{input.Stem}/{block}");

    private static IEnumerable<StructureSource> EnumerateCif(InputFile input, CancellationToken cancellationToken)
    {
        var file = input.Path;
        IEnumerator<CifParseResult>? e = null;
        StructureSource? failure = null;
        try { e = CifReader.ReadResults(file).GetEnumerator(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            failure = Failed(input, ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot open file: {ex.Message}");
        }
        if (failure is not null) { yield return failure; yield break; }
        using (e)
        {
            // one block is held back until the next is read: a file with a single block is named after the file
            CifParseResult? pending = null;
            var index = 0;
            string? lastBlock = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CifParseResult? parsed = null;
                var end = false;
                try
                {
                    if (e!.MoveNext()) parsed = e.Current;
                    else end = true;
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or DecoderFallbackException)
                {
                    var what = ex is InvalidDataException || ex.InnerException is InvalidDataException ? "corrupt or truncated gzip data" : "read error";
                    failure = Failed(input, $"{what} after {(lastBlock is null ? "the start of the file" : $"block {lastBlock}")}: {ex.Message}");
                }
                if (pending is not null) yield return Source(input, pending, single: index == 0 && end && failure is null, index++);
                if (failure is not null) { yield return failure; yield break; }
                if (end) yield break;
                lastBlock = parsed!.BlockName ?? lastBlock;
                pending = parsed;
            }
        }
    }

    private static StructureSource Source(InputFile input, CifParseResult parsed, bool single, int index)
    {
        var file = input.Path;
        // a block whose header could not be read is known by its position in the file
        var (id, qualified) = Ids(input, parsed.BlockName ?? (single ? null : $"#{index + 1}"), single);
        if (parsed.Block is { } block)
            return new StructureSource(file, parsed.BlockName, id, qualified, ct => BuildBlock(block, file, ct));
        var error = parsed.Error!;
        return new StructureSource(file, parsed.BlockName, id, qualified, _ => StructureReadResult.Failure(file, parsed.BlockName, error));
    }

    private static StructureReadResult BuildBlock(CifBlock block, string file, CancellationToken cancellationToken)
    {
        try { return CifStructureBuilder.Read(block, StructureReadOptions.Default, cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException) { return StructureReadResult.Failure(file, block.Name, ex); }
    }

    private static StructureSource Failed(InputFile input, string reason)
    {
        var error = new CrystallographyException(reason, new SourceLocation(input.Path));
        // a file that cannot be read at all has its own qualified id, so it never takes the place of a structure's
        return new StructureSource(input.Path, null, input.Name, input.Stem + "#unreadable", _ => StructureReadResult.Failure(input.Path, null, error));
    }
}
