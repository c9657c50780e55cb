namespace Bravais.Learning.NeuralNetworks.Core;

/// <summary>
/// A differentiable layer over batches of samples of a fixed <see cref="Shape"/>. Buffers are given by the
/// caller (<see cref="LayerChain"/>) and sized for the batch; layers keep only what backward needs.
/// <see cref="Backward"/> adds to parameter gradients and overwrites <c>dx</c> (which may be null for the
/// first layer of a network).
/// </summary>
public abstract class Layer
{
    public Shape InputShape { get; private set; }
    public Shape OutputShape { get; private set; }

    /// <summary>Trainable tensors.</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Non-trainable state saved with the model (batch-normalisation running statistics).</summary>
    public virtual IReadOnlyList<float[]> States => [];

    /// <summary>Fixes the input shape, initialises parameters from <paramref name="rng"/> and returns the output shape.</summary>
    public Shape Build(Shape input, Random rng)
    {
        InputShape = input;
        OutputShape = Initialise(input, rng);
        return OutputShape;
    }

    protected abstract Shape Initialise(Shape input, Random rng);

    public abstract void Forward(float[] x, float[] y, int batch, RunContext context);

    public abstract void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch, RunContext context);

    /// <summary>A short description for logs and manifests.</summary>
    public abstract string Describe();

    /// <summary>Grows a cache buffer to at least <paramref name="size"/> (allocates only when the batch grows).</summary>
    protected static float[] Ensure(ref float[] buffer, int size)
    {
        if (buffer.Length < size) buffer = new float[size];
        return buffer;
    }

    protected static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message);
    }
}
