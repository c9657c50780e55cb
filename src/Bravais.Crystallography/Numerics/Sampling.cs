namespace Bravais.Crystallography.Numerics;

/// <summary>
/// The random deviates every layer draws (structure generation, augmentation, network initialisation), from an
/// explicit <see cref="Random"/> so that every run is reproducible for its seed. One home, so that a change of method
/// changes every caller alike.
/// </summary>
public static class Sampling
{
    /// <summary>A standard normal deviate (Box–Muller, the cosine branch): draws u₁ then u₂.</summary>
    public static double NextNormal(this Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static double NextUniform(this Random rng, double low, double high) => low + (high - low) * rng.NextDouble();

    /// <summary>
    /// A Poisson deviate of mean <paramref name="mean"/>: Knuth's product of uniforms up to 50, above that the normal
    /// approximation mean + √mean·z rounded and clipped at 0 (counting noise of a diffractometer channel).
    /// </summary>
    public static double NextPoisson(this Random rng, double mean)
    {
        if (mean > 50) return Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * rng.NextNormal()));
        var l = Math.Exp(-mean); var k = 0; var p = 1.0;
        do { k++; p *= rng.NextDouble(); } while (p > l);
        return k - 1;
    }
}
