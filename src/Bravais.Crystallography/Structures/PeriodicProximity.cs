using System.Runtime.CompilerServices;
using Bravais.Crystallography.Geometry;

namespace Bravais.Crystallography.Structures;

/// <summary>
/// Fast test whether two fractional positions lie within a small Cartesian distance of each other modulo
/// lattice translations. For a tolerance below half the smallest interplanar spacing of the cell the
/// nearest-image fractional difference is the only candidate, so one image suffices; otherwise it falls
/// back to <see cref="Lattice.PeriodicDistance"/>.
/// </summary>
public readonly struct PeriodicProximity
{
    private readonly Lattice _lattice;
    private readonly Mat3 _m;
    private readonly double _tolerance2;
    private readonly double _tolerance;
    private readonly bool _nearestImageExact;

    public PeriodicProximity(Lattice lattice, double toleranceAngstrom)
    {
        _lattice = lattice;
        _m = lattice.Matrix;
        _tolerance = toleranceAngstrom;
        _tolerance2 = toleranceAngstrom * toleranceAngstrom;
        var r = lattice.Matrix.Inverse();
        // 1/|column j of M⁻¹| is the spacing of the lattice planes normal to reciprocal vector j
        var dMin = double.MaxValue;
        for (var j = 0; j < 3; j++) dMin = Math.Min(dMin, 1.0 / r.Column(j).Length);
        _nearestImageExact = toleranceAngstrom < 0.45 * dMin;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Coincide(Vec3 p, Vec3 q)
    {
        if (!_nearestImageExact) return _lattice.PeriodicDistance(p, q) < _tolerance;
        var d = (q - p).NearestImage();
        var c = d * _m;
        return c.Dot(c) < _tolerance2;
    }
}
