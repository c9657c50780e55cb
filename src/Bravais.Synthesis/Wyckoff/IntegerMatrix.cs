namespace Bravais.Synthesis.Wyckoff;

/// <summary>
/// Smith and Hermite normal forms of small integer matrices (at most a few rows, three columns): the
/// exact linear algebra behind solving (R − I)x ≡ −t (mod 1) for fixed-point sets.
/// </summary>
internal static class IntegerMatrix
{
    /// <summary>
    /// Smith normal form: unimodular P (m×m) and Q (n×n) with P·A·Q = S diagonal, S[i,i] ≥ 0, nonzero
    /// entries first. Returns the rank. <paramref name="a"/> is not modified.
    /// </summary>
    public static int Smith(long[,] a, out long[,] p, out long[,] s, out long[,] q)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        s = (long[,])a.Clone();
        p = Identity(m);
        q = Identity(n);
        var rank = 0;
        for (var t = 0; t < Math.Min(m, n); t++)
        {
            while (true)
            {
                // smallest nonzero entry of the remaining block becomes the pivot
                int pi = -1, pj = -1; long best = long.MaxValue;
                for (var i = t; i < m; i++)
                for (var j = t; j < n; j++)
                    if (s[i, j] != 0 && Math.Abs(s[i, j]) < best) { best = Math.Abs(s[i, j]); pi = i; pj = j; }
                if (pi < 0) return rank;
                SwapRows(s, t, pi); SwapRows(p, t, pi);
                SwapColumns(s, t, pj); SwapColumns(q, t, pj);
                var clean = true;
                for (var i = t + 1; i < m; i++)
                {
                    var f = s[i, t] / s[t, t];
                    if (f != 0) { AddRow(s, i, t, -f); AddRow(p, i, t, -f); }
                    if (s[i, t] != 0) clean = false;
                }
                for (var j = t + 1; j < n; j++)
                {
                    var f = s[t, j] / s[t, t];
                    if (f != 0) { AddColumn(s, j, t, -f); AddColumn(q, j, t, -f); }
                    if (s[t, j] != 0) clean = false;
                }
                if (clean) break;
            }
            if (s[t, t] < 0) { NegateRow(s, t); NegateRow(p, t); }
            rank++;
        }
        return rank;
    }

    /// <summary>
    /// Row-style Hermite normal form of <paramref name="a"/> in place (upper echelon, positive pivots,
    /// entries above a pivot reduced into [0, pivot)); every row operation is applied to
    /// <paramref name="rhs"/> as well. Zero rows end up last.
    /// </summary>
    public static void Hermite(long[,] a, Fraction[] rhs)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var row = 0;
        for (var col = 0; col < n && row < m; col++)
        {
            while (true)
            {
                int pi = -1; long best = long.MaxValue;
                for (var i = row; i < m; i++)
                    if (a[i, col] != 0 && Math.Abs(a[i, col]) < best) { best = Math.Abs(a[i, col]); pi = i; }
                if (pi < 0) break;
                SwapRows(a, row, pi); (rhs[row], rhs[pi]) = (rhs[pi], rhs[row]);
                var clean = true;
                for (var i = row + 1; i < m; i++)
                {
                    var f = a[i, col] / a[row, col];
                    if (f != 0) { AddRow(a, i, row, -f); rhs[i] = rhs[i] - f * rhs[row]; }
                    if (a[i, col] != 0) clean = false;
                }
                if (clean) break;
            }
            if (a[row, col] == 0) continue;
            if (a[row, col] < 0) { NegateRow(a, row); rhs[row] = -rhs[row]; }
            for (var i = 0; i < row; i++)
            {
                var f = FloorDiv(a[i, col], a[row, col]);
                if (f != 0) { AddRow(a, i, row, -f); rhs[i] = rhs[i] - f * rhs[row]; }
            }
            row++;
        }
    }

    /// <summary>Inverse of a unimodular 3×3 integer matrix.</summary>
    public static long[,] InverseUnimodular3(long[,] m)
    {
        var det = m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0]) + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        if (det is not (1 or -1)) throw new InvalidOperationException($"matrix is not unimodular (determinant {det})");
        var r = new long[3, 3];
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 3; j++)
        {
            // cofactor of (j, i)
            int r0 = (j + 1) % 3, r1 = (j + 2) % 3, c0 = (i + 1) % 3, c1 = (i + 2) % 3;
            r[i, j] = (m[r0, c0] * m[r1, c1] - m[r0, c1] * m[r1, c0]) * det;
        }
        return r;
    }

    public static long[,] Identity(int n)
    {
        var r = new long[n, n];
        for (var i = 0; i < n; i++) r[i, i] = 1;
        return r;
    }

    private static long FloorDiv(long a, long b) { var q = a / b; if ((a % b != 0) && ((a < 0) != (b < 0))) q--; return q; }

    private static void SwapRows(long[,] a, int i, int j)
    {
        if (i == j) return;
        for (var c = 0; c < a.GetLength(1); c++) (a[i, c], a[j, c]) = (a[j, c], a[i, c]);
    }

    private static void SwapColumns(long[,] a, int i, int j)
    {
        if (i == j) return;
        for (var r = 0; r < a.GetLength(0); r++) (a[r, i], a[r, j]) = (a[r, j], a[r, i]);
    }

    /// <summary>row[target] += factor × row[source].</summary>
    private static void AddRow(long[,] a, int target, int source, long factor)
    {
        for (var c = 0; c < a.GetLength(1); c++) a[target, c] += factor * a[source, c];
    }

    /// <summary>column[target] += factor × column[source].</summary>
    private static void AddColumn(long[,] a, int target, int source, long factor)
    {
        for (var r = 0; r < a.GetLength(0); r++) a[r, target] += factor * a[r, source];
    }

    private static void NegateRow(long[,] a, int i)
    {
        for (var c = 0; c < a.GetLength(1); c++) a[i, c] = -a[i, c];
    }
}
