namespace Bravais.Synthesis.Generation;

/// <summary>Stable per-crystal seeds: SplitMix64 of (seed, space group, index), independent of thread scheduling.</summary>
public static class CrystalSeed
{
    public static int For(long seed, int spaceGroup, long index)
    {
        var x = Mix((ulong)seed ^ 0x9E3779B97F4A7C15UL);
        x = Mix(x ^ (ulong)spaceGroup * 0xBF58476D1CE4E5B9UL);
        x = Mix(x ^ (ulong)index * 0x94D049BB133111EBUL);
        return (int)(x & 0x7FFFFFFF);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
