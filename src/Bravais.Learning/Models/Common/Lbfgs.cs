using System.Numerics.Tensors;

namespace Bravais.Learning.Models.Common;

/// <summary>The result of an <see cref="Lbfgs"/> minimisation.</summary>
public sealed record LbfgsResult(double Value, int Iterations, bool Converged, double GradientMaxAbs);

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, Numerical Optimization, algorithms 7.4/7.5) with a
/// backtracking Armijo line search and curvature-pair skipping. Deterministic: no randomness,
/// the objective is the only source of arithmetic.
/// </summary>
public static class Lbfgs
{
    /// <summary>An objective: writes the gradient at x into gradient, returns the value.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>
    /// Minimises <paramref name="f"/> from <paramref name="x"/> (updated in place). Stops when the largest
    /// gradient component is at most <paramref name="gradientTolerance"/>, when the relative decrease of f
    /// falls below 1e-12, or after <paramref name="maxIterations"/> iterations.
    /// </summary>
    public static LbfgsResult Minimise(Objective f, double[] x, int maxIterations, double gradientTolerance, int memory = 10,
        IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        var n = x.Length;
        var g = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var direction = new double[n];
        var s = new double[memory][];
        var y = new double[memory][];
        var rho = new double[memory];
        var alpha = new double[memory];
        for (var i = 0; i < memory; i++) { s[i] = new double[n]; y[i] = new double[n]; }
        var stored = 0;
        var head = 0; // index of the next slot to write

        var fx = f(x, g);
        var gMax = MaxAbs(g);
        if (gMax <= gradientTolerance) return new LbfgsResult(fx, 0, true, gMax);

        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            // Two-loop recursion: direction = −H·g.
            g.AsSpan().CopyTo(direction);
            for (var k = 0; k < stored; k++)
            {
                var i = (head - 1 - k + memory) % memory;
                alpha[i] = rho[i] * TensorPrimitives.Dot<double>(s[i], direction);
                TensorPrimitives.MultiplyAdd<double>(y[i], -alpha[i], direction, direction);
            }
            if (stored > 0)
            {
                var last = (head - 1 + memory) % memory;
                var gamma = TensorPrimitives.Dot<double>(s[last], y[last]) / TensorPrimitives.Dot<double>(y[last], y[last]);
                TensorPrimitives.Multiply<double>(direction, gamma, direction);
            }
            else
            {
                TensorPrimitives.Multiply<double>(direction, 1.0 / Math.Max(1.0, TensorPrimitives.Norm<double>(g)), direction);
            }
            for (var k = stored - 1; k >= 0; k--)
            {
                var i = (head - 1 - k + memory) % memory;
                var beta = rho[i] * TensorPrimitives.Dot<double>(y[i], direction);
                TensorPrimitives.MultiplyAdd<double>(s[i], alpha[i] - beta, direction, direction);
            }
            TensorPrimitives.Negate<double>(direction, direction);

            var slope = TensorPrimitives.Dot<double>(g, direction);
            if (slope >= 0)
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                stored = 0;
                TensorPrimitives.Multiply<double>(g, -1.0 / Math.Max(1.0, TensorPrimitives.Norm<double>(g)), direction);
                slope = TensorPrimitives.Dot<double>(g, direction);
            }

            // Backtracking Armijo line search.
            var step = 1.0;
            double fNew;
            var accepted = false;
            for (var trial = 0; ; trial++)
            {
                TensorPrimitives.MultiplyAdd<double>(direction, step, x, xNew);
                fNew = f(xNew, gNew);
                if (double.IsFinite(fNew) && fNew <= fx + 1e-4 * step * slope) { accepted = true; break; }
                if (trial >= 40) break;
                step *= 0.5;
            }
            if (!accepted) return new LbfgsResult(fx, iteration, false, gMax);

            // Curvature pair.
            var si = s[head];
            var yi = y[head];
            TensorPrimitives.Subtract<double>(xNew, x, si);
            TensorPrimitives.Subtract<double>(gNew, g, yi);
            var sy = TensorPrimitives.Dot<double>(si, yi);
            if (sy > 1e-10 * TensorPrimitives.Dot<double>(yi, yi))
            {
                rho[head] = 1.0 / sy;
                head = (head + 1) % memory;
                stored = Math.Min(stored + 1, memory);
            }

            var decrease = fx - fNew;
            xNew.AsSpan().CopyTo(x);
            gNew.AsSpan().CopyTo(g);
            fx = fNew;
            gMax = MaxAbs(g);
            if (iteration % 50 == 0) progress?.Report($"L-BFGS iteration {iteration}: f = {fx:G6}, max|g| = {gMax:G3}");
            if (gMax <= gradientTolerance) return new LbfgsResult(fx, iteration, true, gMax);
            if (decrease <= 1e-12 * Math.Max(1.0, Math.Abs(fx))) return new LbfgsResult(fx, iteration, true, gMax);
        }
        return new LbfgsResult(fx, maxIterations, false, gMax);
    }

    private static double MaxAbs(ReadOnlySpan<double> v) => v.Length == 0 ? 0 : TensorPrimitives.MaxMagnitude(v) is var m ? Math.Abs(m) : 0;
}
