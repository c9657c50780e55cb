using System.CommandLine;
using Bravais.Analysis.Extinction;
using Bravais.Cli.Options;
using Bravais.Analysis.Extinction.Evaluation;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais bench extinction</c>: how often the top extinction symbol admits the true space group of Materials Project
/// crystals rendered as measured-like patterns, with their true cell (exact and as a refined indexing leaves it), per
/// crystal system, under the frequency and the uniform prior; the project's development part by default (settings are
/// chosen there), <c>--part test</c> for the figure to report.
/// </summary>
public static class BenchExtinctionCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Shared data folder (default: $BRAVAIS_SHARED/data or ../shared/data)" };
        var part = new Option<string>("--part") { Description = "development (the project's development part) or test (its test part, ids hashing odd)", DefaultValueFactory = _ => "development" };
        var perLattice = new Option<int>("--per-lattice") { Description = "Crystals per Bravais lattice", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Sampling and rendering seed", DefaultValueFactory = _ => 1 };
        var cellError = new Option<double>("--cell-error") { Description = "Relative error put on each cell length of the perturbed cell", DefaultValueFactory = _ => 0.001 };
        var maxSites = new Option<int>("--max-sites") { Description = "Skip crystals with more sites in their MP cell", DefaultValueFactory = _ => 120 };
        var merge = new Option<double?>("--merge-fwhm") { Description = "Lines closer than this many FWHM are one block (default 0.5)" };
        var outlier = new Option<double?>("--outlier") { Description = "Outlier probability per block (default 0.02)" };
        var profileError = new Option<double?>("--profile-error") { Description = "Profile-misfit error as a fraction of the intensity around a block (default 0.03)" };
        var acentric = new Option<bool>("--acentric-only") { Description = "Present lines follow the acentric Wilson distribution only" };
        var weak = new Option<double?>("--weak") { Description = "Share of present blocks allowed to be pseudo-symmetrically weak (default 0.3)" };
        var output = new Option<string?>("--out") { Description = "Write every crystal's outcome as TSV" };
        var jobs = new Option<int>("--jobs") { Description = "Crystals scored at a time (1: CPU time per pattern is measured too)", DefaultValueFactory = _ => 2 };
        var command = new Command("extinction", "Measure extinction-symbol scoring on measured-like patterns of Materials Project crystals with their true cells");
        foreach (var o in new Option[] { data, part, perLattice, seed, cellError, maxSites, merge, outlier, profileError, acentric, weak, output, jobs }) command.Options.Add(o);
        command.SetAction((p, ct) => Task.FromResult(CliErrors.Run(() =>
        {
            var which = p.GetValue(part) switch
            {
                "development" or "dev" => EvaluationPart.Development,
                "test" => EvaluationPart.Test,
                var h => throw new ArgumentException($"--part must be development or test, not '{h}'"),
            };
            var mp = Path.Combine(SharedDataFolder.Resolve(p.GetValue(data)), "mp");
            var defaults = ExtinctionOptions.Default;
            var scoring = defaults with
            {
                MergeFwhm = p.GetValue(merge) ?? defaults.MergeFwhm,
                OutlierProbability = p.GetValue(outlier) ?? defaults.OutlierProbability,
                ProfileError = p.GetValue(profileError) ?? defaults.ProfileError,
                CentricMixture = !p.GetValue(acentric),
                WeakFraction = p.GetValue(weak) ?? defaults.WeakFraction,
            };
            var settings = new BenchmarkSettings
            {
                Part = which, PerLattice = p.GetValue(perLattice), Seed = p.GetValue(seed), CellError = p.GetValue(cellError),
                MaxSites = p.GetValue(maxSites), Scoring = scoring, Parallelism = Math.Max(1, p.GetValue(jobs)),
            };
            Console.WriteLine($"extinction benchmark: {which} part, {settings.PerLattice} per lattice, seed {settings.Seed}, cell error {settings.CellError:P2}, merge {scoring.MergeFwhm} FWHM, outlier {scoring.OutlierProbability}, profile error {scoring.ProfileError}, "
                + $"{(scoring.CentricMixture ? "centric+acentric" : "acentric")} Wilson, weak share {scoring.WeakFraction}");
            var cases = ExtinctionBenchmark.Run(mp, settings, new Progress<string>(m => Console.Error.WriteLine(m)), ct);
            var labels = DevelopmentSet.ReadLabels(Path.Combine(mp, "labels.tsv"));
            var share = labels.GroupBy(c => c.Lattice).ToDictionary(g => g.Key, g => (double)g.Count());
            Console.WriteLine(BenchmarkReport.Table(BenchmarkReport.BySystem(cases, share)));
            Console.WriteLine(BenchmarkReport.Table(BenchmarkReport.ByLattice(cases)));
            var skipped = cases.Where(c => c.Skipped is not null).ToList();
            if (skipped.Count > 0)
                Console.WriteLine($"{skipped.Count} crystals skipped: " + string.Join("; ", skipped.GroupBy(c => c.Skipped).Select(g => $"{g.Count()} × {g.Key}")));
            var times = cases.Where(c => c.Skipped is null).Select(c => c.Milliseconds).Order().ToList();
            if (times.Count > 0)
                Console.WriteLine(FormattableString.Invariant($"time per pattern (extraction + scoring, one thread, wall clock): median {times[times.Count / 2]:0} ms, 90th percentile {times[(int)(0.9 * (times.Count - 1))]:0} ms, max {times[^1]:0} ms"));
            var cpu = cases.Where(c => c.Skipped is null).Select(c => c.CpuMilliseconds).Order().ToList();
            if (settings.Parallelism == 1 && cpu.Count > 0)
                Console.WriteLine(FormattableString.Invariant($"CPU time per pattern: median {cpu[cpu.Count / 2]:0} ms, 90th percentile {cpu[(int)(0.9 * (cpu.Count - 1))]:0} ms, max {cpu[^1]:0} ms"));
            if (p.GetValue(output) is { } path) BenchmarkReport.WriteCases(path, cases);
            return CliErrors.Ok;
        })));
        return command;
    }
}
