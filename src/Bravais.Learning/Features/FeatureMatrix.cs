namespace Bravais.Learning.Features;

/// <summary>A dense row-major matrix of float features: one row per pattern. Plain data, no copying on row access.</summary>
public sealed class FeatureMatrix
{
    public float[] Values { get; }
    public int Rows { get; }
    public int Columns { get; }

    public FeatureMatrix(float[] values, int rows, int columns)
    {
        if (values.Length != (long)rows * columns) throw new ArgumentException($"expected {rows}×{columns} values, got {values.Length}");
        Values = values; Rows = rows; Columns = columns;
    }

    public FeatureMatrix(int rows, int columns) : this(new float[(long)rows * columns], rows, columns) { }

    public Span<float> Row(int i) => Values.AsSpan(i * Columns, Columns);
    public ReadOnlySpan<float> ReadOnlyRow(int i) => new(Values, i * Columns, Columns);

    public float this[int row, int column]
    {
        get => Values[row * Columns + column];
        set => Values[row * Columns + column] = value;
    }

    /// <summary>A new matrix holding the given rows, in the order given.</summary>
    public FeatureMatrix SelectRows(IReadOnlyList<int> rows)
    {
        var m = new FeatureMatrix(rows.Count, Columns);
        for (var i = 0; i < rows.Count; i++) ReadOnlyRow(rows[i]).CopyTo(m.Row(i));
        return m;
    }
}
