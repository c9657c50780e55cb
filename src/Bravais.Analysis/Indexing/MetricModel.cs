using Bravais.Crystallography.Geometry;

namespace Bravais.Analysis.Indexing;

/// <summary>
/// A linear family of reciprocal metrics G* = Σ t_j S_j, so Q(hkl) = Σ t_j hᵀS_j h is linear in the parameters:
/// the cells of one lattice symmetry in one setting (cubic: one parameter, …, triclinic: six). Basis matrices are
/// 6-vectors (s00, s11, s22, s12, s02, s01) as in <see cref="MetricBasis"/>.
/// </summary>
public sealed class MetricModel
{
    public string Name { get; }
    public double[][] Basis { get; }
    public int Count => Basis.Length;

    public MetricModel(string name, double[][] basis)
    {
        Name = name;
        Basis = basis;
    }

    public Metric Compose(ReadOnlySpan<double> t)
    {
        Span<double> g = stackalloc double[6];
        g.Clear();
        for (var j = 0; j < Basis.Length; j++)
            for (var e = 0; e < 6; e++) g[e] += t[j] * Basis[j][e];
        return Metric.FromArray(g);
    }

    /// <summary>The parameters of the model's metric nearest to <paramref name="metric"/> (orthogonal projection; exact when the metric is in the family and the basis is orthonormal or a unit basis).</summary>
    public double[] Project(Metric metric)
    {
        var v = metric.ToArray();
        var n = Basis.Length;
        var a = new double[n * n];
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++) a[i * n + j] = Dot(Basis[i], Basis[j]);
            b[i] = Dot(Basis[i], v);
        }
        Numerics.SymmetricSystem.TrySolve(a, n, b);
        return b;
    }

    /// <summary>hᵀS_j h for every basis matrix j.</summary>
    public void Coefficients(int h, int k, int l, Span<double> into)
    {
        for (var j = 0; j < Basis.Length; j++) into[j] = MetricBasis.Quadratic<double>(Basis[j], h, k, l);
    }

    public static MetricModel FromRotations(string name, IReadOnlyList<int[]> rotations) => new(name, MetricBasis.Invariant(rotations));

    public static MetricModel Triclinic { get; } = new("triclinic", [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1]]);

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < 6; i++) s += a[i] * b[i];
        return s;
    }
}
