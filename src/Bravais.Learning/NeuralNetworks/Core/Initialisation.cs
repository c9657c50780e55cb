namespace Bravais.Learning.NeuralNetworks.Core;

/// <summary>Weight initialisation from an explicit random source.</summary>
public static class Initialisation
{
    /// <summary>He (Kaiming) normal: N(0, 2 / fanIn), suited to ReLU/GELU networks.</summary>
    public static void HeNormal(Span<float> weights, int fanIn, Random rng)
    {
        var std = Math.Sqrt(2.0 / Math.Max(1, fanIn));
        for (var i = 0; i < weights.Length; i++) weights[i] = (float)(std * Normal(rng));
    }

    /// <summary>A standard normal deviate (Box–Muller).</summary>
    public static double Normal(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
