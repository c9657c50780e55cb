using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;

namespace Bravais.Synthesis.Verification;

/// <summary>
/// Finds the atom of a given species at a fractional position (within a Cartesian tolerance, over
/// periodic images) in O(1) through a grid of buckets on the unit cell. Species are integer ids; sites
/// with the same occupants (elements and occupancies) share an id.
/// </summary>
public sealed class AtomIndex
{
    private readonly Lattice _lattice;
    private readonly Vec3[] _positions;
    private readonly int[] _species;
    private readonly int[] _bucketStart;
    private readonly int[] _bucketAtoms;
    private readonly int _nx, _ny, _nz;
    private readonly double _toleranceSquared;
    private readonly double _m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22;

    public double ToleranceAngstrom { get; }
    public int Count => _positions.Length;
    public ReadOnlySpan<Vec3> Positions => _positions;
    public ReadOnlySpan<int> Species => _species;
    public Lattice Lattice => _lattice;

    public AtomIndex(Lattice lattice, IReadOnlyList<Vec3> positions, IReadOnlyList<int> species, double toleranceAngstrom)
    {
        _lattice = lattice;
        ToleranceAngstrom = toleranceAngstrom;
        _toleranceSquared = toleranceAngstrom * toleranceAngstrom;
        _positions = new Vec3[positions.Count];
        for (var i = 0; i < _positions.Length; i++) _positions[i] = positions[i].Wrapped();
        _species = new int[species.Count];
        for (var i = 0; i < _species.Length; i++) _species[i] = species[i];
        var m = lattice.Matrix;
        (_m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22) = (m.M00, m.M01, m.M02, m.M10, m.M11, m.M12, m.M20, m.M21, m.M22);
        var reciprocal = lattice.ReciprocalCrystallographic().Matrix;
        // a Cartesian displacement of at most tol changes fractional coordinate i by at most tol·|a*_i|, so a bucket
        // may be no narrower than that; beyond about two buckets per atom more buckets only cost set-up time
        var perAxis = Math.Max(1, (int)Math.Round(Math.Cbrt(2.0 * Math.Max(1, _positions.Length))));
        int Buckets(int i) => Math.Clamp(Math.Min(perAxis, (int)Math.Floor(1.0 / (toleranceAngstrom * reciprocal.Row(i).Length))), 1, 32);
        _nx = Buckets(0); _ny = Buckets(1); _nz = Buckets(2);
        var counts = new int[_nx * _ny * _nz + 1];
        Span<int> bucketOf = _positions.Length <= 256 ? stackalloc int[_positions.Length] : new int[_positions.Length];
        for (var i = 0; i < _positions.Length; i++) { bucketOf[i] = Bucket(_positions[i]); counts[bucketOf[i] + 1]++; }
        for (var b = 1; b < counts.Length; b++) counts[b] += counts[b - 1];
        _bucketStart = counts;
        _bucketAtoms = new int[_positions.Length];
        Span<int> fill = _nx * _ny * _nz <= 1024 ? stackalloc int[_nx * _ny * _nz] : new int[_nx * _ny * _nz];
        fill.Clear();
        for (var i = 0; i < _positions.Length; i++) _bucketAtoms[_bucketStart[bucketOf[i]] + fill[bucketOf[i]]++] = i;
    }

    /// <summary>The same atoms indexed with another tolerance.</summary>
    public AtomIndex WithTolerance(double toleranceAngstrom) => new(_lattice, _positions, _species, toleranceAngstrom);

    /// <summary>Builds an index over the sites of an expanded structure, assigning species ids by occupants.</summary>
    public static AtomIndex Of(Structure structure, double toleranceAngstrom)
    {
        var species = new int[structure.Sites.Length];
        var positions = new Vec3[structure.Sites.Length];
        var kinds = new List<Site>();
        for (var i = 0; i < species.Length; i++)
        {
            var site = structure.Sites[i];
            var id = -1;
            for (var k = kinds.Count - 1; k >= 0 && id < 0; k--)
                if (SameOccupants(kinds[k], site)) id = k;
            if (id < 0) { id = kinds.Count; kinds.Add(site); }
            species[i] = id;
            positions[i] = site.Fractional;
        }
        return new AtomIndex(structure.Lattice, positions, species, toleranceAngstrom);
    }

    /// <summary>Same elements in the same order with occupancies equal to 4 decimals.</summary>
    private static bool SameOccupants(Site a, Site b)
    {
        var x = a.Occupants; var y = b.Occupants;
        if (x.Length != y.Length) return false;
        for (var i = 0; i < x.Length; i++)
            if (!string.Equals(x[i].Element, y[i].Element, StringComparison.Ordinal) || Math.Round(x[i].Occupancy, 4) != Math.Round(y[i].Occupancy, 4)) return false;
        return true;
    }

    private int Bucket(Vec3 p) => (Cell(p.X, _nx) * _ny + Cell(p.Y, _ny)) * _nz + Cell(p.Z, _nz);

    private static int Neighbours(int c, int n, Span<int> result)
    {
        if (n < 3) { for (var i = 0; i < n; i++) result[i] = i; return n; }
        result[0] = (c + n - 1) % n; result[1] = c; result[2] = (c + 1) % n;
        return 3;
    }

    private static int Cell(double v, int n) { var c = (int)(Vec3.Wrap(v) * n); return c >= n ? n - 1 : c; }

    /// <summary>The index of an atom of <paramref name="species"/> within tolerance of <paramref name="position"/>, or −1.</summary>
    public int Find(Vec3 position, int species)
    {
        var p = position.Wrapped();
        int cx = Cell(p.X, _nx), cy = Cell(p.Y, _ny), cz = Cell(p.Z, _nz);
        // neighbouring buckets (all of them along an axis with fewer than three)
        Span<int> xs = stackalloc int[3]; Span<int> ys = stackalloc int[3]; Span<int> zs = stackalloc int[3];
        int nxs = Neighbours(cx, _nx, xs), nys = Neighbours(cy, _ny, ys), nzs = Neighbours(cz, _nz, zs);
        for (var ix = 0; ix < nxs; ix++)
        for (var iy = 0; iy < nys; iy++)
        for (var iz = 0; iz < nzs; iz++)
        {
            var b = (xs[ix] * _ny + ys[iy]) * _nz + zs[iz];
            for (var k = _bucketStart[b]; k < _bucketStart[b + 1]; k++)
            {
                var j = _bucketAtoms[k];
                if (_species[j] != species) continue;
                var q = _positions[j];
                double dx = p.X - q.X, dy = p.Y - q.Y, dz = p.Z - q.Z;
                dx -= Math.Round(dx); dy -= Math.Round(dy); dz -= Math.Round(dz);
                double cx2 = dx * _m00 + dy * _m10 + dz * _m20, cy2 = dx * _m01 + dy * _m11 + dz * _m21, cz2 = dx * _m02 + dy * _m12 + dz * _m22;
                if (cx2 * cx2 + cy2 * cy2 + cz2 * cz2 < _toleranceSquared) return j;
            }
        }
        return -1;
    }
}
