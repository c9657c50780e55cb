using Bravais.Learning.NeuralNetworks.Core;

namespace Bravais.Learning.NeuralNetworks.Layers;

/// <summary>
/// 1-D convolution (cross-correlation, as PyTorch's Conv1d) with stride, dilation and zero padding:
/// y[o, j] = b[o] + Σ_c Σ_t W[o, c, t] · x[c, j·stride + t·dilation − padding].
/// Computed per sample as im2col followed by the blocked GEMM of <see cref="Gemm"/>; the batch is split
/// into shards that run in parallel with their own column buffers and weight-gradient buffers, summed in
/// shard order. <paramref name="padding"/> = −1 means "same" (for stride 1).
/// </summary>
public sealed class Conv1D(int outChannels, int kernel, int stride = 1, int dilation = 1, int padding = -1) : Layer
{
    public int OutChannels { get; } = outChannels > 0 ? outChannels : throw new ArgumentOutOfRangeException(nameof(outChannels));
    public int Kernel { get; } = kernel > 0 ? kernel : throw new ArgumentOutOfRangeException(nameof(kernel));
    public int Stride { get; } = stride > 0 ? stride : throw new ArgumentOutOfRangeException(nameof(stride));
    public int Dilation { get; } = dilation > 0 ? dilation : throw new ArgumentOutOfRangeException(nameof(dilation));
    public int Padding { get; } = padding >= 0 ? padding : dilation * (kernel - 1) / 2;

    private Parameter _weight = null!;
    private Parameter _bias = null!;
    private float[][] _columns = [];
    private float[][] _columnGradients = [];
    private int _inChannels, _inLength, _outLength, _patch;

    public override IReadOnlyList<Parameter> Parameters => [_weight, _bias];

    protected override Shape Initialise(Shape input, Random rng)
    {
        _inChannels = input.Channels;
        _inLength = input.Length;
        _patch = _inChannels * Kernel;
        _outLength = (_inLength + 2 * Padding - Dilation * (Kernel - 1) - 1) / Stride + 1;
        Require(_outLength > 0, $"convolution kernel {Kernel} (dilation {Dilation}) does not fit an input of length {_inLength} with padding {Padding}");
        _weight = new Parameter("conv.weight", OutChannels * _patch, decay: true);
        _bias = new Parameter("conv.bias", OutChannels, decay: false);
        Initialisation.HeNormal(_weight.Value, _patch, rng);
        return new Shape(OutChannels, _outLength);
    }

    private void EnsureScratch(int shards)
    {
        if (_columns.Length >= shards) return;
        _columns = new float[shards][];
        _columnGradients = new float[shards][];
        for (var s = 0; s < shards; s++)
        {
            _columns[s] = new float[_patch * _outLength];
            _columnGradients[s] = new float[_patch * _outLength];
        }
    }

    public override void Forward(float[] x, float[] y, int batch, RunContext context)
    {
        EnsureScratch(Shards.Effective(batch, context.Shards));
        var inSize = InputShape.Size;
        var outSize = OutputShape.Size;
        Shards.For(batch, context.Shards, (s, start, end) =>
        {
            var cols = _columns[s];
            for (var n = start; n < end; n++)
            {
                ImageToColumns(x.AsSpan(n * inSize, inSize), cols);
                var yn = y.AsSpan(n * outSize, outSize);
                for (var o = 0; o < OutChannels; o++) yn.Slice(o * _outLength, _outLength).Fill(_bias.Value[o]);
                Gemm.Multiply(OutChannels, _outLength, _patch, _weight.Value, _patch, 1, cols, _outLength, yn, _outLength, accumulate: true);
            }
        });
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch, RunContext context)
    {
        var shards = Shards.Effective(batch, context.Shards);
        EnsureScratch(shards);
        _weight.PrepareShards(shards);
        _bias.PrepareShards(shards);
        var inSize = InputShape.Size;
        var outSize = OutputShape.Size;
        Shards.For(batch, shards, (s, start, end) =>
        {
            var dW = _weight.ShardGradient(s);
            var db = _bias.ShardGradient(s);
            var colsT = _columns[s];
            var dCols = _columnGradients[s];
            for (var n = start; n < end; n++)
            {
                var dyn = dy.AsSpan(n * outSize, outSize);
                // dW[o, p] += Σ_j dY[o, j] · cols[p, j], with cols laid out transposed ([j, p]).
                ImageToColumnsTransposed(x.AsSpan(n * inSize, inSize), colsT);
                Gemm.Multiply(OutChannels, _patch, _outLength, dyn, _outLength, 1, colsT, _patch, dW, _patch, accumulate: true);
                for (var o = 0; o < OutChannels; o++)
                    db[o] += System.Numerics.Tensors.TensorPrimitives.Sum(dyn.Slice(o * _outLength, _outLength));
                if (dx is null) continue;
                // dCols[p, j] = Σ_o W[o, p] · dY[o, j]  (Wᵀ through strides), then scatter back.
                Gemm.Multiply(_patch, _outLength, OutChannels, _weight.Value, 1, _patch, dyn, _outLength, dCols, _outLength, accumulate: false);
                ColumnsToImage(dCols, dx.AsSpan(n * inSize, inSize));
            }
        });
        _weight.AccumulateShards(shards);
        _bias.AccumulateShards(shards);
    }

