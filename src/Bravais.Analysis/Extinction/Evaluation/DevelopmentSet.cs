using System.Globalization;
using System.Text;
using Bravais.Crystallography;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Datasets;
using Bravais.Synthesis.Datasets;

namespace Bravais.Analysis.Extinction.Evaluation;

/// <summary>One labelled Materials Project crystal of ../shared/data/mp.</summary>
public sealed record LabelledCrystal(string Id, string Chunk, int SpaceGroup, BravaisLattice Lattice, int Sites, string Formula = "");

/// <summary>
/// Where a crystal is used: the project's development part (<see cref="HoldOutSplit"/>, by structure prototype), on which
/// settings may be chosen, or its test part, reported only. The test part is further restricted to ids whose FNV-1a hash is
/// odd: the scorer's settings were first chosen on ids hashing even, before the project split existed, so these crystals
/// were never looked at.
/// </summary>
public enum EvaluationPart { Development, Test }

/// <summary>
/// The Materials Project crystals of the shared data (labels.tsv: id, chunk, space group, lattice, sites, formula) in the
/// project's held-out parts; a stratified sample per Bravais lattice; and the structures of a sample, read from their chunks.
/// </summary>
public static class DevelopmentSet
{
    public static IReadOnlyList<LabelledCrystal> ReadLabels(string labelsPath)
    {
        if (!File.Exists(labelsPath)) throw new AnalysisException("labels file not found", new SourceLocation(labelsPath));
        var result = new List<LabelledCrystal>();
        using var reader = new StreamReader(labelsPath);
        var header = (reader.ReadLine() ?? throw new AnalysisException("labels file is empty", new SourceLocation(labelsPath, Line: 1))).Split('\t');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new AnalysisException($"labels header has no '{name}' column", new SourceLocation(labelsPath, Line: 1));
        int id = Column("id"), chunk = Column("chunk"), sg = Column("spacegroup_number"), lattice = Column("bravais_lattice"), sites = Column("nsites"), formula = Column("formula");
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            var f = text.Split('\t');
            if (f.Length < header.Length) throw new AnalysisException($"row has {f.Length} fields, the header {header.Length}", new SourceLocation(labelsPath, Line: line));
            if (!int.TryParse(f[sg], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 230)
                throw new AnalysisException($"'{f[sg]}' is not a space-group number", new SourceLocation(labelsPath, Line: line, Field: "spacegroup_number"));
            if (!BravaisLattices.TryParse(f[lattice], out var bravais))
                throw new AnalysisException($"'{f[lattice]}' is not a Bravais lattice", new SourceLocation(labelsPath, Line: line, Field: "bravais_lattice"));
            _ = int.TryParse(f[sites], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n);
            result.Add(new LabelledCrystal(f[id], f[chunk], number, bravais, n, f[formula]));
        }
        return result;
    }

    /// <summary>The evaluation part of a crystal, or null when it belongs to the training part (or, in the test part, hashes even).</summary>
    public static EvaluationPart? PartOf(LabelledCrystal crystal) => HoldOutSplit.Of(crystal.Formula, crystal.SpaceGroup) switch
    {
        HoldOutPart.Development => EvaluationPart.Development,
        HoldOutPart.Test when !HashesEven(crystal.Id) => EvaluationPart.Test,
        _ => null,
    };

    /// <summary>Whether the FNV-1a hash of the id is even (the half the settings were first chosen on).</summary>
    public static bool HashesEven(string id)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(id)) { hash ^= b; hash *= 16777619u; }
        return hash % 2 == 0;
    }

    /// <summary>Space-group counts of the training part only, for a prior that has seen neither evaluation part.</summary>
    public static SpaceGroupFrequencies Frequencies(IEnumerable<LabelledCrystal> crystals) =>
        new(crystals.Where(c => HoldOutSplit.Of(c.Formula, c.SpaceGroup) == HoldOutPart.Train).GroupBy(c => c.SpaceGroup).ToDictionary(g => g.Key, g => (double)g.Count()));

    /// <summary>Up to <paramref name="perLattice"/> × <paramref name="reserve"/> crystals of each lattice from one part, shuffled with the seed, at most <paramref name="maxSites"/> sites.</summary>
    public static List<LabelledCrystal> Sample(IEnumerable<LabelledCrystal> crystals, EvaluationPart part, int perLattice, int reserve, int maxSites, int seed)
    {
        var rng = new Random(seed);
        var result = new List<LabelledCrystal>();
        foreach (var group in crystals.Where(c => c.Sites <= maxSites && PartOf(c) == part).GroupBy(c => c.Lattice).OrderBy(g => g.Key))
        {
            var list = group.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
            for (var i = list.Count - 1; i > 0; i--) { var j = rng.Next(i + 1); (list[i], list[j]) = (list[j], list[i]); }
            result.AddRange(list.Take(perLattice * reserve));
        }
        return result;
    }

    /// <summary>The structures of the given crystals, read chunk by chunk (two chunks at a time): each chunk's text is
    /// scanned and only the wanted data blocks are parsed.</summary>
    public static Dictionary<string, Structure> Load(string mpFolder, IReadOnlyCollection<LabelledCrystal> crystals, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var wanted = crystals.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, Structure>(StringComparer.Ordinal);
        var chunks = crystals.Select(c => c.Chunk).Distinct().Order(StringComparer.Ordinal).ToList();
        Parallel.ForEach(chunks, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, chunk =>
        {
            var path = Path.Combine(mpFolder, chunk);
            using var reader = CifReader.OpenText(path);
            var block = new StringBuilder();
            string? current = null;
            void Finish()
            {
                if (current is null) return;
                foreach (var parsed in CifReader.Parse(block.ToString(), path))
                    if (CifStructureBuilder.Read(parsed).Structure is { } structure)
                        lock (result) result[current] = structure;
                block.Clear();
                current = null;
            }
            while (reader.ReadLine() is { } line)
            {
                if (line.StartsWith("data_", StringComparison.Ordinal))
                {
                    Finish();
                    var id = line[5..].Trim();
                    if (wanted.Contains(id)) current = id;
                }
                if (current is not null) block.AppendLine(line);
            }
            Finish();
            progress?.Report(chunk);
        });
        return result;
    }
}
