namespace Bravais.Analysis.Numerics;

/// <summary>
/// Weighted residuals r (length m) and their Jacobian ∂r/∂p (row-major m×n) at parameters p. The fit minimises Σ r².
/// </summary>
public delegate void ResidualFunction(ReadOnlySpan<double> parameters, Span<double> residuals, Span<double> jacobian);

/// <summary>The outcome of a Levenberg–Marquardt fit: parameters, Σ r², the covariance (JᵀJ)⁻¹ (not scaled by the reduced χ²), iterations.</summary>
public sealed record LeastSquaresFit(double[] Parameters, double ChiSquare, double[]? Covariance, int Iterations, bool Converged)
{
    /// <summary>Standard error of parameter <paramref name="i"/>, scaled by √(χ²/(m − n)) when that exceeds 1 (model misfit widens the errors, never narrows them).</summary>
    public double StandardError(int i, int dataCount)
    {
        if (Covariance is null) return double.NaN;
        var n = Parameters.Length;
        var dof = Math.Max(1, dataCount - n);
        var scale = Math.Max(1, ChiSquare / dof);
        return Math.Sqrt(Math.Max(0, Covariance[i * n + i]) * scale);
    }
}

/// <summary>
/// Levenberg–Marquardt (Marquardt 1963) with Marquardt's diagonal scaling: solve (JᵀJ + λ·diag(JᵀJ))·δ = −Jᵀr,
/// accept the step when Σ r² drops (λ ÷ 3), otherwise λ × 4. An optional projection keeps parameters in their
/// physical domain (widths positive, mixing in [0, 1]) after each step.
/// </summary>
public static class LevenbergMarquardt
{
    public static LeastSquaresFit Minimize(double[] start, int dataCount, ResidualFunction function, Action<double[]>? project = null,
        int maxIterations = 60, double relativeTolerance = 1e-9)
    {
        var n = start.Length;
        var m = dataCount;
        var p = (double[])start.Clone();
        var trial = new double[n];
        var r = new double[m];
        var rTrial = new double[m];
        var j = new double[m * n];
        var jTrial = new double[m * n];
        var jtj = new double[n * n];
        var a = new double[n * n];
        var g = new double[n];
        var step = new double[n];
        function(p, r, j);
        var chi = SumOfSquares(r);
        var lambda = 1e-3;
        var iterations = 0;
        var converged = false;
        for (; iterations < maxIterations && !converged; iterations++)
        {
            Normal(j, r, m, n, jtj, g);
            var improved = false;
            for (var attempt = 0; attempt < 12; attempt++)
            {
                for (var i = 0; i < n * n; i++) a[i] = jtj[i];
                for (var i = 0; i < n; i++) a[i * n + i] += lambda * Math.Max(jtj[i * n + i], 1e-12);
                for (var i = 0; i < n; i++) step[i] = -g[i];
                if (!SymmetricSystem.TrySolve(a, n, step)) { lambda *= 4; continue; }
                for (var i = 0; i < n; i++) trial[i] = p[i] + step[i];
                project?.Invoke(trial);
                function(trial, rTrial, jTrial);
                var chiTrial = SumOfSquares(rTrial);
                if (double.IsFinite(chiTrial) && chiTrial <= chi)
                {
                    converged = chi - chiTrial <= relativeTolerance * Math.Max(chi, 1e-300);
                    (p, trial) = (trial, p);
                    (r, rTrial) = (rTrial, r);
                    (j, jTrial) = (jTrial, j);
                    chi = chiTrial;
                    lambda = Math.Max(lambda / 3, 1e-12);
                    improved = true;
                    break;
                }
                lambda *= 4;
            }
            if (!improved) { converged = true; break; }
        }
        Normal(j, r, m, n, jtj, g);
        return new LeastSquaresFit(p, chi, SymmetricSystem.Inverse(jtj, n), iterations, converged);
    }

    private static void Normal(double[] j, double[] r, int m, int n, double[] jtj, double[] g)
    {
        Array.Clear(jtj);
        Array.Clear(g);
        for (var row = 0; row < m; row++)
        {
            var offset = row * n;
            var ri = r[row];
            for (var a = 0; a < n; a++)
            {
                var ja = j[offset + a];
                if (ja == 0) continue;
                g[a] += ja * ri;
                for (var b = 0; b <= a; b++) jtj[a * n + b] += ja * j[offset + b];
            }
        }
        for (var a = 0; a < n; a++)
            for (var b = 0; b < a; b++) jtj[b * n + a] = jtj[a * n + b];
    }

    private static double SumOfSquares(ReadOnlySpan<double> r)
    {
        double s = 0;
        foreach (var v in r) s += v * v;
        return s;
    }
}
