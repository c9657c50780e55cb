using System.CommandLine;
using Bravais.Cli.Options;
using System.Globalization;
using Bravais.Learning;
using Bravais.Analysis.SearchMatch;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais train --recipe measured --out measured.bravais</c>: builds the recommended model for measured
/// patterns from ../shared/data/mp (or <c>--structures DIR</c>) — reference library, calibration on simulated
/// measured-looking queries — and saves it. Hooked into <see cref="TrainCommand"/>.
/// </summary>
public static class MeasuredRecipe
{
    public static readonly Option<string?> Recipe = new("--recipe") { Description = "Named recipe instead of --data: 'measured' builds the model for measured diffractometer files (reference library from ../shared/data/mp, calibrated)" };
    public static readonly Option<string?> Structures = new("--structures") { Description = "For --recipe measured: folder or file(s) of CIFs (.cif/.cif.gz) with an optional labels.tsv (default: ../shared/data/mp)" };
    public static readonly Option<int> Queries = new("--calibration-queries") { Description = "For --recipe measured: simulated measured patterns to fit the temperature on", DefaultValueFactory = _ => 300 };

    public static IEnumerable<Option> Options() => [Recipe, Structures, Queries];

    public static int Run(ParseResult parse, string recipe, string outPath, int seed, int threads, CancellationToken cancellation)
    {
        if (!string.Equals(recipe, "measured", StringComparison.OrdinalIgnoreCase))
            throw new LearningException($"unknown recipe '{recipe}' (available: measured)");
        var path = parse.GetValue(Structures) ?? SharedDataFolder.TryFind("mp")
            ?? throw new LearningException("no structures: give --structures DIR (CIFs) or run beside ../shared/data/mp");
        var source = ReferenceSource.From(path);
        AnsiConsole.MarkupLine($"[grey]recipe measured:[/] {source.Files.Count} structure file(s) from {Markup.Escape(path)}; labels {Markup.Escape(source.LabelsTsv ?? "from the files")}; seed {seed}");
        var request = new MeasuredTrainingRequest(source.Files, source.LabelsTsv, source.Description, seed, parse.GetValue(Queries), threads);
        MeasuredModel? model = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SyncProgress<MeasuredTrainingProgress>(e =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(e.Stage, out var task)) tasks[e.Stage] = task = ctx.AddTask(e.Stage, maxValue: Math.Max(1, e.Total));
                        task.MaxValue = Math.Max(1, e.Total);
                        task.Value = Math.Min(e.Done, e.Total);
                        var message = e.Message.Length > 60 ? e.Message[..59] + "…" : e.Message;
                        task.Description = Markup.Escape($"{e.Stage}: {message}");
                    }
                });
                model = MeasuredTraining.Run(request, progress, cancellation);
                foreach (var t in tasks.Values) { t.Value = t.MaxValue; t.StopTask(); }
            });
        var m = model!.Manifest;
        var c = m.Calibration;
        AnsiConsole.MarkupLine(FormattableString.Invariant($"library: {m.LibraryEntries} crystals, {m.LibraryPeaks} peaks"));
        AnsiConsole.MarkupLine(FormattableString.Invariant($"calibration on {c.Rows} simulated measured patterns: accuracy {100 * c.Accuracy:0.0}%, T = {c.Temperature:0.###}, NLL {c.NllBefore:0.###} → {c.NllAfter:0.###}, ECE {100 * c.EceBefore:0.0}% → {100 * c.EceAfter:0.0}%"));
        model.Save(outPath);
        AnsiConsole.MarkupLine($"saved measured-pattern model to {Markup.Escape(outPath)} [grey]({m.TrainingMinutes.ToString("0.0", CultureInfo.InvariantCulture)} min)[/]");
        return CliErrors.Ok;
    }
}
