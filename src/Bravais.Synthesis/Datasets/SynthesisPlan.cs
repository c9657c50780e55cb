using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Synthesis.Datasets;

/// <summary>One crystal to make: a space group (standard setting) and the crystal's index within that group (its seed stream).</summary>
public readonly record struct SynthesisItem(SpaceGroup Group, long Index);

/// <summary>What to generate: per space group, or balanced over the 14 Bravais lattices.</summary>
public static class SynthesisPlan
{
    /// <summary><paramref name="perGroup"/> crystals of each listed space group, group by group.</summary>
    public static IReadOnlyList<SynthesisItem> BySpaceGroups(IEnumerable<int> numbers, int perGroup)
    {
        var items = new List<SynthesisItem>();
        foreach (var n in numbers)
        {
            var g = SpaceGroups.ByNumber(n);
            for (var i = 0; i < perGroup; i++) items.Add(new SynthesisItem(g, i));
        }
        return items;
    }

    /// <summary>
    /// <paramref name="perLattice"/> crystals of each of the 14 Bravais lattices; within a lattice the space
    /// groups take turns (round robin over the groups of that lattice in a seeded random order), so every
    /// group is represented and the classes are exactly balanced. Items are interleaved across lattices.
    /// </summary>
    public static IReadOnlyList<SynthesisItem> BalancedByBravaisLattice(int perLattice, long seed)
    {
        var byLattice = SpaceGroups.Standard.GroupBy(g => g.BravaisLattice).ToDictionary(x => x.Key, x => x.ToArray());
        var random = new Random(unchecked((int)(seed * 31 + 7)));
        var lists = new List<List<SynthesisItem>>();
        foreach (var lattice in BravaisLattices.All)
        {
            var groups = byLattice[lattice].OrderBy(_ => random.Next()).ToArray();
            var counters = new long[groups.Length];
            var list = new List<SynthesisItem>(perLattice);
            for (var i = 0; i < perLattice; i++)
            {
                var k = i % groups.Length;
                list.Add(new SynthesisItem(groups[k], counters[k]++));
            }
            lists.Add(list);
        }
        return Interleave(lists, perLattice);
    }

    /// <summary>
    /// <paramref name="perLattice"/> crystals of each of the 14 Bravais lattices, the space group of each drawn inside
    /// its lattice with probability (1 − u)·count/Σcount + u/groups: real frequencies (<paramref name="frequencies"/>)
    /// mixed with a uniform share <paramref name="uniformShare"/> so that every group keeps appearing. Classes are
    /// exactly balanced; items are interleaved across lattices; deterministic for a seed.
    /// </summary>
    public static IReadOnlyList<SynthesisItem> ByBravaisLatticeWeighted(int perLattice, long seed, SpaceGroupFrequencies frequencies, double uniformShare)
    {
        if (!(uniformShare is >= 0 and <= 1)) throw new CrystallographyException($"the uniform share of space groups must lie in 0–1, got {uniformShare}");
        var byLattice = SpaceGroups.Standard.GroupBy(g => g.BravaisLattice).ToDictionary(x => x.Key, x => x.OrderBy(g => g.Number).ToArray());
        var lists = new List<List<SynthesisItem>>();
        foreach (var lattice in BravaisLattices.All)
        {
            var groups = byLattice[lattice];
            var total = groups.Sum(g => frequencies[g.Number]);
            var cumulative = new double[groups.Length];
            var sum = 0.0;
            for (var k = 0; k < groups.Length; k++)
            {
                var real = total > 0 ? frequencies[groups[k].Number] / total : 1.0 / groups.Length;
                sum += (1 - uniformShare) * real + uniformShare / groups.Length;
                cumulative[k] = sum;
            }
            var random = new Random(Generation.CrystalSeed.For(seed, 1000 + (int)lattice, 0));
            var counters = new long[groups.Length];
            var list = new List<SynthesisItem>(perLattice);
            for (var i = 0; i < perLattice; i++)
            {
                var u = random.NextDouble() * sum;
                var k = 0;
                while (k < groups.Length - 1 && u > cumulative[k]) k++;
                list.Add(new SynthesisItem(groups[k], counters[k]++));
            }
            lists.Add(list);
        }
        return Interleave(lists, perLattice);
    }

    /// <summary>Item i of every lattice's list, then item i + 1 of every list, …: classes stay balanced in any prefix.</summary>
    private static List<SynthesisItem> Interleave(List<List<SynthesisItem>> lists, int perLattice)
    {
        var items = new List<SynthesisItem>(perLattice * lists.Count);
        for (var i = 0; i < perLattice; i++)
            foreach (var list in lists) items.Add(list[i]);
        return items;
    }

    /// <summary>Parses "all", "1-230", "225", "1-10,62,225" into space-group numbers.</summary>
    public static IReadOnlyList<int> ParseSpaceGroups(string text)
    {
        var s = text.Trim();
        if (s.Equals("all", StringComparison.OrdinalIgnoreCase)) return Enumerable.Range(1, 230).ToArray();
        var result = new SortedSet<int>();
        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', 1);
            if (dash > 0)
            {
                if (!int.TryParse(part[..dash], out var a) || !int.TryParse(part[(dash + 1)..], out var b) || a < 1 || b > 230 || a > b)
                    throw new CrystallographyException($"space-group range '{part}' must be A-B with 1 ≤ A ≤ B ≤ 230");
                for (var n = a; n <= b; n++) result.Add(n);
            }
            else if (int.TryParse(part, out var n) && n is >= 1 and <= 230) result.Add(n);
            else throw new CrystallographyException($"'{part}' is not a space-group number 1–230 (use all, 1-230 or a list like 1-10,62,225)");
        }
        if (result.Count == 0) throw new CrystallographyException("no space groups given");
        return [.. result];
    }
}
