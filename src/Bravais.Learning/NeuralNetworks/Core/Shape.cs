namespace Bravais.Learning.NeuralNetworks.Core;

/// <summary>
/// The shape of one sample flowing between layers: <see cref="Channels"/> rows of <see cref="Length"/>
/// values, stored channel-major (<c>[c * Length + i]</c>). Dense features are (features, 1).
/// A batch is <c>batch × Size</c> floats, sample-major.
/// </summary>
public readonly record struct Shape(int Channels, int Length)
{
    public int Size => Channels * Length;

    public static Shape Features(int count) => new(count, 1);

    public override string ToString() => $"{Channels}×{Length}";
}
