using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Bravais.Crystallography;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Augmentation;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Powder;

namespace Bravais.Diffraction.Datasets;

/// <summary>What <see cref="HoldOutPatterns.Choose"/> picks: structures of one held-out part, a few per Bravais lattice.</summary>
/// <param name="Files">Structure files (multi-block CIFs allowed).</param>
/// <param name="Labels">Labels by block id (e.g. Materials Project's spglib labels); null: the files' own symmetry.</param>
/// <param name="Part">The held-out part to draw from (<see cref="HoldOutSplit"/>).</param>
/// <param name="PerLattice">At most this many structures per Bravais lattice, one per structure prototype.</param>
/// <param name="Seed">Which structures: the ones whose hash of (seed, id) is smallest.</param>
public sealed record HoldOutPatternRequest(IReadOnlyList<string> Files, IReadOnlyDictionary<string, StructureLabel>? Labels,
    HoldOutPart Part, int PerLattice, int Seed, int Threads = 0, int MaxSites = 200);

/// <summary>One chosen structure with its label.</summary>
public sealed record HoldOutStructure(Structure Structure, StructureLabel Label, string Prototype);

/// <summary>
/// Sets of measured-like patterns of structures that no library or training set of the project contains: the structures of
/// one <see cref="HoldOutSplit"/> part, at most one per structure prototype (anonymous formula + space group) and a fixed
/// number per Bravais lattice, chosen by a seeded hash of the id (so the choice does not depend on file order or threads),
/// each rendered as a laboratory measurement (<see cref="MeasuredStyleRenderer"/>, Cu Kα doublet, random instrument and
/// sample drawn from a seed of its own). The development part is where settings are chosen; the test part is reported.
/// </summary>
public static class HoldOutPatterns
{
    public static IReadOnlyList<HoldOutStructure> Choose(HoldOutPatternRequest request, IProgress<int>? filesDone = null, CancellationToken cancellation = default)
    {
        if (request.PerLattice < 1) throw new DiffractionException($"per-lattice count {request.PerLattice} must be positive");
        var candidates = new ConcurrentBag<(ulong Key, HoldOutStructure Item)>();
        var done = 0;
        Parallel.For(0, request.Files.Count, new ParallelOptions { MaxDegreeOfParallelism = request.Threads > 0 ? request.Threads : Environment.ProcessorCount, CancellationToken = cancellation }, f =>
        {
            foreach (var read in StructureFiles.ReadFile(request.Files[f], cancellation))
            {
                if (read.Structure is not { } s || s.SiteCount > request.MaxSites) continue;
                StructureLabel? label = request.Labels is not null
                    ? request.Labels.GetValueOrDefault(s.Id)
                    : read.SpaceGroupNumber is { } n && read.BravaisLattice is { } b ? new StructureLabel(s.Id, n, b, CrystalSystems.FromSpaceGroupNumber(n)) : null;
                if (label is null) continue;
                var prototype = HoldOutSplit.PrototypeKey(s.Composition, label.SpaceGroup);
                if (HoldOutSplit.OfPrototype(prototype) != request.Part) continue;
                candidates.Add((Hash(request.Seed, s.Id), new HoldOutStructure(s, label, prototype)));
            }
            filesDone?.Report(Interlocked.Increment(ref done));
        });
        return candidates
            .GroupBy(c => c.Item.Prototype, StringComparer.Ordinal).Select(g => g.MinBy(c => (c.Key, c.Item.Structure.Id)))
            .GroupBy(c => c.Item.Label.Lattice).OrderBy(g => g.Key)
            .SelectMany(g => g.OrderBy(c => c.Key).ThenBy(c => c.Item.Structure.Id, StringComparer.Ordinal).Take(request.PerLattice))
            .Select(c => c.Item).ToList();
    }

    /// <summary>A laboratory-like Cu Kα measurement of one structure on <paramref name="grid"/> (counts), seeded by (seed, id).</summary>
    public static double[] Render(Structure structure, AngleGrid grid, int seed)
    {
        var calculator = new PowderCalculator(new PowderOptions { Radiation = Radiation.CuKa, TwoThetaMinDegrees = 0, TwoThetaMaxDegrees = Math.Min(179, grid.StopDegrees + 5) });
        var peaks = calculator.Calculate(structure);
        return MeasuredStyleRenderer.Render(peaks, grid, MeasuredAugmentation.Default with { ImpurityProbability = 0 }, new Random(ItemSeed(seed, structure.Id)));
    }

    /// <summary>The .xy text of a measured-style pattern: a header naming the structure, the seed and the radiation's lines, then "2θ counts" rows.</summary>
    public static void WriteXy(TextWriter output, string title, Radiation radiation, AngleGrid grid, ReadOnlySpan<double> counts)
    {
        output.WriteLine($"# {title}");
        output.WriteLine($"# radiation: {radiation.Name} ({string.Join(", ", radiation.Lines.Select(l => FormattableString.Invariant($"{l.Name} {l.WavelengthAngstrom} A x {l.RelativeIntensity}")))})");
        output.WriteLine("# 2theta counts");
        for (var i = 0; i < counts.Length; i++) output.WriteLine(FormattableString.Invariant($"{grid[i]:0.####} {counts[i]}"));
    }

    /// <summary>labels.tsv of a pattern set (the columns <see cref="LabelsTable"/> reads, plus formula and prototype).</summary>
    public static string LabelsTsv(IEnumerable<HoldOutStructure> items)
    {
        var b = new StringBuilder("id\tspacegroup_number\tbravais_lattice\tcrystal_system\tformula\tprototype\n");
        foreach (var i in items)
            b.Append(CultureInfo.InvariantCulture, $"{i.Structure.Id}\t{i.Label.SpaceGroup}\t{i.Label.Lattice}\t{i.Label.System.ToString().ToLowerInvariant()}\t{i.Structure.Formula}\t{i.Prototype}\n");
        return b.ToString();
    }

    private static int ItemSeed(int seed, string id) => (int)(Hash(seed, id) & 0x7fffffff);

    private static ulong Hash(int seed, string id) => DatasetShard.Hash(seed.ToString(CultureInfo.InvariantCulture) + ":" + id);
}
