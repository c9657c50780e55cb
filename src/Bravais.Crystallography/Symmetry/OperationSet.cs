namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// A set of symmetry operations compared modulo lattice translations and independent of order:
/// the distinct normalized operations, sorted, with a precomputed hash. Used as a dictionary key.
/// </summary>
public sealed class OperationSet : IEquatable<OperationSet>
{
    private readonly SymmetryOperation[] _sorted;
    private readonly int _hash;

    public OperationSet(IEnumerable<SymmetryOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var set = new HashSet<SymmetryOperation>();
        foreach (var op in operations) set.Add(op.Normalised());
        _sorted = [.. set];
        Array.Sort(_sorted, Order);
        var h = new HashCode();
        foreach (var op in _sorted) h.Add(op);
        _hash = h.ToHashCode();
    }

    public int Count => _sorted.Length;

    public IReadOnlyList<SymmetryOperation> Operations => _sorted;

    private static readonly Comparer<SymmetryOperation> Order = Comparer<SymmetryOperation>.Create(Compare);

    public bool Contains(SymmetryOperation op) => Array.BinarySearch(_sorted, op.Normalised(), Order) >= 0;

    public bool Equals(OperationSet? other) =>
        other is not null && other._hash == _hash && other._sorted.AsSpan().SequenceEqual(_sorted);

    public override bool Equals(object? obj) => obj is OperationSet o && Equals(o);

    public override int GetHashCode() => _hash;

    /// <summary>Total order on operations: rotation entries, then translations.</summary>
    public static int Compare(SymmetryOperation a, SymmetryOperation b)
    {
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                var c = a.Rotation(i, j).CompareTo(b.Rotation(i, j));
                if (c != 0) return c;
            }
        for (var i = 0; i < 3; i++)
        {
            var c = a.Translation(i).CompareTo(b.Translation(i));
            if (c != 0) return c;
        }
        return 0;
    }
}
