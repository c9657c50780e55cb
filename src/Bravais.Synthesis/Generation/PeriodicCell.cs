using Bravais.Crystallography.Geometry;

namespace Bravais.Synthesis.Generation;

/// <summary>
/// Squared distances (Å²) between fractional positions over periodic images, allocation-free: the nearest image
/// of the fractional difference and its neighbours towards the origin (8 images; exact for cells that are not
/// extremely skewed, as the sampled ones are not). The lattice rows are held as plain doubles so the inner loop
/// is a handful of multiply-adds.
/// </summary>
public readonly struct PeriodicCell
{
    private readonly double _ax, _ay, _az, _bx, _by, _bz, _cx, _cy, _cz;

    public PeriodicCell(Mat3 rows) =>
        (_ax, _ay, _az, _bx, _by, _bz, _cx, _cy, _cz) = (rows.M00, rows.M01, rows.M02, rows.M10, rows.M11, rows.M12, rows.M20, rows.M21, rows.M22);

    public double DistanceSquared(Vec3 p, Vec3 q)
    {
        double dx = q.X - p.X, dy = q.Y - p.Y, dz = q.Z - p.Z;
        dx -= Math.Round(dx); dy -= Math.Round(dy); dz -= Math.Round(dz);
        // Cartesian nearest-image difference, and the lattice steps towards the origin along each axis
        double x = dx * _ax + dy * _bx + dz * _cx, y = dx * _ay + dy * _by + dz * _cy, z = dx * _az + dy * _bz + dz * _cz;
        double sa = dx > 0 ? -1 : 1, sb = dy > 0 ? -1 : 1, sc = dz > 0 ? -1 : 1;
        double ax = sa * _ax, ay = sa * _ay, az = sa * _az, bx = sb * _bx, by = sb * _by, bz = sb * _bz, cx = sc * _cx, cy = sc * _cy, cz = sc * _cz;
        var min = double.MaxValue;
        for (var a = 0; a < 2; a++)
        {
            double xa = x + a * ax, ya = y + a * ay, za = z + a * az;
            for (var b = 0; b < 2; b++)
            {
                double xb = xa + b * bx, yb = ya + b * by, zb = za + b * bz;
                double x0 = xb, y0 = yb, z0 = zb, x1 = xb + cx, y1 = yb + cy, z1 = zb + cz;
                var l0 = x0 * x0 + y0 * y0 + z0 * z0;
                var l1 = x1 * x1 + y1 * y1 + z1 * z1;
                min = Math.Min(min, Math.Min(l0, l1));
            }
        }
        return min;
    }

    public double Distance(Vec3 p, Vec3 q) => Math.Sqrt(DistanceSquared(p, q));
}
