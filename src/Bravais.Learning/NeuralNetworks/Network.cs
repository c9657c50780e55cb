using Bravais.Learning.NeuralNetworks.Core;
using Bravais.Learning.NeuralNetworks.Losses;

namespace Bravais.Learning.NeuralNetworks;

/// <summary>
/// A feed-forward network: a chain of layers from an input shape to logits, with parameters initialised
/// from a seed. Saves and restores its state (parameters and running statistics) as raw floats; the
/// architecture itself is rebuilt by whoever created it (the model families rebuild it from their
/// hyper-parameters).
/// </summary>
public sealed class Network
{
    private const int StateMagic = 0x4E4E5642; // "BVNN"
    private readonly LayerChain _chain;

    public Shape InputShape { get; }
    public int Outputs { get; }
    public IReadOnlyList<Parameter> Parameters { get; }
    public IReadOnlyList<float[]> States { get; }
    public IReadOnlyList<Layer> Layers => _chain.Layers;

    public Network(Shape input, IEnumerable<Layer> layers, int seed)
    {
        _chain = new LayerChain(layers);
        InputShape = input;
        Outputs = _chain.Build(input, new Random(seed)).Size;
        Parameters = _chain.Parameters.ToArray();
        States = _chain.States.ToArray();
    }

    public long ParameterCount => Parameters.Sum(p => (long)p.Size);

    /// <summary>Logits for a batch (rows of <see cref="InputShape"/>.Size); the buffer is reused by the next call.</summary>
    public float[] Forward(float[] x, int batch, RunContext context) => _chain.Forward(x, batch, context);

    /// <summary>Zeroes the gradients and back-propagates dLoss/dlogits of the last forward pass.</summary>
    public void Backward(float[] x, float[] dLogits, int batch, RunContext context)
    {
        foreach (var p in Parameters) p.ZeroGradient();
        _chain.Backward(x, dLogits, null, batch, context);
    }

    /// <summary>Class probabilities for <paramref name="rows"/> samples, in inference mode, in batches.</summary>
    public void PredictProbabilities(ReadOnlySpan<float> x, int rows, Span<float> probabilities, int batchSize = 256, int shards = 1)
    {
        var size = InputShape.Size;
        if (x.Length < rows * size) throw new ArgumentException($"expected {rows}×{size} input values, got {x.Length}");
        if (probabilities.Length < rows * Outputs) throw new ArgumentException($"expected room for {rows}×{Outputs} probabilities");
        var context = new RunContext(shards, training: false);
        var buffer = new float[Math.Min(batchSize, Math.Max(rows, 1)) * size];
        for (var start = 0; start < rows; start += batchSize)
        {
            var n = Math.Min(batchSize, rows - start);
            x.Slice(start * size, n * size).CopyTo(buffer);
            var logits = Forward(buffer, n, context);
            SoftmaxCrossEntropy.Softmax(logits, probabilities.Slice(start * Outputs, n * Outputs), n, Outputs);
        }
    }

    /// <summary>A copy of every parameter and state array (for keeping the best epoch).</summary>
    public float[][] Snapshot() => [.. Parameters.Select(p => (float[])p.Value.Clone()), .. States.Select(s => (float[])s.Clone())];

    public void Restore(float[][] snapshot)
    {
        var arrays = Arrays();
        if (snapshot.Length != arrays.Count || arrays.Where((a, i) => a.Length != snapshot[i].Length).Any())
            throw new ArgumentException("snapshot does not match this network (other layers or sizes)");
        for (var i = 0; i < arrays.Count; i++) snapshot[i].CopyTo(arrays[i], 0);
    }

    private List<float[]> Arrays() => [.. Parameters.Select(p => p.Value), .. States];

    public void WriteState(BinaryWriter writer)
    {
        var arrays = Arrays();
        writer.Write(StateMagic);
        writer.Write(arrays.Count);
        foreach (var a in arrays)
        {
            writer.Write(a.Length);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()));
        }
    }

    public void ReadState(BinaryReader reader)
    {
        var arrays = Arrays();
        if (reader.ReadInt32() != StateMagic) throw new InvalidDataException("not a Bravais network state (bad magic number)");
        var count = reader.ReadInt32();
        if (count != arrays.Count) throw new InvalidDataException($"network state has {count} tensors; the architecture expects {arrays.Count}");
        for (var i = 0; i < count; i++)
        {
            var length = reader.ReadInt32();
            if (length != arrays[i].Length) throw new InvalidDataException($"network tensor {i} has {length} values; the architecture expects {arrays[i].Length}");
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(arrays[i].AsSpan());
            reader.BaseStream.ReadExactly(bytes);
        }
    }

    public string Describe() => $"{InputShape} → " + string.Join(" → ", Layers.Select(l => l.Describe())) + $" ({ParameterCount:N0} parameters)";
}
