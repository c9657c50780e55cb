using System.CommandLine;
using Bravais.Cli.Options;
using System.Globalization;
using Bravais.Learning;
using Bravais.Analysis.SearchMatch;
using Bravais.Diffraction.Datasets;
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

    public static readonly Option<string> Part = new("--library-part") { Description = "For --recipe measured: which crystals enter the library: all, or train (leaves out the development and test prototypes of Diffraction.Datasets.HoldOutSplit, so the model can be measured on them)", DefaultValueFactory = _ => "all" };
    public static readonly Option<int> PerPrototype = new("--per-prototype") { Description = "For --recipe measured: at most this many crystals of one structure prototype (anonymous formula + space group) in the library, for a compact model; 0: all", DefaultValueFactory = _ => 0 };
    public static readonly Option<int> MaxPeaks = new("--max-peaks") { Description = "For --recipe measured: strongest peaks kept per reference", DefaultValueFactory = _ => 80 };

    public static IEnumerable<Option> Options() => [Recipe, Structures, Queries, Part, PerPrototype, MaxPeaks];

    public static int Run(ParseResult parse, string recipe, string outPath, int seed, int threads, CancellationToken cancellation)
    {
        if (!string.Equals(recipe, "measured", StringComparison.OrdinalIgnoreCase))
            throw new LearningException($"unknown recipe '{recipe}' (available: measured)");
        var path = parse.GetValue(Structures) ?? SharedDataFolder.TryFind("mp")
            ?? throw new LearningException("no structures: give --structures DIR (CIFs) or run beside ../shared/data/mp");
        var source = ReferenceSource.From(path);
        AnsiConsole.MarkupLine($"[grey]recipe measured:[/] {source.Files.Count} structure file(s) from {Markup.Escape(path)}; labels {Markup.Escape(source.LabelsTsv ?? "from the files")}; seed {seed}");
        var part = parse.GetValue(Part)!.ToLowerInvariant() switch
        {
            "all" => (HoldOutPart?)null,
            "train" => HoldOutPart.Train,
            var other => throw new LearningException($"--library-part '{other}' is not known (all, train)"),
        };
        var perPrototype = parse.GetValue(PerPrototype);
        var maxPeaks = parse.GetValue(MaxPeaks);
        if (perPrototype < 0) throw new LearningException($"--per-prototype {perPrototype} must be 0 (all) or positive");
        if (maxPeaks is < 5 or > 1000) throw new LearningException($"--max-peaks {maxPeaks} must be between 5 and 1000");
        var library = new LibraryOptions(MaxPeaks: maxPeaks, Threads: threads) { Part = part, MaxPerPrototype = perPrototype };
        var description = source.Description + (part is null ? "" : "; held-out part train") + (perPrototype > 0 ? $"; ≤{perPrototype} per prototype" : "") + (maxPeaks != 80 ? $"; ≤{maxPeaks} peaks" : "");
        var request = new MeasuredTrainingRequest(source.Files, source.LabelsTsv, description, seed, parse.GetValue(Queries), threads, Library: library);
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
