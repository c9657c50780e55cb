using System.Runtime.CompilerServices;

namespace Bravais.Crystallography.Geometry;

/// <summary>A 3-vector of doubles: fractional or Cartesian coordinates, or a reciprocal-space vector.</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static readonly Vec3 Zero = new(0, 0, 0);

    public double this[int i] => i switch { 0 => X, 1 => Y, 2 => Z, _ => throw new ArgumentOutOfRangeException(nameof(i)) };

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vec3 operator -(Vec3 a) => new(-a.X, -a.Y, -a.Z);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vec3 operator *(double s, Vec3 a) => new(s * a.X, s * a.Y, s * a.Z);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vec3 operator *(Vec3 a, double s) => new(s * a.X, s * a.Y, s * a.Z);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vec3 operator /(Vec3 a, double s) => new(a.X / s, a.Y / s, a.Z / s);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public double Dot(Vec3 b) => X * b.X + Y * b.Y + Z * b.Z;
    public Vec3 Cross(Vec3 b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);
    public double Length => Math.Sqrt(Dot(this));

    /// <summary>Each component reduced into [0, 1).</summary>
    public Vec3 Wrapped() => new(Wrap(X), Wrap(Y), Wrap(Z));

    /// <summary>Each component shifted by an integer into [-0.5, 0.5): the nearest periodic image of a fractional difference.</summary>
    public Vec3 NearestImage() => new(X - Math.Round(X), Y - Math.Round(Y), Z - Math.Round(Z));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Wrap(double v)
    {
        var w = v - Math.Floor(v);
        return w >= 1.0 ? 0.0 : w;
    }

    public override string ToString() => FormattableString.Invariant($"({X:0.######}, {Y:0.######}, {Z:0.######})");
}
