using System.CommandLine;
using Bravais.Cli.Options;
using System.Diagnostics;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Powder;
using Bravais.Diffraction.Profiles;
using Bravais.Diffraction.Validation;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais bench simulate</c>: time the powder calculator on MP structures of the parity set — per structure on one
/// thread (median and mean over structures of the fastest of several repeats), and whole-set throughput on all cores —
/// and compare with pymatgen 2022.11.7's measured 0.08 s median / 0.14 s mean per structure on this machine.
/// </summary>
public static class BenchCommand
{
    public const double PymatgenMedianSeconds = 0.08, PymatgenMeanSeconds = 0.14;

    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks");
        var data = new Option<string?>("--data") { Description = "Shared data folder (default: $BRAVAIS_SHARED/data or ../shared/data)" };
        var count = new Option<int>("--count") { Description = "Number of MP parity structures", DefaultValueFactory = _ => 1000 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repeats per structure (the fastest counts)", DefaultValueFactory = _ => 5 };
        var simulate = new Command("simulate", "Time PowderCalculator (peak list with hkl families) and the nano281 preset on MP structures");
        foreach (var o in new Option[] { data, count, repeats }) simulate.Options.Add(o);
        simulate.SetAction((p, ct) => Task.FromResult(CliErrors.Run(() =>
        {
            var root = SharedDataFolder.Resolve(p.GetValue(data));
            var references = ParityCheck.ReadReference(Path.Combine(root, "parity", "mp-peaks.jsonl.gz"), p.GetValue(count));
            var structures = Load(references.Select(r => r.Id).ToHashSet(StringComparer.Ordinal), Path.Combine(root, "mp"));
            Console.WriteLine($"{structures.Count} MP structures (median {Median(structures.Select(s => (double)s.SiteCount).ToList()):0} sites); {Environment.ProcessorCount} cores; {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, Vector<double> = {System.Numerics.Vector<double>.Count} lanes");
            var calculator = new PowderCalculator();
            var ws = new PowderWorkspace();
            var y = new double[PatternPresets.Nano281.Grid.Count];
            Report("peak list (hkl families)", structures, p.GetValue(repeats), s => calculator.Calculate(s, ws));
            Report("nano281 pattern (sticks + profile)", structures, p.GetValue(repeats), s => PatternPresets.Nano281.Render(s, ws, y));
            // all cores: every structure once per pass, three passes, the fastest counts
            var best = double.MaxValue;
            for (var pass = 0; pass < 3; pass++)
            {
                var clock = Stopwatch.StartNew();
                Parallel.For(0, structures.Count, () => new PowderWorkspace(), (i, _, w) => { calculator.Calculate(structures[i], w); return w; }, _ => { });
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
            Console.WriteLine(FormattableString.Invariant($"all cores ({Environment.ProcessorCount}): {structures.Count / best:N0} structures/s ({best * 1e3 / structures.Count:0.000} ms per structure)"));
            return CliErrors.Ok;
        })));
        bench.Subcommands.Add(simulate);
        bench.Subcommands.Add(BenchExtinctionCommand.Create());
        bench.Subcommands.Add(IndexBenchCommand.Create(data));
        return bench;
    }

    private static void Report(string what, IReadOnlyList<Structure> structures, int repeats, Action<Structure> run)
    {
        foreach (var s in structures) run(s); // warm-up: JIT and buffer growth
        var times = new List<double>(structures.Count);
        foreach (var s in structures)
        {
            var best = double.MaxValue;
            for (var r = 0; r < Math.Max(1, repeats); r++)
            {
                var start = Stopwatch.GetTimestamp();
                run(s);
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
            times.Add(best);
        }
        var median = Median(times);
        var mean = times.Average();
        Console.WriteLine(FormattableString.Invariant(
            $"{what}, 1 thread: median {median * 1e3:0.0000} ms, mean {mean * 1e3:0.0000} ms, max {times.Max() * 1e3:0.00} ms per structure; vs pymatgen: {PymatgenMedianSeconds / median:N0}× (median), {PymatgenMeanSeconds / mean:N0}× (mean)"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static List<Structure> Load(HashSet<string> ids, string mpFolder)
    {
        var found = new Dictionary<string, Structure>(StringComparer.Ordinal);
        var labels = Path.Combine(mpFolder, "labels.tsv");
        var chunks = File.ReadLines(labels).Skip(1).Select(l => l.Split('\t')).Where(f => f.Length > 1 && ids.Contains(f[0])).Select(f => f[1]).Distinct().Order(StringComparer.Ordinal);
        foreach (var chunk in chunks)
            foreach (var parsed in CifReader.ReadResults(Path.Combine(mpFolder, chunk)))
                if (parsed.Block is { } block && ids.Contains(block.Name) && CifStructureBuilder.Read(block).Structure is { } s)
                    found[block.Name] = s;
        return ids.Where(found.ContainsKey).Order(StringComparer.Ordinal).Select(id => found[id]).ToList();
    }
}
