using Bravais.Crystallography.Numerics;
using Bravais.Learning.NeuralNetworks.Core;
using Xunit;

namespace Bravais.Learning.Tests.NeuralNetworks;

/// <summary>
/// Finite-difference gradient checks in single precision. The scalar tested is L = Σ y ⊙ R for a fixed
/// random R (so dL/dy = R), accumulated in double. Central differences with step h have truncation error
/// O(h²) and rounding error about 6e-8·Σ|y·R| / h; inputs are kept small so the latter stays near 1e-4,
/// and the tolerance is |numeric − analytic| ≤ 2e-3 + 2e-2·max(|numeric|, |analytic|).
/// </summary>
internal static class GradientChecker
{
    public const double AbsoluteTolerance = 2e-3;
    public const double RelativeTolerance = 2e-2;

    public static float[] Random(int n, int seed, double scale = 1.0)
    {
        var rng = new Random(seed);
        var v = new float[n];
        for (var i = 0; i < n; i++) v[i] = (float)(scale * rng.NextNormal());
        return v;
    }

    /// <summary>Checks dL/dx and dL/dθ of <paramref name="layer"/> (already built) at <paramref name="x"/>.</summary>
    public static void Check(Layer layer, float[] x, int batch, float step = 1e-2f, int shards = 2, int maxChecks = 80)
    {
        var context = new RunContext(shards, training: true);
        var outSize = batch * layer.OutputShape.Size;
        var inSize = batch * layer.InputShape.Size;
        var r = Random(outSize, 99);
        var y = new float[outSize];

        double Loss()
        {
            layer.Forward(x, y, batch, context);
            double sum = 0;
            for (var i = 0; i < outSize; i++) sum += (double)y[i] * r[i];
            return sum;
        }

        Loss();
        foreach (var p in layer.Parameters) p.ZeroGradient();
        var dx = new float[inSize];
        layer.Backward(x, y, r, dx, batch, context);

        var rng = new Random(5);
        var checkedCount = 0;
        foreach (var i in Pick(inSize, maxChecks, rng))
        {
            Compare($"{layer.Describe()} dx[{i}]", Numeric(x, i, step, Loss), dx[i]);
            checkedCount++;
        }
        foreach (var p in layer.Parameters)
        {
            var analytic = (float[])p.Gradient.Clone();
            foreach (var i in Pick(p.Size, maxChecks, rng))
            {
                Compare($"{layer.Describe()} {p.Name}[{i}]", Numeric(p.Value, i, step, Loss), analytic[i]);
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 0);
    }

    public static double Numeric(float[] values, int i, float step, Func<double> loss)
    {
        var saved = values[i];
        values[i] = saved + step;
        var plus = loss();
        values[i] = saved - step;
        var minus = loss();
        values[i] = saved;
        // The actual perturbation in float can differ slightly from ±step.
        var h = (double)(saved + step) - (double)(saved - step);
        return (plus - minus) / h;
    }

    public static void Compare(string what, double numeric, double analytic)
    {
        var error = Math.Abs(numeric - analytic);
        var allowed = AbsoluteTolerance + RelativeTolerance * Math.Max(Math.Abs(numeric), Math.Abs(analytic));
        Assert.True(error <= allowed, $"{what}: numeric {numeric:G6} vs analytic {analytic:G6} (error {error:G3} > {allowed:G3})");
    }

    private static IEnumerable<int> Pick(int n, int max, Random rng)
    {
        if (n <= max) return Enumerable.Range(0, n);
        return Enumerable.Range(0, max).Select(_ => rng.Next(n)).Distinct();
    }
}
