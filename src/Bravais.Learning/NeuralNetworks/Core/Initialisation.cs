using Bravais.Crystallography.Numerics;

namespace Bravais.Learning.NeuralNetworks.Core;

/// <summary>Weight initialisation from an explicit random source.</summary>
public static class Initialisation
{
    /// <summary>He (Kaiming) normal: N(0, 2 / fanIn), suited to ReLU/GELU networks.</summary>
    public static void HeNormal(Span<float> weights, int fanIn, Random rng)
    {
        var std = Math.Sqrt(2.0 / Math.Max(1, fanIn));
        for (var i = 0; i < weights.Length; i++) weights[i] = (float)(std * rng.NextNormal());
    }
}
