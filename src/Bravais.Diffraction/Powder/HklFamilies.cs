using System.Collections.Immutable;
using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Powder;

/// <summary>
/// Groups the reflections of one peak into hkl families the way pymatgen's <c>get_unique_families</c> does:
/// two index tuples are in one family when their absolute values are permutations of each other (on hexagonal
/// lattices the 4-index (h, k, i, l) tuples are compared); the family is named by its largest tuple
/// (lexicographic) and its multiplicity is the number of its reflections in the peak. Families are listed in
/// order of first appearance (increasing |g|).
/// </summary>
internal static class HklFamilies
{
    public static ImmutableArray<HklFamily> Collect(PowderWorkspace ws, int from, int to, bool millerBravais)
    {
        var count = to - from;
        Span<long> keys = count <= 128 ? stackalloc long[count] : new long[count];
        Span<int> multiplicity = count <= 128 ? stackalloc int[count] : new int[count];
        var reps = count <= 128 ? stackalloc MillerIndices[count] : new MillerIndices[count];
        var families = 0;
        for (var i = from; i < to; i++)
        {
            var r = ws.Order[i];
            var hkl = new MillerIndices(ws.H[r], ws.K[r], ws.L[r]);
            var key = Key(hkl, millerBravais);
            var f = 0;
            while (f < families && keys[f] != key) f++;
            // each computed reflection stands for itself and its Friedel mate (−h, −k, −l)
            var best = MillerIndices.CompareTuples(hkl, hkl.Negated, millerBravais) >= 0 ? hkl : hkl.Negated;
            if (f == families)
            {
                keys[f] = key; multiplicity[f] = 0; reps[f] = best; families++;
            }
            else if (MillerIndices.CompareTuples(best, reps[f], millerBravais) > 0) reps[f] = best;
            multiplicity[f] += 2;
        }
        var result = ImmutableArray.CreateBuilder<HklFamily>(families);
        for (var f = 0; f < families; f++) result.Add(new HklFamily(reps[f], multiplicity[f]));
        return result.MoveToImmutable();
    }

    /// <summary>Sorted absolute indices packed into one number (indices below 2^15).</summary>
    private static long Key(MillerIndices hkl, bool millerBravais)
    {
        Span<int> v = stackalloc int[4];
        v[0] = Math.Abs(hkl.H); v[1] = Math.Abs(hkl.K); v[2] = Math.Abs(hkl.L); v[3] = millerBravais ? Math.Abs(hkl.I) : -1;
        v.Sort();
        return ((long)(v[0] + 1) << 48) | ((long)(v[1] + 1) << 32) | ((long)(v[2] + 1) << 16) | (long)(v[3] + 1);
    }
}
