using Bravais.Learning.NeuralNetworks.Core;

namespace Bravais.Learning.NeuralNetworks.Layers;

/// <summary>
/// Inverted dropout: in training each value is kept with probability 1 − rate and scaled by 1/(1 − rate);
/// at inference it is the identity. The mask comes from the layer's own seeded generator, drawn
/// sequentially, so training is reproducible.
/// </summary>
public sealed class Dropout(float rate, int seed) : Layer
{
    public float Rate { get; } = rate is >= 0f and < 1f ? rate : throw new ArgumentOutOfRangeException(nameof(rate));
    private readonly Random _rng = new(seed);
    private float[] _mask = [];

    protected override Shape Initialise(Shape input, Random rng) => input;

    public override void Forward(float[] x, float[] y, int batch, RunContext context)
    {
        var n = batch * InputShape.Size;
        if (!context.Training || Rate == 0f) { Array.Copy(x, y, n); return; }
        var mask = Ensure(ref _mask, n);
        var scale = 1f / (1f - Rate);
        for (var i = 0; i < n; i++)
        {
            mask[i] = _rng.NextSingle() >= Rate ? scale : 0f;
            y[i] = x[i] * mask[i];
        }
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch, RunContext context)
    {
        if (dx is null) return;
        var n = batch * InputShape.Size;
        if (!context.Training || Rate == 0f) { Array.Copy(dy, dx, n); return; }
        System.Numerics.Tensors.TensorPrimitives.Multiply(dy.AsSpan(0, n), _mask.AsSpan(0, n), dx.AsSpan(0, n));
    }

    public override string Describe() => $"Dropout({Rate:0.###})";
}
