namespace Bravais.Learning.Models.Common;

/// <summary>
/// A small, fast pseudo-random generator (SplitMix64, Steele et al. 2014) whose sequence is fixed by
/// its seed on every runtime — unlike <see cref="Random"/>, whose unseeded algorithm may change.
/// Streams for parallel work are derived with <see cref="Derive"/> (e.g. from (seed, tree index)).
/// </summary>
public struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A well-mixed seed for sub-stream <paramref name="index"/> of <paramref name="seed"/>.</summary>
    public static ulong Derive(long seed, long index) => Mix(Mix(unchecked((ulong)seed) ^ 0x6A09E667F3BCC909UL) + unchecked((ulong)index) * 0x9E3779B97F4A7C15UL);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>) (Lemire's multiply-shift, bias below 2⁻³²).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
