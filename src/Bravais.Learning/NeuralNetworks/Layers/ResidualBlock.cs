using Bravais.Learning.NeuralNetworks.Core;

namespace Bravais.Learning.NeuralNetworks.Layers;

/// <summary>
/// A basic residual block (He et al. 2016) in 1-D: y = ReLU(BN(Conv(ReLU(BN(Conv(x))))) + shortcut(x)),
/// both convolutions "same"-padded with the given kernel and dilation, the first with the given stride.
/// The shortcut is the identity when shapes agree, otherwise a 1×1 strided convolution with batch norm.
/// </summary>
public sealed class ResidualBlock(int channels, int kernel, int stride = 1, int dilation = 1) : Layer
{
    public int Channels { get; } = channels;
    private LayerChain _main = null!;
    private LayerChain? _shortcut;
    private float[] _preActivation = [];
    private float[] _sumGradient = [];
    private float[] _shortcutInputGradient = [];

    public override IReadOnlyList<Parameter> Parameters =>
        [.. _main.Parameters, .. _shortcut?.Parameters ?? []];

    public override IReadOnlyList<float[]> States =>
        [.. _main.States, .. _shortcut?.States ?? []];

    protected override Shape Initialise(Shape input, Random rng)
    {
        var padding = dilation * (kernel - 1) / 2;
        _main = new LayerChain(
        [
            new Conv1D(Channels, kernel, stride, dilation, padding), new BatchNorm1D(), new ReLU(),
            new Conv1D(Channels, kernel, 1, dilation, padding), new BatchNorm1D(),
        ]);
        var output = _main.Build(input, rng);
        if (input != output)
        {
            _shortcut = new LayerChain([new Conv1D(Channels, 1, stride, 1, 0), new BatchNorm1D()]);
            var s = _shortcut.Build(input, rng);
            Require(s == output, $"residual shortcut shape {s} differs from the main path {output}");
        }
        return output;
    }

    public override void Forward(float[] x, float[] y, int batch, RunContext context)
    {
        var n = batch * OutputShape.Size;
        var main = _main.Forward(x, batch, context);
        var sum = Ensure(ref _preActivation, n);
        if (_shortcut is null)
            System.Numerics.Tensors.TensorPrimitives.Add(main.AsSpan(0, n), x.AsSpan(0, n), sum.AsSpan(0, n));
        else
            System.Numerics.Tensors.TensorPrimitives.Add(main.AsSpan(0, n), _shortcut.Forward(x, batch, context).AsSpan(0, n), sum.AsSpan(0, n));
        System.Numerics.Tensors.TensorPrimitives.Max(sum.AsSpan(0, n), 0f, y.AsSpan(0, n));
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch, RunContext context)
    {
        var n = batch * OutputShape.Size;
        var g = Ensure(ref _sumGradient, n);
        var sum = _preActivation;
        ReLU.ReLUBackward(sum, dy, g, n);
        _main.Backward(x, g, dx, batch, context);
        var inSize = batch * InputShape.Size;
        if (_shortcut is null)
        {
            if (dx is not null) System.Numerics.Tensors.TensorPrimitives.Add(dx.AsSpan(0, inSize), g.AsSpan(0, inSize), dx.AsSpan(0, inSize));
            return;
        }
        var ds = dx is null ? null : Ensure(ref _shortcutInputGradient, inSize);
        _shortcut.Backward(x, g, ds, batch, context);
        if (dx is not null) System.Numerics.Tensors.TensorPrimitives.Add(dx.AsSpan(0, inSize), ds.AsSpan(0, inSize), dx.AsSpan(0, inSize));
    }

    public override string Describe() => $"Residual({Channels},k={kernel},s={stride},d={dilation})";
}
