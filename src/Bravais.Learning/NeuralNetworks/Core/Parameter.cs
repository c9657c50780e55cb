namespace Bravais.Learning.NeuralNetworks.Core;

/// <summary>
/// A trainable tensor: values, the gradient of the loss with respect to them, and optional per-shard
/// gradient buffers that batch-parallel layers fill independently and then sum in shard order (so the
/// result does not depend on thread timing).
/// </summary>
public sealed class Parameter
{
    public string Name { get; }
    public float[] Value { get; }
    public float[] Gradient { get; }

    /// <summary>Whether weight decay applies (weights yes; biases and normalisation scales no).</summary>
    public bool Decay { get; }

    private float[][] _shardGradients = [];

    public Parameter(string name, int size, bool decay)
    {
        Name = name; Decay = decay;
        Value = new float[size];
        Gradient = new float[size];
    }

    public int Size => Value.Length;

    /// <summary>
    /// Makes <paramref name="shards"/> zeroed per-shard gradient buffers ready. Call it on the calling thread
    /// before the parallel loop: growing the buffer list from inside the shards would race (a shard could
    /// write into a buffer that another shard's growth has just replaced, losing its gradient).
    /// </summary>
    internal void PrepareShards(int shards)
    {
        if (_shardGradients.Length < shards)
        {
            var grown = new float[shards][];
            for (var i = 0; i < grown.Length; i++) grown[i] = i < _shardGradients.Length ? _shardGradients[i] : new float[Size];
            _shardGradients = grown;
        }
        for (var s = 0; s < shards; s++) Array.Clear(_shardGradients[s]);
    }

    /// <summary>The gradient buffer of shard <paramref name="shard"/>, made ready by <see cref="PrepareShards"/>.</summary>
    internal float[] ShardGradient(int shard) => _shardGradients[shard];

    /// <summary>Adds the shard gradients 0..shards-1, in that order, to <see cref="Gradient"/>.</summary>
    internal void AccumulateShards(int shards)
    {
        for (var s = 0; s < shards; s++)
            System.Numerics.Tensors.TensorPrimitives.Add(Gradient, _shardGradients[s], Gradient);
    }

    public void ZeroGradient() => Array.Clear(Gradient);
}
