namespace Bravais.Crystallography.IO;

/// <summary>
/// One <c>data_</c> block: single items and loops, looked up by tag case-insensitively; '.' and '_'
/// separators are equivalent (<c>_cell.length_a</c> = <c>_cell_length_a</c>). Where a tag occurs twice
/// the first occurrence wins.
/// </summary>
public sealed class CifBlock
{
    private readonly Dictionary<string, CifValue> _items;
    private readonly Dictionary<string, CifLoop> _loopByTag;

    public CifBlock(string name, string? fileName, int line, Dictionary<string, CifValue> items, IReadOnlyList<CifLoop> loops)
    {
        Name = name;
        FileName = fileName;
        Line = line;
        _items = items;
        Loops = loops;
        _loopByTag = new Dictionary<string, CifLoop>(StringComparer.Ordinal);
        foreach (var loop in loops)
        foreach (var tag in loop.Tags)
            _loopByTag.TryAdd(tag, loop);
    }

    /// <summary>Block name as written after <c>data_</c>.</summary>
    public string Name { get; }
    public string? FileName { get; }
    /// <summary>Line of the <c>data_</c> header.</summary>
    public int Line { get; }
    public IReadOnlyList<CifLoop> Loops { get; }
    public IReadOnlyDictionary<string, CifValue> Items => _items;

    /// <summary>Lower case, '.' → '_': the key used for every lookup.</summary>
    public static string NormalizeTag(string tag)
    {
        var needs = false;
        foreach (var c in tag)
            if (c == '.' || char.IsAsciiLetterUpper(c) || c > 127) { needs = true; break; }
        return needs ? tag.ToLowerInvariant().Replace('.', '_') : tag;
    }

    public bool Contains(string tag)
    {
        var key = NormalizeTag(tag);
        return _items.ContainsKey(key) || _loopByTag.ContainsKey(key);
    }

    /// <summary>
    /// A single value: a non-looped item, or a looped tag whose loop has exactly one row.
    /// </summary>
    public bool TryGetValue(string tag, out CifValue value)
    {
        var key = NormalizeTag(tag);
        if (_items.TryGetValue(key, out value)) return true;
        if (_loopByTag.TryGetValue(key, out var loop) && loop.RowCount == 1)
        {
            value = loop[0, loop.ColumnIndex(key)];
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>The first of <paramref name="tags"/> present with a non-null value (not ? or .).</summary>
    public bool TryGetFirst(out CifValue value, out string tag, params ReadOnlySpan<string> tags)
    {
        foreach (var t in tags)
            if (TryGetValue(t, out value) && !value.IsNull) { tag = t; return true; }
        value = default;
        tag = "";
        return false;
    }

    /// <summary>The loop holding <paramref name="tag"/>, or null.</summary>
    public CifLoop? FindLoop(string tag) => _loopByTag.GetValueOrDefault(NormalizeTag(tag));

    /// <summary>Every value of a tag: the loop column, the single item as one value, or nothing.</summary>
    public IReadOnlyList<CifValue> GetValues(string tag)
    {
        var key = NormalizeTag(tag);
        if (_items.TryGetValue(key, out var v)) return [v];
        if (_loopByTag.TryGetValue(key, out var loop)) return loop.Column(loop.ColumnIndex(key)).ToArray();
        return [];
    }

    public override string ToString() => $"data_{Name}";
}
