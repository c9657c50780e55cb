namespace Bravais.Analysis.Indexing;

/// <summary>
/// Niggli reduction of a direct metric by the algorithm of Křivý &amp; Gruber (1976) with the ε-comparisons of
/// Grosse-Kunstleve, Sauter &amp; Adams (2004, Acta Cryst. A60, 1). The basis is tracked as integer rows in terms of
/// the input basis and the metric recomputed from them after every step, so rounding does not accumulate.
/// Written here because no maintained .NET crystallography library provides it.
/// </summary>
public static class NiggliReduction
{
    /// <summary>The reduced metric and the transformation (rows: reduced basis vectors in terms of the input basis, det +1).</summary>
    public static (Metric Reduced, int[] Transform) Reduce(Metric direct, double relativeEpsilon = 1e-5)
    {
        int[] m = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        var eps = relativeEpsilon * Math.Pow(Math.Max(direct.Determinant, 1e-30), 1.0 / 3);
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            var g = direct.Transform(m);
            double a = g.G00, b = g.G11, c = g.G22, xi = 2 * g.G12, eta = 2 * g.G02, zeta = 2 * g.G01;
            // N1
            if (a > b + eps || (Math.Abs(a - b) <= eps && Math.Abs(xi) > Math.Abs(eta) + eps)) { m = Apply(m, [0, -1, 0, -1, 0, 0, 0, 0, -1]); continue; }
            // N2
            if (b > c + eps || (Math.Abs(b - c) <= eps && Math.Abs(eta) > Math.Abs(zeta) + eps)) { m = Apply(m, [-1, 0, 0, 0, 0, -1, 0, -1, 0]); continue; }
            int l = Sign(xi, eps), mm = Sign(eta, eps), n = Sign(zeta, eps);
            if (l * mm * n == 1)
            {
                // N3: all angles acute
                if (l != 1 || mm != 1 || n != 1) { m = Apply(m, [l, 0, 0, 0, mm, 0, 0, 0, n]); continue; }
            }
            else
            {
                // N4: all angles non-acute
                int i = 1, j = 1, k = 1; var p = -1;
                if (l == 1) i = -1; else if (l == 0) p = 0;
                if (mm == 1) j = -1; else if (mm == 0) p = 1;
                if (n == 1) k = -1; else if (n == 0) p = 2;
                if (i * j * k < 0)
                {
                    if (p == 0) i = -1; else if (p == 1) j = -1; else if (p == 2) k = -1;
                }
                if (i != 1 || j != 1 || k != 1) { m = Apply(m, [i, 0, 0, 0, j, 0, 0, 0, k]); continue; }
            }
            // N5
            if (Math.Abs(xi) > b + eps || (Math.Abs(xi - b) <= eps && 2 * eta < zeta - eps) || (Math.Abs(xi + b) <= eps && zeta < -eps))
            {
                var s = Math.Sign(xi);
                m = Apply(m, [1, 0, 0, 0, 1, 0, 0, -s, 1]);
                continue;
            }
            // N6
            if (Math.Abs(eta) > a + eps || (Math.Abs(eta - a) <= eps && 2 * xi < zeta - eps) || (Math.Abs(eta + a) <= eps && zeta < -eps))
            {
                var s = Math.Sign(eta);
                m = Apply(m, [1, 0, 0, 0, 1, 0, -s, 0, 1]);
                continue;
            }
            // N7
            if (Math.Abs(zeta) > a + eps || (Math.Abs(zeta - a) <= eps && 2 * xi < eta - eps) || (Math.Abs(zeta + a) <= eps && eta < -eps))
            {
                var s = Math.Sign(zeta);
                m = Apply(m, [1, 0, 0, -s, 1, 0, 0, 0, 1]);
                continue;
            }
            // N8
            var sum = xi + eta + zeta + a + b;
            if (sum < -eps || (Math.Abs(sum) <= eps && 2 * (a + eta) + zeta > eps)) { m = Apply(m, [1, 0, 0, 0, 1, 0, 1, 1, 1]); continue; }
            return (g, m);
        }
        return (direct.Transform(m), m);
    }

    private static int Sign(double v, double eps) => v > eps ? 1 : v < -eps ? -1 : 0;

    /// <summary>New basis rows = step × current rows (both row-major, in the current / input basis).</summary>
    public static int[] Apply(int[] current, int[] step)
    {
        var r = new int[9];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                r[3 * i + j] = step[3 * i] * current[j] + step[3 * i + 1] * current[3 + j] + step[3 * i + 2] * current[6 + j];
        return r;
    }
}
