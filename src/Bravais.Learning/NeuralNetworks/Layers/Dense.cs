using System.Numerics.Tensors;
using Bravais.Learning.NeuralNetworks.Core;

namespace Bravais.Learning.NeuralNetworks.Layers;

/// <summary>
/// Fully connected layer y = x·W + b over the flattened input (all channels × length). W is stored
/// input-major ([in, out]) so the forward pass is one row-major product; He-normal initialisation.
/// </summary>
public sealed class Dense(int units) : Layer
{
    public int Units { get; } = units > 0 ? units : throw new ArgumentOutOfRangeException(nameof(units));
    private Parameter _weight = null!;
    private Parameter _bias = null!;
    private float[] _weightTransposed = [];
    private int _in;

    public override IReadOnlyList<Parameter> Parameters => [_weight, _bias];

    protected override Shape Initialise(Shape input, Random rng)
    {
        _in = input.Size;
        _weight = new Parameter("dense.weight", _in * Units, decay: true);
        _bias = new Parameter("dense.bias", Units, decay: false);
        Initialisation.HeNormal(_weight.Value, _in, rng);
        _weightTransposed = new float[_in * Units];
        return Shape.Features(Units);
    }

    public override void Forward(float[] x, float[] y, int batch, RunContext context)
    {
        Shards.For(batch, context.Shards, (_, start, end) =>
        {
            var rows = end - start;
            for (var r = start; r < end; r++) _bias.Value.CopyTo(y, r * Units);
            Gemm.Multiply(rows, Units, _in, x.AsSpan(start * _in), _in, 1, _weight.Value, Units, y.AsSpan(start * Units), Units, accumulate: true);
        });
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch, RunContext context)
    {
        // dW[in, out] += Xᵀ·dY, split over rows of dW (no reduction needed, so order-independent).
        var w = _weight.Gradient;
        Shards.For(_in, context.Shards, (_, start, end) =>
            Gemm.Multiply(end - start, Units, batch, x.AsSpan(start), 1, _in, dy, Units, w.AsSpan(start * Units), Units, accumulate: true));
        var db = _bias.Gradient;
        for (var r = 0; r < batch; r++) TensorPrimitives.Add(db, dy.AsSpan(r * Units, Units), db);
        if (dx is null) return;
        // dX = dY·Wᵀ through an explicit transpose of W (cheap next to the product).
        var wt = _weightTransposed;
        var wv = _weight.Value;
        for (var i = 0; i < _in; i++)
            for (var o = 0; o < Units; o++) wt[o * _in + i] = wv[i * Units + o];
        Shards.For(batch, context.Shards, (_, start, end) =>
            Gemm.Multiply(end - start, _in, Units, dy.AsSpan(start * Units), Units, 1, wt, _in, dx.AsSpan(start * _in), _in, accumulate: false));
    }

    public override string Describe() => $"Dense({Units})";
}
