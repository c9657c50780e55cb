using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bravais.Analysis.Extinction.Evaluation;
using Bravais.Analysis.Indexing;
using Bravais.Cli.Options;
using Bravais.Analysis.Peaks;
using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Measured;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais bench index</c>: peak search + indexing on measured-like renderings of MP crystals
/// (<see cref="IndexBenchSet"/>) or on the RRUFF measurements (<c>--rruff</c>): per lattice, how often the top candidate
/// has the right Bravais lattice, the right primitive volume (2 %), both, and the time per pattern (indexing only, one
/// thread per pattern). <c>--part development|test</c> picks the held-out part of the MP crystals
/// (<see cref="DevelopmentSet.PartOf"/>) or the RRUFF files with even (development) or odd (test) numbers.
/// </summary>
public static class IndexBenchCommand
{
    public static Command Create(Option<string?> data)
    {
        var perLattice = new Option<int>("--per-lattice") { Description = "Crystals per Bravais lattice (balanced set)", DefaultValueFactory = _ => 40 };
        var part = new Option<string>("--part") { Description = "development (settings are chosen here) or test (reported only): MP held-out part by structure prototype; RRUFF even or odd number", DefaultValueFactory = _ => "development" };
        part.AcceptOnlyFromAmong("development", "test");
        var maxSites = new Option<int>("--max-sites") { Description = "Only MP crystals with at most this many sites", DefaultValueFactory = _ => 120 };
        var seconds = new Option<double>("--seconds") { Description = "Indexing budget per pattern (s)", DefaultValueFactory = _ => IndexingOptions.Default.Seconds };
        var seed = new Option<int>("--seed") { Description = "Sampling and rendering seed", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Patterns indexed at once (each on one thread)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string?>("--out") { Description = "TSV with one row per pattern" };
        var lattices = new Option<string?>("--lattices") { Description = "Only these lattices, comma-separated (e.g. mP,mS)" };
        var save = new Option<string?>("--save") { Description = "Also write every rendered pattern as FOLDER/ID.xy (with its wavelength in the header)" };
        var rruff = new Option<bool>("--rruff") { Description = "Score the RRUFF measurements of data/rruff-dev (crystal family of the top candidate) instead" };
        var command = new Command("index", "Peak search + indexing on measured-like MP patterns or RRUFF measurements: accuracy per lattice and time per pattern");
        foreach (var o in new Option[] { data, perLattice, part, maxSites, seconds, seed, threads, output, lattices, rruff, save }) command.Options.Add(o);
        command.SetAction((p, ct) => Task.FromResult(CliErrors.Run(() =>
        {
            var root = SharedDataFolder.Resolve(p.GetValue(data));
            var options = IndexingOptions.Default with { Seconds = p.GetValue(seconds), MaxCandidates = 3 };
            var only = p.GetValue(lattices) is { } l ? l.Split(',').Select(BravaisLattices.Parse).ToHashSet() : null;
            var test = p.GetValue(part) == "test";
            var cases = p.GetValue(rruff)
                ? RruffCases(Path.Combine(root, "rruff-dev"), test, only)
                : MpCases(Path.Combine(root, "mp"), test ? EvaluationPart.Test : EvaluationPart.Development, p.GetValue(perLattice), p.GetValue(maxSites), p.GetValue(seed), only);
            Console.Error.WriteLine($"bravais: {cases.Count} patterns, {p.GetValue(threads)} at a time");
            var rows = new Row[cases.Count];
            var done = 0;
            Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, p.GetValue(threads)), CancellationToken = ct }, i =>
            {
                rows[i] = Run(cases[i], options, p.GetValue(save), ct);
                var k = Interlocked.Increment(ref done);
                if (k % 20 == 0) Console.Error.WriteLine($"bravais: {k}/{cases.Count}");
            });
            Report(rows, p.GetValue(rruff));
            if (p.GetValue(output) is { } path) WriteRows(path, rows);
            return CliErrors.Ok;
        })));
        return command;
    }

    /// <summary>One pattern to index: its id, the pattern (made on demand), the true lattice and primitive volume (NaN when unknown).</summary>
    public sealed record Case(string Id, Func<MeasuredPattern> Pattern, BravaisLattice Lattice, double PrimitiveVolume, int SpaceGroup);

    /// <summary>One pattern's outcome; <paramref name="Admitted"/>: the true space group is among those of the top candidate's most probable extinction symbol.</summary>
    public sealed record Row(string Id, BravaisLattice Truth, double TrueVolume, int Peaks, BravaisLattice? Found, double FoundVolume, double M20, double Seconds, string? Reason, bool Admitted = false, string? Symbol = null)
    {
        public bool LatticeRight => Found == Truth;
        public bool VolumeRight => Found is not null && Math.Abs(FoundVolume / TrueVolume - 1) <= 0.02;
        public bool FamilyRight => Found is { } f && f.ToString()[0] == Truth.ToString()[0];
    }

    private static List<Case> MpCases(string mp, EvaluationPart part, int perLattice, int maxSites, int seed, IReadOnlySet<BravaisLattice>? only)
    {
        var all = DevelopmentSet.ReadLabels(Path.Combine(mp, "labels.tsv")).Where(c => only is null || only.Contains(c.Lattice));
        var crystals = DevelopmentSet.Sample(all, part, perLattice, 1, maxSites, seed);
        Console.Error.WriteLine($"bravais: reading {crystals.Count} structures");
        var structures = DevelopmentSet.Load(mp, crystals);
        var pool = crystals.Where(c => structures.ContainsKey(c.Id)).Select(c => structures[c.Id]).ToList();
        return crystals.Where(c => structures.ContainsKey(c.Id)).Select(c =>
        {
            var s = structures[c.Id];
            return new Case(c.Id, () => IndexBenchSet.Render(s, new Random(seed ^ StableHash(c.Id)), r => pool[r.Next(pool.Count)]), c.Lattice, IndexBenchSet.PrimitiveVolume(s), c.SpaceGroup);
        }).ToList();
    }

    private static int StableHash(string id)
    {
        var h = 2166136261u;
        foreach (var ch in id) { h ^= ch; h *= 16777619u; }
        return (int)h;
    }

    private static List<Case> RruffCases(string folder, bool test, IReadOnlySet<BravaisLattice>? only)
    {
        var cases = new List<Case>();
        foreach (var f in File.ReadLines(Path.Combine(folder, "labels.tsv")).Skip(1).Select(l => l.Split('\t')))
        {
            var number = int.Parse(f[0].Split('-')[1], CultureInfo.InvariantCulture);
            if ((number % 2 == 1) != test) continue;
            var lattice = BravaisLattices.Parse(f[2]);
            if (only is not null && !only.Contains(lattice)) continue;
            var path = Path.Combine(folder, f[0] + ".xy");
            cases.Add(new Case(f[0], () => MeasuredPatternReader.Read(path), lattice, double.NaN, int.Parse(f[1], CultureInfo.InvariantCulture)));
        }
        return cases;
    }

    private static Row Run(Case c, IndexingOptions options, string? saveFolder, CancellationToken ct)
    {
        try
        {
            var pattern = c.Pattern();
            if (saveFolder is not null)
            {
                Directory.CreateDirectory(saveFolder);
                var text = new StringBuilder(FormattableString.Invariant($"# {c.Id} ({c.Lattice}, primitive volume {c.PrimitiveVolume:0.###} A^3), wavelength {pattern.WavelengthAngstrom:0.######} A\n"));
                for (var i = 0; i < pattern.Count; i++) text.Append(FormattableString.Invariant($"{pattern.X[i]:0.###}\t{pattern.Intensity[i]:0}\n"));
                File.WriteAllText(Path.Combine(saveFolder, c.Id + ".xy"), text.ToString());
            }
            var search = PeakSearch.Find(pattern);
            var peaks = search.Peaks.Select(q => new ObservedPeak(q.TwoThetaDegrees, q.IntegratedIntensity, q.TwoThetaEsdDegrees)).ToList();
            var clock = Stopwatch.StartNew();
            var result = PowderIndexer.Index(peaks, options with { WavelengthAngstrom = search.Radiation.PrimaryAngstrom }, ct);
            var seconds = clock.Elapsed.TotalSeconds;
            var best = result.Best;
            var symbols = best is null ? [] : CandidateExtinction.Score(best, search.Radiation, CandidateExtinction.PatternOf(search), null, out _);
            var top = symbols.Count > 0 ? symbols[0] : null;
            return new Row(c.Id, c.Lattice, c.PrimitiveVolume, peaks.Count, best?.BravaisLattice, best?.PrimitiveVolume ?? double.NaN, best?.M20 ?? double.NaN, seconds, result.Reason,
                top is not null && top.SpaceGroups.Contains(c.SpaceGroup), top?.Symbol);
        }
        catch (BravaisException e)
        {
            return new Row(c.Id, c.Lattice, c.PrimitiveVolume, 0, null, double.NaN, double.NaN, 0, e.Message);
        }
    }

    private static void Report(Row[] rows, bool rruff)
    {
        static string P(int k, int n) => n == 0 ? "–" : (100.0 * k / n).ToString("0.0", CultureInfo.InvariantCulture);
        static double Median(IEnumerable<double> v) { var s = v.Order().ToList(); return s.Count == 0 ? double.NaN : s[s.Count / 2]; }
        var sb = new StringBuilder();
        sb.AppendLine(rruff
            ? "lattice\tn\tfamily %\tBravais %\tgroup admitted %\tno answer %\tmedian s\tmax s"
            : "lattice\tn\tBravais %\tvolume %\tboth %\tfamily %\tgroup admitted %\tno answer %\tmedian s\tmax s");
        foreach (var g in rows.GroupBy(r => r.Truth).OrderBy(g => g.Key).Append(rows.GroupBy(_ => (BravaisLattice)(-1)).First()))
        {
            var list = g.ToList();
            var name = (int)g.Key < 0 ? "all" : g.Key.ToString();
            int n = list.Count, lat = list.Count(r => r.LatticeRight), vol = list.Count(r => r.VolumeRight), both = list.Count(r => r.LatticeRight && r.VolumeRight),
                fam = list.Count(r => r.FamilyRight), adm = list.Count(r => r.Admitted), none = list.Count(r => r.Found is null);
            sb.AppendLine(rruff
                ? FormattableString.Invariant($"{name}\t{n}\t{P(fam, n)}\t{P(lat, n)}\t{P(adm, n)}\t{P(none, n)}\t{Median(list.Select(r => r.Seconds)):0.00}\t{list.Max(r => r.Seconds):0.0}")
                : FormattableString.Invariant($"{name}\t{n}\t{P(lat, n)}\t{P(vol, n)}\t{P(both, n)}\t{P(fam, n)}\t{P(adm, n)}\t{P(none, n)}\t{Median(list.Select(r => r.Seconds)):0.00}\t{list.Max(r => r.Seconds):0.0}"));
        }
        Console.Write(sb.ToString());
    }

    private static void WriteRows(string path, Row[] rows)
    {
        var sb = new StringBuilder("id\ttruth\ttrue_volume\tpeaks\tfound\tfound_volume\tm20\tseconds\tsymbol\tadmitted\treason\n");
        foreach (var r in rows)
            sb.AppendLine(FormattableString.Invariant($"{r.Id}\t{r.Truth}\t{r.TrueVolume:0.###}\t{r.Peaks}\t{r.Found?.ToString() ?? "-"}\t{r.FoundVolume:0.###}\t{r.M20:0.##}\t{r.Seconds:0.###}\t{r.Symbol ?? "-"}\t{r.Admitted}\t{r.Reason}"));
        File.WriteAllText(path, sb.ToString());
    }
}
