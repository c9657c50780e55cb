namespace Bravais.Crystallography.Geometry;

/// <summary>
/// A crystal lattice. <see cref="Matrix"/> holds the basis vectors a, b, c as rows in Cartesian ångström,
/// so a Cartesian position is <c>fractional × Matrix</c> (the pymatgen convention). Angles are in degrees.
/// </summary>
public sealed class Lattice
{
    public Mat3 Matrix { get; }
    public double A { get; }
    public double B { get; }
    public double C { get; }
    public double Alpha { get; }
    public double Beta { get; }
    public double Gamma { get; }

    private Lattice(Mat3 matrix)
    {
        Matrix = matrix;
        Vec3 a = matrix.Row(0), b = matrix.Row(1), c = matrix.Row(2);
        A = a.Length; B = b.Length; C = c.Length;
        Alpha = AngleDegrees(b, c); Beta = AngleDegrees(a, c); Gamma = AngleDegrees(a, b);
    }

    /// <summary>Builds the lattice from its basis vectors (rows of <paramref name="matrix"/>, Å).</summary>
    public static Lattice FromMatrix(Mat3 matrix)
    {
        var v = matrix.Determinant;
        if (!double.IsFinite(v))
            throw new CrystallographyException(FormattableString.Invariant($"lattice vectors are too large or not numbers (cell volume {v:G4} Å³)"));
        if (Math.Abs(v) < 1e-6)
            throw new CrystallographyException($"lattice vectors are degenerate (cell volume {v:G4} Å³)");
        return Finite(new Lattice(matrix));
    }

    /// <summary>
    /// Builds the lattice from a, b, c (Å) and α, β, γ (degrees) with pymatgen's orientation
    /// (c along z, a in the xz plane), so Cartesian coordinates agree with pymatgen to rounding.
    /// </summary>
    public static Lattice FromParameters(double a, double b, double c, double alpha, double beta, double gamma)
    {
        if (!(a > 0 && b > 0 && c > 0) || !double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c))
            throw new CrystallographyException($"cell lengths must be finite and positive (a={a}, b={b}, c={c})");
        if (!(alpha > 0 && alpha < 180 && beta > 0 && beta < 180 && gamma > 0 && gamma < 180))
            throw new CrystallographyException($"cell angles must lie strictly between 0 and 180 degrees (alpha={alpha}, beta={beta}, gamma={gamma})");
        double ar = alpha * Math.PI / 180, br = beta * Math.PI / 180, gr = gamma * Math.PI / 180;
        var val = (Math.Cos(ar) * Math.Cos(br) - Math.Cos(gr)) / (Math.Sin(ar) * Math.Sin(br));
        val = Math.Clamp(val, -1.0, 1.0);
        var gammaStar = Math.Acos(val);
        var va = new Vec3(a * Math.Sin(br), 0.0, a * Math.Cos(br));
        var vb = new Vec3(-b * Math.Sin(ar) * Math.Cos(gammaStar), b * Math.Sin(ar) * Math.Sin(gammaStar), b * Math.Cos(ar));
        var vc = new Vec3(0.0, 0.0, c);
        var m = Mat3.FromRows(va, vb, vc);
        if (!double.IsFinite(m.Determinant))
            throw new CrystallographyException(FormattableString.Invariant($"cell a={a:G4}, b={b:G4}, c={c:G4} is too large: its volume overflows"));
        if (!(m.Determinant > 1e-6))
            throw new CrystallographyException($"cell angles alpha={alpha}, beta={beta}, gamma={gamma} do not form a cell of positive volume");
        return Finite(new Lattice(m));
    }

    /// <summary>Lengths whose squares overflow (1e200 Å) would make every derived quantity infinite.</summary>
    private static Lattice Finite(Lattice l) =>
        double.IsFinite(l.A) && double.IsFinite(l.B) && double.IsFinite(l.C)
            ? l
            : throw new CrystallographyException(FormattableString.Invariant($"cell lengths a={l.A:G4}, b={l.B:G4}, c={l.C:G4} overflow"));

    public static Lattice Cubic(double a) => FromParameters(a, a, a, 90, 90, 90);
    public static Lattice Tetragonal(double a, double c) => FromParameters(a, a, c, 90, 90, 90);
    public static Lattice Orthorhombic(double a, double b, double c) => FromParameters(a, b, c, 90, 90, 90);
    public static Lattice Hexagonal(double a, double c) => FromParameters(a, a, c, 90, 90, 120);
    public static Lattice Monoclinic(double a, double b, double c, double beta) => FromParameters(a, b, c, 90, beta, 90);

    /// <summary>Cell volume in Å³ (always positive).</summary>
    public double Volume => Math.Abs(Matrix.Determinant);

    /// <summary>Metric tensor G = M Mᵀ (Å²): G_ij = a_i · a_j.</summary>
    public Mat3 MetricTensor => Matrix * Matrix.Transpose();

    /// <summary>
    /// The crystallographic reciprocal lattice (no 2π): rows a*, b*, c* with a_i · a*_j = δ_ij, in Å⁻¹.
    /// For reflection hkl, |h a* + k b* + l c*| = 1/d.
    /// </summary>
    public Lattice ReciprocalCrystallographic() => new(Matrix.Inverse().Transpose());

    public Vec3 ToCartesian(Vec3 fractional) => fractional * Matrix;
    public Vec3 ToFractional(Vec3 cartesian) => cartesian * Matrix.Inverse();

    /// <summary>Interplanar spacing d(hkl) in Å.</summary>
    public double DSpacing(int h, int k, int l)
    {
        var g = new Vec3(h, k, l) * ReciprocalCrystallographic().Matrix;
        return 1.0 / g.Length;
    }

    /// <summary>
    /// Shortest Cartesian distance (Å) between fractional positions p and q over periodic images.
    /// Exact for reasonably shaped cells: searches the 27 images around the nearest-image difference.
    /// </summary>
    public double PeriodicDistance(Vec3 p, Vec3 q)
    {
        var d = (q - p).NearestImage();
        var best = double.MaxValue;
        for (var i = -1; i <= 1; i++)
        for (var j = -1; j <= 1; j++)
        for (var k = -1; k <= 1; k++)
        {
            var c = ToCartesian(new Vec3(d.X + i, d.Y + j, d.Z + k));
            var l2 = c.Dot(c);
            if (l2 < best) best = l2;
        }
        return Math.Sqrt(best);
    }

    public override string ToString() => FormattableString.Invariant(
        $"a={A:0.####} b={B:0.####} c={C:0.####} α={Alpha:0.###} β={Beta:0.###} γ={Gamma:0.###}");

    private static double AngleDegrees(Vec3 u, Vec3 v)
    {
        var cos = Math.Clamp(u.Dot(v) / (u.Length * v.Length), -1.0, 1.0);
        return Math.Acos(cos) * 180.0 / Math.PI;
    }
}
