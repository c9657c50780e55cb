using Bravais.Crystallography.Geometry;

namespace Bravais.Crystallography.Structures;

/// <summary>
/// A periodic cell list of fractional positions for finding the ones within a Cartesian tolerance of a query.
/// The cell is cut into n_j slabs along each axis, n_j ≤ d_j / tolerance (d_j = spacing of the lattice planes
/// normal to reciprocal axis j): two positions closer than the tolerance differ by at most tolerance / d_j in
/// fractional coordinate j, less than a slab, so they lie in the same or neighbouring bins (cyclically). The bin
/// count is capped near twice the number of positions, which keeps memory linear; coarser bins stay correct and
/// only scan more candidates. Adding is O(1); a query scans the 27 (fewer for thin axes) bins around the position,
/// O(1) on average for atoms at physical densities, so n insertions and queries take O(n) time.
/// </summary>
internal sealed class PeriodicCellList
{
    private readonly int _na, _nb, _nc;
    private readonly int[] _head;          // per bin: 1 + the last position added to it (0 = empty)
    private readonly List<int> _next = []; // per position: 1 + the previous position in its bin (0 = none)
    private readonly List<Vec3> _positions = [];

    public PeriodicCellList(Lattice lattice, double toleranceAngstrom, int expectedCount)
    {
        var reciprocal = lattice.Matrix.Inverse(); // column j = reciprocal vector b_j*, |b_j*| = 1 / d_j
        Span<int> n = stackalloc int[3];
        for (var j = 0; j < 3; j++)
        {
            var slabs = 1.0 / (reciprocal.Column(j).Length * toleranceAngstrom * (1 + 1e-6));
            n[j] = (int)Math.Clamp(Math.Floor(slabs), 1, 1 << 20);
        }
        var cap = Math.Clamp(2L * expectedCount, 27, 1L << 22);
        while ((long)n[0] * n[1] * n[2] > cap)
        {
            var largest = n[0] >= n[1] && n[0] >= n[2] ? 0 : n[1] >= n[2] ? 1 : 2;
            n[largest] = Math.Max(1, n[largest] / 2);
        }
        (_na, _nb, _nc) = (n[0], n[1], n[2]);
        _head = new int[_na * _nb * _nc];
    }

    public int Count => _positions.Count;

    public void Add(Vec3 fractional)
    {
        var bin = Bin(Cell(fractional.X, _na), Cell(fractional.Y, _nb), Cell(fractional.Z, _nc));
        _positions.Add(fractional);
        _next.Add(_head[bin]);
        _head[bin] = _positions.Count;
    }

    /// <summary>The smallest index of an added position that coincides with <paramref name="fractional"/> (as <paramref name="near"/> decides), or −1.</summary>
    public int FirstCoinciding(Vec3 fractional, in PeriodicProximity near)
    {
        int ia = Cell(fractional.X, _na), ib = Cell(fractional.Y, _nb), ic = Cell(fractional.Z, _nc);
        var best = int.MaxValue;
        Span<int> da = stackalloc int[3], db = stackalloc int[3], dc = stackalloc int[3];
        var ra = Neighbours(ia, _na, da);
        var rb = Neighbours(ib, _nb, db);
        var rc = Neighbours(ic, _nc, dc);
        foreach (var a in da[..ra])
        foreach (var b in db[..rb])
        foreach (var c in dc[..rc])
            for (var k = _head[Bin(a, b, c)] - 1; k >= 0; k = _next[k] - 1)
                if (k < best && near.Coincide(_positions[k], fractional)) best = k;
        return best == int.MaxValue ? -1 : best;
    }

    private int Bin(int a, int b, int c) => (a * _nb + b) * _nc + c;

    private static int Cell(double coordinate, int n) => Math.Min((int)(Vec3.Wrap(coordinate) * n), n - 1);

    /// <summary>The bins i−1, i, i+1 along an axis of n bins, cyclically, each once.</summary>
    private static int Neighbours(int i, int n, Span<int> into)
    {
        if (n == 1) { into[0] = 0; return 1; }
        if (n == 2) { into[0] = 0; into[1] = 1; return 2; }
        into[0] = i == 0 ? n - 1 : i - 1;
        into[1] = i;
        into[2] = i == n - 1 ? 0 : i + 1;
        return 3;
    }
}
