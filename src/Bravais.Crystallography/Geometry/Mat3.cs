namespace Bravais.Crystallography.Geometry;

/// <summary>A 3×3 matrix of doubles, row-major (M01 = row 0, column 1).</summary>
public readonly record struct Mat3(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    public static readonly Mat3 Identity = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    public static Mat3 FromRows(Vec3 r0, Vec3 r1, Vec3 r2) => new(r0.X, r0.Y, r0.Z, r1.X, r1.Y, r1.Z, r2.X, r2.Y, r2.Z);

    public Vec3 Row(int i) => i switch { 0 => new(M00, M01, M02), 1 => new(M10, M11, M12), 2 => new(M20, M21, M22), _ => throw new ArgumentOutOfRangeException(nameof(i)) };
    public Vec3 Column(int j) => j switch { 0 => new(M00, M10, M20), 1 => new(M01, M11, M21), 2 => new(M02, M12, M22), _ => throw new ArgumentOutOfRangeException(nameof(j)) };

    public double Determinant =>
        M00 * (M11 * M22 - M12 * M21) - M01 * (M10 * M22 - M12 * M20) + M02 * (M10 * M21 - M11 * M20);

    public Mat3 Transpose() => new(M00, M10, M20, M01, M11, M21, M02, M12, M22);

    public Mat3 Inverse()
    {
        var det = Determinant;
        if (Math.Abs(det) < 1e-300) throw new InvalidOperationException("Matrix is singular.");
        var inv = 1.0 / det;
        return new(
            (M11 * M22 - M12 * M21) * inv, (M02 * M21 - M01 * M22) * inv, (M01 * M12 - M02 * M11) * inv,
            (M12 * M20 - M10 * M22) * inv, (M00 * M22 - M02 * M20) * inv, (M02 * M10 - M00 * M12) * inv,
            (M10 * M21 - M11 * M20) * inv, (M01 * M20 - M00 * M21) * inv, (M00 * M11 - M01 * M10) * inv);
    }

    /// <summary>Matrix × column vector.</summary>
    public static Vec3 operator *(Mat3 m, Vec3 v) => new(
        m.M00 * v.X + m.M01 * v.Y + m.M02 * v.Z,
        m.M10 * v.X + m.M11 * v.Y + m.M12 * v.Z,
        m.M20 * v.X + m.M21 * v.Y + m.M22 * v.Z);

    /// <summary>Row vector × matrix (v^T M).</summary>
    public static Vec3 operator *(Vec3 v, Mat3 m) => new(
        v.X * m.M00 + v.Y * m.M10 + v.Z * m.M20,
        v.X * m.M01 + v.Y * m.M11 + v.Z * m.M21,
        v.X * m.M02 + v.Y * m.M12 + v.Z * m.M22);

    public static Mat3 operator *(Mat3 a, Mat3 b) => FromRows(a.Row(0) * b, a.Row(1) * b, a.Row(2) * b);
}
