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

    /// <summary>Zeroed gradient buffer for shard <paramref name="shard"/> of <paramref name="shards"/>.</summary>
    internal float[] ShardGradient(int shard, int shards)
    {
        if (_shardGradients.Length < shards)
        {
            var grown = new float[shards][];
            for (var i = 0; i < grown.Length; i++) grown[i] = i < _shardGradients.Length ? _shardGradients[i] : new float[Size];
            _shardGradients = grown;
        }
        var g = _shardGradients[shard];
        Array.Clear(g);
        return g;
    }

    /// <summary>Adds the shard gradients 0..shards-1, in that order, to <see cref="Gradient"/>.</summary>
    internal void AccumulateShards(int shards)
    {
        for (var s = 0; s < shards; s++)
            System.Numerics.Tensors.TensorPrimitives.Add(Gradient, _shardGradients[s], Gradient);
    }

    public void ZeroGradient() => Array.Clear(Gradient);
}
