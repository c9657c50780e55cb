using System.Numerics.Tensors;
using Bravais.Learning.NeuralNetworks.Core;

namespace Bravais.Learning.NeuralNetworks.Layers;

/// <summary>
/// Batch normalisation (Ioffe &amp; Szegedy 2015) per channel, with statistics over the batch and the
/// length (for dense features: per feature over the batch). Training uses the batch mean and biased
/// variance and updates running estimates (momentum 0.1, unbiased variance, as PyTorch); inference uses
/// the running estimates. Channels are split across shards (each independent, so order-free).
/// </summary>
public sealed class BatchNorm1D(float momentum = 0.1f, float epsilon = 1e-5f) : Layer
{
    private Parameter _gamma = null!;
    private Parameter _beta = null!;
    private float[] _runningMean = [];
    private float[] _runningVariance = [];
    private float[] _normalised = [];
    private float[] _inverseStd = [];

    public override IReadOnlyList<Parameter> Parameters => [_gamma, _beta];
    public override IReadOnlyList<float[]> States => [_runningMean, _runningVariance];

    protected override Shape Initialise(Shape input, Random rng)
    {
        var c = input.Channels;
        _gamma = new Parameter("batchnorm.gamma", c, decay: false);
        _beta = new Parameter("batchnorm.beta", c, decay: false);
        Array.Fill(_gamma.Value, 1f);
        _runningMean = new float[c];
        _runningVariance = new float[c];
        Array.Fill(_runningVariance, 1f);
        _inverseStd = new float[c];
        return input;
    }

    public override void Forward(float[] x, float[] y, int batch, RunContext context)
    {
        var channels = InputShape.Channels;
        var length = InputShape.Length;
        var size = InputShape.Size;
        var gamma = _gamma.Value;
        var beta = _beta.Value;
        if (!context.Training)
        {
            Shards.For(channels, context.Shards, (_, c0, c1) =>
            {
                for (var c = c0; c < c1; c++)
                {
                    var scale = gamma[c] / MathF.Sqrt(_runningVariance[c] + epsilon);
                    var shift = beta[c] - _runningMean[c] * scale;
                    for (var n = 0; n < batch; n++)
                    {
                        var o = n * size + c * length;
                        for (var i = 0; i < length; i++) y[o + i] = x[o + i] * scale + shift;
                    }
                }
            });
            return;
        }

        var count = batch * length;
        if (count < 2) throw new InvalidOperationException("batch normalisation in training needs at least two values per channel");
        var xhat = Ensure(ref _normalised, batch * size);
        Shards.For(channels, context.Shards, (_, c0, c1) =>
        {
            for (var c = c0; c < c1; c++)
            {
                double sum = 0;
                for (var n = 0; n < batch; n++) sum += TensorPrimitives.Sum(x.AsSpan(n * size + c * length, length));
                var m = (float)(sum / count);
                // Centred second pass (stable): xhat temporarily holds x − mean.
                double squares = 0;
                for (var n = 0; n < batch; n++)
                {
                    var centred = xhat.AsSpan(n * size + c * length, length);
                    TensorPrimitives.Subtract(x.AsSpan(n * size + c * length, length), m, centred);
                    squares += TensorPrimitives.SumOfSquares(centred);
                }
                var variance = squares / count;
                var inv = (float)(1.0 / Math.Sqrt(variance + epsilon));
                _inverseStd[c] = inv;
                for (var n = 0; n < batch; n++)
                {
                    var h = xhat.AsSpan(n * size + c * length, length);
                    TensorPrimitives.Multiply(h, inv, h);
                    var yRow = y.AsSpan(n * size + c * length, length);
                    TensorPrimitives.Multiply(h, gamma[c], yRow);
                    TensorPrimitives.Add(yRow, beta[c], yRow);
                }
                _runningMean[c] = (1 - momentum) * _runningMean[c] + momentum * m;
                _runningVariance[c] = (1 - momentum) * _runningVariance[c] + momentum * (float)(squares / (count - 1));
            }
        });
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch, RunContext context)
    {
        if (!context.Training) throw new InvalidOperationException("batch-normalisation backward pass needs training-mode statistics");
        var channels = InputShape.Channels;
        var length = InputShape.Length;
        var size = InputShape.Size;
        var count = batch * length;
        var xhat = _normalised;
        var gamma = _gamma.Value;
        var dGamma = _gamma.Gradient;
        var dBeta = _beta.Gradient;
        Shards.For(channels, context.Shards, (_, c0, c1) =>
        {
            for (var c = c0; c < c1; c++)
            {
                double sumDy = 0, sumDyXhat = 0;
                for (var n = 0; n < batch; n++)
                {
                    var dyRow = dy.AsSpan(n * size + c * length, length);
                    sumDy += TensorPrimitives.Sum(dyRow);
                    sumDyXhat += TensorPrimitives.Dot(dyRow, xhat.AsSpan(n * size + c * length, length));
                }
                dGamma[c] += (float)sumDyXhat;
                dBeta[c] += (float)sumDy;
                if (dx is null) continue;
                // dx = γ·inv/N · (N·dy − Σdy − x̂·Σ(dy·x̂))
                var k = gamma[c] * _inverseStd[c] / count;
                var a = k * count;
                var shift = -k * (float)sumDy;
                var slope = -k * (float)sumDyXhat;
                for (var n = 0; n < batch; n++)
                {
                    var o = n * size + c * length;
                    var target = dx.AsSpan(o, length);
                    TensorPrimitives.Multiply(xhat.AsSpan(o, length), slope, target);
                    TensorPrimitives.Add(target, shift, target);
                    TensorPrimitives.MultiplyAdd(dy.AsSpan(o, length), a, target, target);
                }
            }
        });
    }

    public override string Describe() => "BatchNorm";
}
