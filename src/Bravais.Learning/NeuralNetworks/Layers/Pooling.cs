using Bravais.Learning.NeuralNetworks.Core;

namespace Bravais.Learning.NeuralNetworks.Layers;

/// <summary>Pooling along the length: windows of <c>kernel</c> values every <c>stride</c> (default: the kernel), no padding.</summary>
public abstract class WindowPool1D(int kernel, int stride, string kind) : Layer
{
    public int Kernel { get; } = kernel > 0 ? kernel : throw new ArgumentOutOfRangeException(nameof(kernel));
    public int Stride { get; } = stride > 0 ? stride : kernel;

    protected override Shape Initialise(Shape input, Random rng)
    {
        Require(input.Length >= Kernel, $"{kind} pooling window {Kernel} is longer than the input ({input.Length})");
        return new Shape(input.Channels, (input.Length - Kernel) / Stride + 1);
    }
}

/// <summary>Max pooling along the length: windows of <c>kernel</c> values every <c>stride</c> (no padding).</summary>
public sealed class MaxPool1D(int kernel, int stride = 0) : WindowPool1D(kernel, stride, "max")
{
    private int[] _argMax = [];

    public override void Forward(float[] x, float[] y, int batch, RunContext context)
    {
        var rows = batch * InputShape.Channels;
        int inLength = InputShape.Length, outLength = OutputShape.Length;
        if (_argMax.Length < rows * outLength) _argMax = new int[rows * outLength];
        var arg = _argMax;
        Shards.For(rows, context.Shards, (_, r0, r1) =>
        {
            for (var r = r0; r < r1; r++)
            {
                var xi = r * inLength;
                for (var j = 0; j < outLength; j++)
                {
                    var s = xi + j * Stride;
                    var best = s;
                    for (var t = 1; t < Kernel; t++) if (x[s + t] > x[best]) best = s + t;
                    y[r * outLength + j] = x[best];
                    arg[r * outLength + j] = best;
                }
            }
        });
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch, RunContext context)
    {
        if (dx is null) return;
        var rows = batch * InputShape.Channels;
        int inLength = InputShape.Length, outLength = OutputShape.Length;
        var arg = _argMax;
        Shards.For(rows, context.Shards, (_, r0, r1) =>
        {
            dx.AsSpan(r0 * inLength, (r1 - r0) * inLength).Clear();
            for (var i = r0 * outLength; i < r1 * outLength; i++) dx[arg[i]] += dy[i];
        });
    }

    public override string Describe() => $"MaxPool({Kernel},{Stride})";
}

/// <summary>Average pooling along the length: windows of <c>kernel</c> values every <c>stride</c> (no padding).</summary>
public sealed class AvgPool1D(int kernel, int stride = 0) : WindowPool1D(kernel, stride, "average")
{
    public override void Forward(float[] x, float[] y, int batch, RunContext context)
    {
        var rows = batch * InputShape.Channels;
        int inLength = InputShape.Length, outLength = OutputShape.Length;
        var scale = 1f / Kernel;
        Shards.For(rows, context.Shards, (_, r0, r1) =>
        {
            for (var r = r0; r < r1; r++)
                for (var j = 0; j < outLength; j++)
                {
                    var s = r * inLength + j * Stride;
                    var sum = 0f;
                    for (var t = 0; t < Kernel; t++) sum += x[s + t];
                    y[r * outLength + j] = sum * scale;
                }
        });
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch, RunContext context)
    {
        if (dx is null) return;
        var rows = batch * InputShape.Channels;
        int inLength = InputShape.Length, outLength = OutputShape.Length;
        var scale = 1f / Kernel;
        Shards.For(rows, context.Shards, (_, r0, r1) =>
        {
            dx.AsSpan(r0 * inLength, (r1 - r0) * inLength).Clear();
            for (var r = r0; r < r1; r++)
                for (var j = 0; j < outLength; j++)
                {
                    var g = dy[r * outLength + j] * scale;
                    var s = r * inLength + j * Stride;
                    for (var t = 0; t < Kernel; t++) dx[s + t] += g;
                }
        });
    }

    public override string Describe() => $"AvgPool({Kernel},{Stride})";
}

/// <summary>Mean over the length of each channel: C×L → C×1.</summary>
public sealed class GlobalAveragePool : Layer
{
    protected override Shape Initialise(Shape input, Random rng) => Shape.Features(input.Channels);

    public override void Forward(float[] x, float[] y, int batch, RunContext context)
    {
        var rows = batch * InputShape.Channels;
        var length = InputShape.Length;
        for (var r = 0; r < rows; r++)
            y[r] = System.Numerics.Tensors.TensorPrimitives.Sum(x.AsSpan(r * length, length)) / length;
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch, RunContext context)
    {
        if (dx is null) return;
        var rows = batch * InputShape.Channels;
        var length = InputShape.Length;
        for (var r = 0; r < rows; r++) dx.AsSpan(r * length, length).Fill(dy[r] / length);
    }

    public override string Describe() => "GlobalAvgPool";
}
