using System.CommandLine;
using Bravais.Cli.Options;
using System.Diagnostics;
using System.Globalization;
using Bravais.Diffraction;
using Bravais.Diffraction.Datasets;
using Bravais.Diffraction.Profiles;
using Bravais.Diffraction.Validation;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais dataset build|merge|parity</c>: build a NANO281-format data set from structure files (resumable,
/// shardable), join shards, and check the simulator against pymatgen reference peak lists. build and merge exit
/// 0 when every input was used, 1 when some failed (each listed on stderr), 2 when nothing usable came out, and
/// build 130 when interrupted (Ctrl-C finishes the batch in progress; rerun to resume).
/// </summary>
public static class DatasetCommand
{
    public static Command Create()
    {
        var command = new Command("dataset", "Build NANO281-format pattern data sets from structures; merge shards; check pymatgen parity");
        command.Subcommands.Add(CreateBuild());
        command.Subcommands.Add(CreateMerge());
        command.Subcommands.Add(CreateParity());
        command.Subcommands.Add(CreateCompare());
        return command;
    }

    private static Command CreateBuild()
    {
        var input = new Option<string[]>("--input") { Description = "Structure files or folders (CIF, multi-block .cif.gz, POSCAR); repeatable", Required = true, AllowMultipleArgumentsPerToken = true };
        var labels = new Option<string?>("--labels") { Description = "TSV with columns id and spacegroup_number (for P1 files such as the MP set)" };
        var preset = new Option<string>("--preset") { Description = $"Pattern preset ({string.Join(", ", PatternPresets.All.Select(p => p.Name))})", DefaultValueFactory = _ => "nano281" };
        var output = new Option<string>("--out") { Description = "Output CSV (.csv or .csv.gz); an existing one is resumed", Required = true };
        var shard = new Option<string>("--shard") { Description = "Build only shard i of N (0-based, by a hash of the id), e.g. 3/8", DefaultValueFactory = _ => "0/1" };
        var jobs = new Option<int>("--jobs") { Description = "Worker threads (default: all cores)", DefaultValueFactory = _ => 0 };
        var ids = new Option<string?>("--ids") { Description = "Build only the ids listed in this file (one a line, or the first column of a CSV/TSV such as an existing NANO281 file)" };
        var maxReflections = SimulateCommand.MaxReflectionsOption();
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = "Seconds one structure may take to read and render before it is recorded as failed and the build goes on (0 = no limit)",
            DefaultValueFactory = _ => 60,
        };
        var command = new Command("build", "Render every structure's pattern into a NANO281 CSV (id,formula,spacegroup_number,Bravais_lattice,y0..yN) with a *.errors.tsv sidecar");
        foreach (var o in new Option[] { input, labels, preset, output, shard, jobs, ids, maxReflections, timeLimit }) command.Options.Add(o);
        command.SetAction((p, ct) => Task.FromResult(CliErrors.Run(() =>
        {
            var options = new DatasetBuildOptions(p.GetValue(input)!, p.GetValue(output)!)
            {
                Preset = PatternPresets.ByName(p.GetValue(preset)!).WithMaxReflections(p.GetValue(maxReflections)),
                Labels = p.GetValue(labels) is { } l ? SpaceGroupLabels.Read(l) : null,
                Shard = DatasetShard.Parse(p.GetValue(shard)!),
                Jobs = p.GetValue(jobs),
                Ids = p.GetValue(ids) is { } idPath ? IdList.Read(idPath) : null,
                TimeLimitPerStructure = p.GetValue(timeLimit) is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null,
            };
            using var stop = new StopOnSignal(ct, "finishing the batch in progress; what is written can be resumed");
            var summary = RunWithProgress(options, stop.Token);
            foreach (var failure in summary.Failures) Console.Error.WriteLine($"bravais: {failure}");
            var rate = (summary.Written + summary.Failed) / Math.Max(summary.Elapsed.TotalSeconds, 1e-9);
            Console.Error.WriteLine(FormattableString.Invariant(
                $"bravais: {summary.Written} rows written, {summary.Failed} failed (listed in {summary.ErrorsPath}), {summary.AlreadyDone} already done, {summary.OtherShards} in other shards, {summary.NotSelected} not in --ids; {summary.Elapsed.TotalSeconds:0.0} s ({rate:0} structures/s) → {summary.OutputPath}"));
            if (summary.Interrupted)
            {
                Console.Error.WriteLine("bravais: interrupted; everything above is written — run the same command again to resume");
                return CliErrors.Interrupted;
            }
            return CliErrors.ForBatch(summary.Written + summary.AlreadyDone, summary.Failed);
        })));
        return command;
    }

    private static DatasetBuildSummary RunWithProgress(DatasetBuildOptions options, CancellationToken ct)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return DatasetBuilder.Build(options, null, ct);
        DatasetBuildSummary? summary = null;
        var clock = Stopwatch.StartNew();
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("reading", maxValue: 1);
                var progress = new SyncProgress<DatasetBuildProgress>(e =>
                {
                    var handled = e.Written + e.Failed;
                    task.MaxValue = Math.Max(1, e.EstimatedTotal - e.AlreadyDone);
                    task.Value = Math.Min(handled, task.MaxValue);
                    var rate = handled / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
                    task.Description = FormattableString.Invariant($"{e.Written:N0} rows · {e.Failed:N0} skipped · {e.AlreadyDone:N0} resumed · {rate:N0}/s");
                });
                summary = DatasetBuilder.Build(options, progress, ct);
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    private static Command CreateMerge()
    {
        var shards = new Argument<string[]>("shards") { Description = "Shard CSVs (in the order their rows should appear)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Merged CSV (.csv or .csv.gz)", Required = true };
        var command = new Command("merge", "Join shard outputs of 'dataset build' (and their error sidecars) into one CSV, dropping repeated ids");
        command.Arguments.Add(shards);
        command.Options.Add(output);
        command.SetAction((p, ct) => Task.FromResult(CliErrors.Run(() =>
        {
            var s = DatasetMerger.Merge(p.GetValue(shards)!, p.GetValue(output)!, ct);
            foreach (var ragged in s.Ragged) Console.Error.WriteLine($"bravais: {ragged.Message}");
            Console.Error.WriteLine($"bravais: {s.Rows} rows ({s.Duplicates} repeated ids dropped, {s.Ragged.Count} damaged rows left out), {s.Errors} error lines → {s.OutputPath}");
            return CliErrors.ForBatch(s.Rows, s.Ragged.Count);
        })));
        return command;
    }

    private static Command CreateCompare()
    {
        var reference = new Argument<string>("reference") { Description = "Reference NANO281 CSV (e.g. pymatgen-made rows)" };
        var candidate = new Argument<string>("candidate") { Description = "CSV to check (e.g. the output of dataset build)" };
        var tolerance = new Option<double>("--tolerance") { Description = "Largest allowed |Δy| per value", DefaultValueFactory = _ => 0.05 };
        var command = new Command("compare", "Compare two NANO281 CSVs row by row (matched by id): share of rows whose max |Δy| is within the tolerance");
        command.Arguments.Add(reference);
        command.Arguments.Add(candidate);
        command.Options.Add(tolerance);
        command.SetAction(p => CliErrors.Run(() =>
        {
            var r = DatasetComparison.Compare(p.GetValue(reference)!, p.GetValue(candidate)!, p.GetValue(tolerance));
            Console.WriteLine(FormattableString.Invariant(
                $"{r.Within}/{r.Compared} rows within max |Δy| ≤ {r.Tolerance} ({100.0 * r.Fraction:0.00}%); {r.OnlyInReference} only in the reference, {r.OnlyInCandidate} only in the candidate; {r.LabelDifferences.Count} rows whose formula or labels differ"));
            foreach (var (id, d) in r.Worst.Take(5)) Console.WriteLine(FormattableString.Invariant($"  {id}: max |Δy| = {d:G4}"));
            foreach (var l in r.LabelDifferences.Take(5)) Console.WriteLine($"  labels {l}");
            return CliErrors.Ok;
        }));
        return command;
    }

    private static Command CreateParity()
    {
        var data = new Option<string?>("--data") { Description = "The shared data folder holding parity/, mp/ and cod/ (default: $BRAVAIS_SHARED/data or ../shared/data)" };
        var which = new Option<string>("--set") { Description = "Reference set: mp, cod or all", DefaultValueFactory = _ => "all" };
        which.AcceptOnlyFromAmong("mp", "cod", "all");
        var limit = new Option<int?>("--limit") { Description = "Check only the first N references of each set" };
        var jobs = new Option<int>("--jobs") { Description = "Worker threads (default: all cores)", DefaultValueFactory = _ => 0 };
        var failures = new Option<string?>("--failures") { Description = "Write every disagreeing structure with its problems to this TSV" };
        var command = new Command("parity", "Compare simulated peak lists with pymatgen 2022.11 references (acceptance rule: |Δ2θ| ≤ 0.002°, |ΔI| ≤ 0.2 for peaks ≥ 0.5)");
        foreach (var o in new Option[] { data, which, limit, jobs, failures }) command.Options.Add(o);
        command.SetAction((p, ct) => Task.FromResult(CliErrors.Run(() =>
        {
            var root = SharedDataFolder.Resolve(p.GetValue(data));
            var sets = p.GetValue(which) == "all" ? new[] { "mp", "cod" } : [p.GetValue(which)!];
            var allFailures = new List<ParityOutcome>();
            foreach (var set in sets)
            {
                var clock = Stopwatch.StartNew();
                var references = ParityCheck.ReadReference(Path.Combine(root, "parity", $"{set}-peaks.jsonl.gz"), p.GetValue(limit));
                var report = ParityCheck.Run(references, Path.Combine(root, "mp"), Path.Combine(root, "cod"), jobs: p.GetValue(jobs), cancellationToken: ct);
                Console.WriteLine(FormattableString.Invariant($"{set}: {report.Agreeing}/{report.Count} structures agree ({100.0 * report.Fraction:0.00}%), {clock.Elapsed.TotalSeconds:0.0} s"));
                foreach (var o in report.Outcomes.Where(o => !o.Agrees))
                {
                    Console.WriteLine($"  {o.Id}: {(o.Cause is null ? "" : o.Cause + "; ")}{string.Join("; ", o.Problems.Take(4))}{(o.Problems.Count > 4 ? $"; … ({o.Problems.Count} problems)" : "")}");
                    allFailures.Add(o);
                }
            }
            if (p.GetValue(failures) is { } path)
                File.WriteAllLines(path, ["id\tcause\tproblems", .. allFailures.Select(o => $"{o.Id}\t{o.Cause}\t{string.Join("; ", o.Problems)}")]);
            return CliErrors.Ok;
        })));
        return command;
    }
}
