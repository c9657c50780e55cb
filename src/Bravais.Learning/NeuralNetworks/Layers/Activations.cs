using Bravais.Learning.NeuralNetworks.Core;

namespace Bravais.Learning.NeuralNetworks.Layers;

/// <summary>Rectified linear unit, y = max(0, x).</summary>
public sealed class ReLU : Layer
{
    protected override Shape Initialise(Shape input, Random rng) => input;

    public override void Forward(float[] x, float[] y, int batch, RunContext context)
    {
        var n = batch * InputShape.Size;
        System.Numerics.Tensors.TensorPrimitives.Max(x.AsSpan(0, n), 0f, y.AsSpan(0, n));
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch, RunContext context)
    {
        if (dx is null) return;
        ReLUBackward(x, dy, dx, batch * InputShape.Size);
    }

    /// <summary>dx = dy where x &gt; 0, else 0 (vectorised).</summary>
    internal static void ReLUBackward(float[] x, float[] dy, float[] dx, int n)
    {
        var i = 0;
        if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
            {
                var xv = System.Runtime.Intrinsics.Vector256.Create(x, i);
                var gv = System.Runtime.Intrinsics.Vector256.Create(dy, i);
                var mask = System.Runtime.Intrinsics.Vector256.GreaterThan(xv, System.Runtime.Intrinsics.Vector256<float>.Zero);
                System.Runtime.Intrinsics.Vector256.StoreUnsafe(mask & gv, ref dx[i]);
            }
        }
        for (; i < n; i++) dx[i] = x[i] > 0f ? dy[i] : 0f;
    }

    public override string Describe() => "ReLU";
}

/// <summary>
/// Gaussian error linear unit in its tanh form (Hendrycks &amp; Gimpel 2016):
/// y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
/// </summary>
public sealed class Gelu : Layer
{
    private const float C = 0.7978845608f; // √(2/π)
    private const float A = 0.044715f;

    protected override Shape Initialise(Shape input, Random rng) => input;

    public override void Forward(float[] x, float[] y, int batch, RunContext context)
    {
        var n = batch * InputShape.Size;
        Shards.For(n, context.Shards, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var v = x[i];
                y[i] = 0.5f * v * (1f + MathF.Tanh(C * (v + A * v * v * v)));
            }
        });
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch, RunContext context)
    {
        if (dx is null) return;
        var n = batch * InputShape.Size;
        Shards.For(n, context.Shards, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var v = x[i];
                var t = MathF.Tanh(C * (v + A * v * v * v));
                var d = 0.5f * (1f + t) + 0.5f * v * (1f - t * t) * C * (1f + 3f * A * v * v);
                dx[i] = dy[i] * d;
            }
        });
    }

    public override string Describe() => "GELU";
}
