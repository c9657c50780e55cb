using Bravais.Crystallography.Geometry;

namespace Bravais.Analysis.Indexing;

/// <summary>
/// A symmetric 3×3 metric tensor as six numbers, direct (G_ij = a_i·a_j, Å²) or reciprocal (G*_ij = a*_i·a*_j, Å⁻²):
/// (g00, g11, g22, g12, g02, g01). For a reciprocal metric, <see cref="Quadratic"/> is Q = 1/d² of reflection hkl.
/// </summary>
public readonly record struct Metric(double G00, double G11, double G22, double G12, double G02, double G01)
{
    public double Quadratic(double h, double k, double l) =>
        h * h * G00 + k * k * G11 + l * l * G22 + 2 * (k * l * G12 + h * l * G02 + h * k * G01);

    public double Determinant =>
        G00 * (G11 * G22 - G12 * G12) - G01 * (G01 * G22 - G12 * G02) + G02 * (G01 * G12 - G11 * G02);

    public Metric Inverse()
    {
        var det = Determinant;
        return new Metric(
            (G11 * G22 - G12 * G12) / det,
            (G00 * G22 - G02 * G02) / det,
            (G00 * G11 - G01 * G01) / det,
            (G01 * G02 - G00 * G12) / det,
            (G01 * G12 - G11 * G02) / det,
            (G02 * G12 - G01 * G22) / det);
    }

    public double this[int i, int j] => (Math.Min(i, j), Math.Max(i, j)) switch
    {
        (0, 0) => G00, (1, 1) => G11, (2, 2) => G22, (1, 2) => G12, (0, 2) => G02, _ => G01,
    };

    /// <summary>M·G·Mᵀ: the metric of the basis whose vectors are the rows of <paramref name="m"/> in terms of this one.</summary>
    public Metric Transform(ReadOnlySpan<double> m)
    {
        Span<double> g = [G00, G01, G02, G01, G11, G12, G02, G12, G22];
        Span<double> r = stackalloc double[6];
        ReadOnlySpan<(int I, int J)> pairs = [(0, 0), (1, 1), (2, 2), (1, 2), (0, 2), (0, 1)];
        for (var p = 0; p < 6; p++)
        {
            var (i, j) = pairs[p];
            double s = 0;
            for (var a = 0; a < 3; a++)
                for (var b = 0; b < 3; b++)
                    s += m[3 * i + a] * g[3 * a + b] * m[3 * j + b];
            r[p] = s;
        }
        return FromArray(r);
    }

    public Metric Transform(int[] m) => Transform(Array.ConvertAll(m, v => (double)v));

    /// <summary>The cell volume of a direct metric (√det G), or the inverse volume of a reciprocal one.</summary>
    public double SqrtDeterminant => Math.Sqrt(Math.Max(Determinant, 0));

    public static Metric Direct(Lattice lattice)
    {
        var g = lattice.MetricTensor;
        return new Metric(g.M00, g.M11, g.M22, g.M12, g.M02, g.M01);
    }

    /// <summary>The cell with this direct metric (pymatgen orientation), or null when it is not positive definite.</summary>
    public Lattice? ToLattice()
    {
        if (!(G00 > 0 && G11 > 0 && G22 > 0) || !(Determinant > 0)) return null;
        double a = Math.Sqrt(G00), b = Math.Sqrt(G11), c = Math.Sqrt(G22);
        double Angle(double cos) => Math.Acos(Math.Clamp(cos, -1, 1)) * 180 / Math.PI;
        try { return Lattice.FromParameters(a, b, c, Angle(G12 / (b * c)), Angle(G02 / (a * c)), Angle(G01 / (a * b))); }
        catch (Bravais.Crystallography.CrystallographyException) { return null; }
    }

    public double[] ToArray() => [G00, G11, G22, G12, G02, G01];

    public static Metric FromArray(ReadOnlySpan<double> v) => new(v[0], v[1], v[2], v[3], v[4], v[5]);
}
