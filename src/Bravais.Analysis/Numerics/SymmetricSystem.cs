namespace Bravais.Analysis.Numerics;

/// <summary>
/// Small dense symmetric positive (semi-)definite systems, as the normal equations of least squares make them:
/// Cholesky solve and inverse (the covariance of the fitted parameters). Matrices are row-major n×n spans.
/// Hand-written because the systems have at most a few dozen unknowns and are solved millions of times in tight
/// loops, where a general linear-algebra package's allocations would cost more than the arithmetic.
/// </summary>
public static class SymmetricSystem
{
    /// <summary>Cholesky factor L (lower, in place of <paramref name="a"/>); false when the matrix is not positive definite.</summary>
    public static bool Factor(Span<double> a, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var d = a[j * n + j];
            for (var k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
            if (!(d > 0) || !double.IsFinite(d)) return false;
            d = Math.Sqrt(d);
            a[j * n + j] = d;
            for (var i = j + 1; i < n; i++)
            {
                var s = a[i * n + j];
                for (var k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = s / d;
            }
        }
        return true;
    }

    /// <summary>Solves L·Lᵀ·x = b in place of <paramref name="b"/>, with L from <see cref="Factor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> l, int n, Span<double> b)
    {
        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++) s -= l[i * n + k] * b[k];
            b[i] = s / l[i * n + i];
        }
        for (var i = n - 1; i >= 0; i--)
        {
            var s = b[i];
            for (var k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
            b[i] = s / l[i * n + i];
        }
    }

    /// <summary>Solves A·x = b for symmetric positive definite A (copied); false when A is singular.</summary>
    public static bool TrySolve(ReadOnlySpan<double> a, int n, Span<double> b)
    {
        Span<double> l = n <= 16 ? stackalloc double[n * n] : new double[n * n];
        a[..(n * n)].CopyTo(l);
        if (!Factor(l, n)) return false;
        Solve(l, n, b);
        return true;
    }

    /// <summary>The inverse of a symmetric positive definite matrix, or null when it is singular.</summary>
    public static double[]? Inverse(ReadOnlySpan<double> a, int n)
    {
        var l = a[..(n * n)].ToArray();
        if (!Factor(l, n)) return null;
        var inverse = new double[n * n];
        var column = new double[n];
        for (var j = 0; j < n; j++)
        {
            Array.Clear(column);
            column[j] = 1;
            Solve(l, n, column);
            for (var i = 0; i < n; i++) inverse[i * n + j] = column[i];
        }
        return inverse;
    }
}
