using System.Numerics.Tensors;
using Bravais.Learning.Models.Common;

namespace Bravais.Learning.Models.Logistic;

/// <summary>
/// The L2-penalised multinomial cross-entropy, averaged over rows:
/// f(W, b) = (1/n)·Σᵢ [logΣ_c exp(zᵢc) − zᵢyᵢ] + ‖W‖² / (2·C·n), with zᵢc = W_c·xᵢ + b_c.
/// This is scikit-learn's objective C·Σ loss + ½‖W‖² divided by C·n (same minimiser).
/// Parameters are laid out [W row-major by class (K×D), b (K)]. Rows are summed in fixed chunks in a
/// fixed order, so the value and gradient do not depend on the thread count.
/// </summary>
internal sealed class SoftmaxLoss
{
    private const int ChunkCount = 32;

    private readonly double[] _x; // standardised rows, n × d
    private readonly int[] _y;
    private readonly int _n, _d, _k;
    private readonly double _l2; // 1 / (C·n)
    private readonly (int Start, int End)[] _chunks;
    private readonly double[][] _partialGradients;
    private readonly double[] _partialLosses;
    private readonly ParallelOptions _parallel;

    public SoftmaxLoss(double[] standardisedRows, int[] labels, int features, int classes, double c, int threads)
    {
        _x = standardisedRows; _y = labels; _n = labels.Length; _d = features; _k = classes;
        _l2 = 1.0 / (c * _n);
        _chunks = TrainingChecks.Chunks(_n, ChunkCount);
        _partialGradients = _chunks.Select(_ => new double[ParameterCount]).ToArray();
        _partialLosses = new double[_chunks.Length];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
    }

    public int ParameterCount => _k * _d + _k;

    public double Evaluate(ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        var theta = parameters.ToArray();
        Parallel.For(0, _chunks.Length, _parallel, () => new double[2 * _k], (c, _, scratch) =>
        {
            _partialLosses[c] = Chunk(theta, _chunks[c].Start, _chunks[c].End, _partialGradients[c], scratch);
            return scratch;
        }, _ => { });

        gradient.Clear();
        var loss = 0.0;
        for (var c = 0; c < _chunks.Length; c++)
        {
            loss += _partialLosses[c];
            TensorPrimitives.Add(gradient, _partialGradients[c], gradient);
        }
        var invN = 1.0 / _n;
        TensorPrimitives.Multiply(gradient, invN, gradient);
        loss *= invN;

        var weights = theta.AsSpan(0, _k * _d);
        loss += 0.5 * _l2 * TensorPrimitives.Dot<double>(weights, weights);
        TensorPrimitives.MultiplyAdd(weights, _l2, gradient[..(_k * _d)], gradient[..(_k * _d)]);
        return loss;
    }

    private double Chunk(double[] theta, int start, int end, double[] grad, double[] scratch)
    {
        Array.Clear(grad);
        var z = scratch.AsSpan(0, _k);
        var loss = 0.0;
        var bias = theta.AsSpan(_k * _d, _k);
        for (var i = start; i < end; i++)
        {
            var row = _x.AsSpan(i * _d, _d);
            for (var c = 0; c < _k; c++) z[c] = TensorPrimitives.Dot<double>(row, theta.AsSpan(c * _d, _d)) + bias[c];
            var max = TensorPrimitives.Max<double>(z);
            var sum = 0.0;
            for (var c = 0; c < _k; c++) { z[c] = Math.Exp(z[c] - max); sum += z[c]; }
            var label = _y[i];
            loss += Math.Log(sum) - Math.Log(z[label]);
            var inv = 1.0 / sum;
            for (var c = 0; c < _k; c++)
            {
                var r = z[c] * inv - (c == label ? 1.0 : 0.0);
                var gc = grad.AsSpan(c * _d, _d);
                TensorPrimitives.MultiplyAdd(row, r, gc, gc);
                grad[_k * _d + c] += r;
            }
        }
        return loss;
    }
}