    /// <summary>cols[(c·K + t), j] = x[c, j·stride + t·dilation − padding] (zero outside).</summary>
    private void ImageToColumns(ReadOnlySpan<float> x, Span<float> cols)
    {
        for (var c = 0; c < _inChannels; c++)
        {
            var xc = x.Slice(c * _inLength, _inLength);
            for (var t = 0; t < Kernel; t++)
            {
                var row = cols.Slice((c * Kernel + t) * _outLength, _outLength);
                var offset = t * Dilation - Padding;
                if (Stride == 1)
                {
                    // Valid j: 0 ≤ j + offset < L.
                    var j0 = Math.Max(0, -offset);
                    var j1 = Math.Min(_outLength, _inLength - offset);
                    if (j1 <= j0) { row.Clear(); continue; }
                    row[..j0].Clear();
                    xc.Slice(j0 + offset, j1 - j0).CopyTo(row[j0..j1]);
                    row[j1..].Clear();
                }
                else
                {
                    for (var j = 0; j < _outLength; j++)
                    {
                        var i = j * Stride + offset;
                        row[j] = (uint)i < (uint)_inLength ? xc[i] : 0f;
                    }
                }
            }
        }
    }

    /// <summary>colsT[j, (c·K + t)] = x[c, j·stride + t·dilation − padding] (zero outside).</summary>
    private void ImageToColumnsTransposed(ReadOnlySpan<float> x, Span<float> colsT)
    {
        for (var j = 0; j < _outLength; j++)
        {
            var row = colsT.Slice(j * _patch, _patch);
            var start = j * Stride - Padding;
            for (var c = 0; c < _inChannels; c++)
            {
                var xc = x.Slice(c * _inLength, _inLength);
                var p = c * Kernel;
                for (var t = 0; t < Kernel; t++)
                {
                    var i = start + t * Dilation;
                    row[p + t] = (uint)i < (uint)_inLength ? xc[i] : 0f;
                }
            }
        }
    }

    /// <summary>dx[c, j·stride + t·dilation − padding] += dCols[(c·K + t), j]; dx is overwritten.</summary>
    private void ColumnsToImage(ReadOnlySpan<float> dCols, Span<float> dx)
    {
        dx.Clear();
        for (var c = 0; c < _inChannels; c++)
        {
            var dxc = dx.Slice(c * _inLength, _inLength);
            for (var t = 0; t < Kernel; t++)
            {
                var row = dCols.Slice((c * Kernel + t) * _outLength, _outLength);
                var offset = t * Dilation - Padding;
                if (Stride == 1)
                {
                    var j0 = Math.Max(0, -offset);
                    var j1 = Math.Min(_outLength, _inLength - offset);
                    if (j1 <= j0) continue;
                    var target = dxc.Slice(j0 + offset, j1 - j0);
                    System.Numerics.Tensors.TensorPrimitives.Add(target, row[j0..j1], target);
                }
                else
                {
                    for (var j = 0; j < _outLength; j++)
                    {
                        var i = j * Stride + offset;
                        if ((uint)i < (uint)_inLength) dxc[i] += row[j];
                    }
                }
            }
        }
    }

    public override string Describe() => $"Conv1D({OutChannels},k={Kernel},s={Stride},d={Dilation},p={Padding})";
}
