using System.Text;

namespace Bravais.Crystallography.IO;

/// <summary>
/// Reads CIF 1.1 files block by block without holding the file in memory. <see cref="ReadResults"/> reports a
/// syntax error as one failed block and carries on at the next <c>data_</c>; <see cref="ReadBlocks"/> throws it.
/// Save frames are skipped; a <c>global_</c> block is tolerated and ignored.
/// </summary>
public static class CifReader
{
    /// <summary>Every block in order; throws <see cref="CrystallographyException"/> at the first syntax error.</summary>
    public static IEnumerable<CifBlock> ReadBlocks(TextReader reader, string? fileName)
    {
        foreach (var r in ReadResults(reader, fileName))
            yield return r.Block ?? throw r.Error!;
    }

    /// <summary>Parses CIF text held in a string (tests, small inputs).</summary>
    public static IReadOnlyList<CifBlock> Parse(string text, string? fileName = null) => ReadBlocks(new StringReader(text), fileName).ToList();

    /// <summary>
    /// Opens a .cif or .cif.gz file (gzip detected by its magic bytes) as text. A truncated gzip file throws
    /// <see cref="InvalidDataException"/> when its end is reached (see <see cref="GzipTrailerCheckingStream"/>).
    /// </summary>
    public static TextReader OpenText(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var n = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            stream.Position = 0;
            Stream s = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b
                ? new GzipTrailerCheckingStream(stream)
                : stream;
            return new StreamReader(s, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Every block of the file at <paramref name="path"/>, or a syntax error per bad block. I/O errors propagate.</summary>
    public static IEnumerable<CifParseResult> ReadResults(string path)
    {
        using var reader = OpenText(path);
        foreach (var r in ReadResults(reader, path)) yield return r;
    }

    /// <summary>Every block in order, each either parsed or failed with its reason; never throws for syntax.</summary>
    public static IEnumerable<CifParseResult> ReadResults(TextReader reader, string? fileName)
    {
        var tok = new CifTokeniser(reader, fileName);
        var parser = new BlockParser(tok, fileName);
        return parser.Run();
    }

    private sealed class BlockParser(CifTokeniser tok, string? fileName)
    {
        private CifToken? _pending;

        private CifToken Next()
        {
            if (_pending is { } p) { _pending = null; return p; }
            return tok.Next();
        }

        public IEnumerable<CifParseResult> Run()
        {
            var yielded = false; // every file gives at least one result: its blocks, or why it has none
            while (true)
            {
                CifToken t;
                CrystallographyException? error = null;
                try { t = Next(); }
                catch (CrystallographyException e) { t = default; error = e; }
                if (error is not null)
                {
                    yielded = true;
                    yield return new CifParseResult(fileName, null, null, error);
                    if (!SkipToNextBlock()) yield break;
                    continue;
                }
                switch (t.Kind)
                {
                    case CifTokenKind.EndOfFile:
                        if (!yielded)
                            yield return new CifParseResult(fileName, null, null,
                                new CrystallographyException("no data_ block found (empty or not a CIF file)", new SourceLocation(fileName, Line: Math.Max(1, tok.LineNumber))));
                        yield break;
                    case CifTokenKind.DataBlock:
                        yielded = true;
                        yield return ReadBlock(t);
                        if (_pending is null && !SkipToNextBlock()) yield break;
                        continue;
                    case CifTokenKind.Global:
                        if (!SkipToNextBlock()) goto case CifTokenKind.EndOfFile;
                        continue;
                    default:
                        yielded = true;
                        yield return new CifParseResult(fileName, null, null,
                            new CrystallographyException($"{Describe(t)} before the first data_ block header", new SourceLocation(fileName, Line: t.Line)));
                        if (!SkipToNextBlock()) yield break;
                        continue;
                }
            }
        }

        /// <summary>Discards tokens up to the next data_ header (left pending). False at end of file.</summary>
        private bool SkipToNextBlock()
        {
            if (_pending is { Kind: CifTokenKind.DataBlock }) return true;
            _pending = null;
            while (true)
            {
                CifToken t;
                try { t = tok.Next(); }
                catch (CrystallographyException) { tok.SkipRestOfLine(); continue; }
                if (t.Kind == CifTokenKind.EndOfFile) return false;
                if (t.Kind == CifTokenKind.DataBlock) { _pending = t; return true; }
            }
        }

        /// <summary>Reads one block's content; stops with the next data_/global_ token left pending.</summary>
        private CifParseResult ReadBlock(CifToken header)
        {
            var name = header.Text;
            tok.CurrentBlock = name;
            var items = new Dictionary<string, CifValue>(32, StringComparer.Ordinal);
            var loops = new List<CifLoop>(4);
            try
            {
                while (true)
                {
                    var t = Next();
                    switch (t.Kind)
                    {
                        case CifTokenKind.EndOfFile:
                            return Done();
                        case CifTokenKind.DataBlock:
                        case CifTokenKind.Global:
                            _pending = t;
                            return Done();
                        case CifTokenKind.Tag:
                        {
                            var v = Next();
                            if (v.Kind != CifTokenKind.Value)
                                throw tok.Error($"tag {t.Text} has no value (found {Describe(v)})", t.Line);
                            items.TryAdd(CifBlock.NormalizeTag(t.Text), v.AsValue());
                            break;
                        }
                        case CifTokenKind.Loop:
                            loops.Add(ReadLoop(t.Line));
                            break;
                        case CifTokenKind.SaveFrameStart:
                            SkipSaveFrame(t);
                            break;
                        case CifTokenKind.Stop:
                            break;
                        default:
                            throw tok.Error($"{Describe(t)} where a tag, loop_ or data_ was expected", t.Line);
                    }
                }
            }
            catch (CrystallographyException e)
            {
                tok.CurrentBlock = null;
                // a tokenizer error may have left the rest of the line unread; never resume mid-line
                tok.SkipRestOfLine();
                if (_pending is { Kind: not CifTokenKind.DataBlock }) _pending = null;
                return new CifParseResult(fileName, name, null, e);
            }

            CifParseResult Done()
            {
                tok.CurrentBlock = null;
                return new CifParseResult(fileName, name, new CifBlock(name, fileName, header.Line, items, loops), null);
            }
        }

        private CifLoop ReadLoop(int loopLine)
        {
            var tags = new List<string>(8);
            CifToken t;
            while ((t = Next()).Kind == CifTokenKind.Tag) tags.Add(CifBlock.NormalizeTag(t.Text));
            if (tags.Count == 0) throw tok.Error($"loop_ without tags (found {Describe(t)})", loopLine);
            var values = new List<CifValue>(tags.Count * 8);
            while (t.Kind == CifTokenKind.Value)
            {
                values.Add(t.AsValue());
                t = Next();
            }
            if (t.Kind != CifTokenKind.Stop) _pending = t; // next item, loop, block or end
            if (values.Count % tags.Count != 0)
                throw tok.Error($"loop_ with {tags.Count} tags ({tags[0]} …) has {values.Count} values, not a multiple of {tags.Count}", loopLine);
            return new CifLoop(tags, values.ToArray(), loopLine);
        }

        private void SkipSaveFrame(CifToken start)
        {
            while (true)
            {
                var t = Next();
                switch (t.Kind)
                {
                    case CifTokenKind.SaveFrameEnd: return;
                    case CifTokenKind.EndOfFile:
                    case CifTokenKind.DataBlock:
                        throw tok.Error($"save frame save_{start.Text} is not closed by save_", start.Line);
                }
            }
        }

        private static string Describe(CifToken t) => t.Kind switch
        {
            CifTokenKind.Value => $"value '{(t.Text.Length > 30 ? t.Text[..30] + "…" : t.Text)}'",
            CifTokenKind.Tag => $"tag {t.Text}",
            CifTokenKind.EndOfFile => "end of file",
            CifTokenKind.DataBlock => $"data_{t.Text}",
            CifTokenKind.Loop => "loop_",
            CifTokenKind.Global => "global_",
            CifTokenKind.Stop => "stop_",
            CifTokenKind.SaveFrameStart => $"save_{t.Text}",
            _ => "save_",
        };
    }
}
