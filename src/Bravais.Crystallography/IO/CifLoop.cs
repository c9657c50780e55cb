namespace Bravais.Crystallography.IO;

/// <summary>A <c>loop_</c>: column tags (normalised, see <see cref="CifBlock.NormalizeTag"/>) and row-major values.</summary>
public sealed class CifLoop
{
    private readonly CifValue[] _values;

    public CifLoop(IReadOnlyList<string> tags, CifValue[] values, int line)
    {
        if (tags.Count == 0) throw new ArgumentException("a loop needs at least one tag", nameof(tags));
        if (values.Length % tags.Count != 0) throw new ArgumentException("value count is not a multiple of the tag count", nameof(values));
        Tags = tags;
        _values = values;
        Line = line;
    }

    public IReadOnlyList<string> Tags { get; }
    public int Line { get; }
    public int RowCount => _values.Length / Tags.Count;
    public int ColumnCount => Tags.Count;

    /// <summary>Index of a column by tag (any case, '.' or '_' separators), or −1.</summary>
    public int ColumnIndex(string tag)
    {
        var key = CifBlock.NormalizeTag(tag);
        for (var i = 0; i < Tags.Count; i++)
            if (Tags[i] == key) return i;
        return -1;
    }

    public CifValue this[int row, int column] => _values[row * Tags.Count + column];

    /// <summary>All values of one column in row order.</summary>
    public IEnumerable<CifValue> Column(int column)
    {
        for (var r = 0; r < RowCount; r++) yield return this[r, column];
    }
}
