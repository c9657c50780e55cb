namespace Bravais.Learning.NeuralNetworks.Core;

/// <summary>
/// Layers applied in sequence, with the activation and gradient buffers between them preallocated for
/// the largest batch seen (so steady-state training allocates nothing). Used by <see cref="Network"/>
/// and by composite layers such as residual blocks.
/// </summary>
public sealed class LayerChain
{
    private readonly List<Layer> _layers = [];
    private float[][] _activations = [];
    private float[][] _gradients = [];
    private int _capacity;

    public IReadOnlyList<Layer> Layers => _layers;
    public Shape InputShape { get; private set; }
    public Shape OutputShape { get; private set; }

    public LayerChain(IEnumerable<Layer> layers) => _layers.AddRange(layers);

    public Shape Build(Shape input, Random rng)
    {
        InputShape = input;
        var shape = input;
        foreach (var layer in _layers) shape = layer.Build(shape, rng);
        OutputShape = shape;
        return shape;
    }

    public IEnumerable<Parameter> Parameters => _layers.SelectMany(l => l.Parameters);
    public IEnumerable<float[]> States => _layers.SelectMany(l => l.States);

    private void EnsureCapacity(int batch)
    {
        if (batch <= _capacity) return;
        _activations = new float[_layers.Count][];
        _gradients = new float[_layers.Count][];
        for (var i = 0; i < _layers.Count; i++)
        {
            _activations[i] = new float[batch * _layers[i].OutputShape.Size];
            _gradients[i] = new float[batch * _layers[i].OutputShape.Size];
        }
        _capacity = batch;
    }

    /// <summary>Runs every layer; returns the buffer holding the output (valid until the next call).</summary>
    public float[] Forward(float[] x, int batch, RunContext context)
    {
        if (_layers.Count == 0) return x;
        EnsureCapacity(batch);
        var input = x;
        for (var i = 0; i < _layers.Count; i++)
        {
            _layers[i].Forward(input, _activations[i], batch, context);
            input = _activations[i];
        }
        return input;
    }

    /// <summary>Back-propagates <paramref name="dy"/> (gradient of the output of the last forward) to <paramref name="dx"/> (may be null).</summary>
    public void Backward(float[] x, float[] dy, float[]? dx, int batch, RunContext context)
    {
        if (_layers.Count == 0)
        {
            if (dx is not null) Array.Copy(dy, dx, batch * InputShape.Size);
            return;
        }
        var gradient = dy;
        for (var i = _layers.Count - 1; i >= 0; i--)
        {
            var input = i == 0 ? x : _activations[i - 1];
            var inputGradient = i == 0 ? dx : _gradients[i - 1];
            _layers[i].Backward(input, _activations[i], gradient, inputGradient, batch, context);
            gradient = inputGradient!;
        }
    }
}
