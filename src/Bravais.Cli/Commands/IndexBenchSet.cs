using Bravais.Crystallography.IO;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Verification;

namespace Bravais.Cli.Commands;

/// <summary>
/// The development sets of <c>bench index</c>: Materials Project crystals from ../shared/data/mp split into two halves by
/// a stable hash of the id (FNV-1a; even = the half settings were chosen on, odd = the half reported untouched),
/// sampled lattice-balanced or with the natural frequencies, seeded.
/// </summary>
public static class IndexBenchSet
{
    public sealed record Entry(string Id, string Chunk, int SpaceGroup, BravaisLattice Lattice, int Sites);

    public static uint Hash(string id)
    {
        var h = 2166136261u;
        foreach (var ch in id) { h ^= ch; h *= 16777619u; }
        return h;
    }

    /// <summary>"tune" (even hash), "report" (odd hash) or "all".</summary>
    public static bool InHalf(string id, string half) => half switch
    {
        "tune" => Hash(id) % 2 == 0,
        "report" => Hash(id) % 2 == 1,
        _ => true,
    };

    public static List<Entry> ReadLabels(string mpFolder) =>
        File.ReadLines(Path.Combine(mpFolder, "labels.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Where(f => f.Length >= 5 && BravaisLattices.TryParse(f[3], out _))
            .Select(f => new Entry(f[0], f[1], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), BravaisLattices.Parse(f[3]), int.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary><paramref name="perLattice"/> entries of every lattice, or <paramref name="natural"/> entries at the natural frequencies, from one half; seeded.</summary>
    public static List<Entry> Sample(List<Entry> all, string half, int perLattice, int natural, int seed, IReadOnlySet<BravaisLattice>? lattices)
    {
        var pool = all.Where(e => InHalf(e.Id, half) && (lattices is null || lattices.Contains(e.Lattice))).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        var rng = new Random(seed);
        var shuffled = pool.OrderBy(_ => rng.Next()).ToList();
        if (natural > 0) return shuffled.Take(natural).ToList();
        return shuffled.GroupBy(e => e.Lattice).OrderBy(g => g.Key).SelectMany(g => g.Take(perLattice)).ToList();
    }

    /// <summary>The structures of the entries (reading only the chunks that hold them).</summary>
    public static Dictionary<string, Structure> Load(IReadOnlyList<Entry> entries, string mpFolder)
    {
        var wanted = entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, Structure>(StringComparer.Ordinal);
        foreach (var chunk in entries.Select(e => e.Chunk).Distinct().Order(StringComparer.Ordinal))
            foreach (var parsed in CifReader.ReadResults(Path.Combine(mpFolder, chunk)))
                if (parsed.Block is { } block && wanted.Contains(block.Name) && CifStructureBuilder.Read(block).Structure is { } s)
                    found[block.Name] = s;
        return found;
    }

    /// <summary>Volume of the primitive cell: the P1 cell's volume over its number of lattice points (pure translations that map the structure onto itself).</summary>
    public static double PrimitiveVolume(Structure structure)
    {
        var atoms = AtomIndex.Of(structure, 0.05);
        var translations = SymmetryFinder.FindOperations(atoms, [[1, 0, 0, 0, 1, 0, 0, 0, 1]]).Count;
        return structure.Volume / Math.Max(translations, 1);
    }
}
