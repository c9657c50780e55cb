using System.CommandLine;
using Bravais.Cli.Options;
using System.Diagnostics;
using System.Globalization;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Profiles;
using Bravais.Learning;
using Bravais.Learning.Baselines;
using Bravais.Learning.Data;
using Bravais.Learning.Features;
using Bravais.Learning.Metrics;
using Bravais.Learning.Models;
using Bravais.Learning.Persistence;
using Bravais.Learning.Reports;
using Bravais.Learning.Training;
using Bravais.Synthesis.Generation;
using Bravais.Synthesis.Workflows;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais demo</c>: the whole job on a fresh machine with no data — a class-balanced synthetic NANO281 dataset
/// (random crystals balanced by Bravais lattice, space groups by their Materials Project frequency), the training protocol (split, K-fold CV grid
/// search, baselines, one held-out test), the results table, the model file and HTML report; and, when the real
/// Materials Project NANO281 set is present beside the repository, the synthetic-trained model scored on it.
/// </summary>
public static class DemoCommand
{
    /// <summary>Families the demo prefers, fastest-to-train good ones first; those not registered are skipped.</summary>
    public static readonly string[] PreferredFamilies = ["forest", "logistic", "knn", "centroid"];

    /// <summary>Default number of synthetic patterns: sized so the whole demo stays under 10 minutes on 2 cores.</summary>
    public const int DefaultSize = 5600;

    public static Command Create()
    {
        var size = new Option<int>("--size") { Description = "Synthetic patterns to generate (split evenly over the 14 Bravais lattices)", DefaultValueFactory = _ => DefaultSize };
        var seed = CommonOptions.Seed("Seed of the crystals, the split, the folds and the models");
        var output = new Option<string>("--out") { Description = "Folder for the dataset, model and reports", DefaultValueFactory = _ => "bravais-demo" };
        var models = new Option<string?>("--models") { Description = $"Comma-separated model families (default: the registered ones of {string.Join(", ", PreferredFamilies)})" };
        var folds = new Option<int>("--cv") { Description = "Cross-validation folds", DefaultValueFactory = _ => 3 };
        var real = new Option<string?>("--real") { Description = "Real labelled NANO281 patterns to score the synthetic-trained model on (default: ../shared/data/nano281-mp/train.csv.gz when present)" };
        var threads = CommonOptions.Threads();
        var command = new Command("demo", "Generate a synthetic dataset, train and validate models on it, write the model and report (no data needed)");
        foreach (var o in new Option[] { size, seed, output, models, folds, real, threads }) command.Options.Add(o);
        command.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
            Run(parse.GetValue(size), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(models), parse.GetValue(folds), parse.GetValue(real), parse.GetValue(threads), cancellation))));
        return command;
    }

    public static int Run(int size, int seed, string outDir, string? modelList, int folds, string? realPath, int threads, CancellationToken cancellation)
    {
        LearningOptions.WideWhenRedirected();
        var clock = Stopwatch.StartNew();
        if (size < 14 * 20) throw new LearningException($"--size must be at least {14 * 20} (20 patterns per Bravais lattice)");
        Directory.CreateDirectory(outDir);
        var registered = ClassifierFamilies.All.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var families = string.IsNullOrWhiteSpace(modelList)
            ? PreferredFamilies.Where(registered.Contains).ToArray()
            : modelList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (families.Length == 0) families = [.. ClassifierFamilies.DefaultNames];
        foreach (var f in families) ClassifierFamilies.Get(f);

        // 1. synthetic data, balanced by Bravais lattice
        var perLattice = size / 14;
        // space groups inside each lattice as often as among real crystals (Materials Project), a fifth spread over all groups
        var items = SynthesisRun.LatticeBalancedPlan(perLattice, seed);
        var dataPath = Path.Combine(outDir, "synthetic-nano281.csv.gz");
        AnsiConsole.MarkupLine($"[bold]1/3[/] generating {items.Count} verified random crystals ({perLattice} per Bravais lattice; space groups drawn by their Materials Project frequency) and their NANO281 patterns");
        var summary = SynthCommand.Run(new SynthesisRequest(items, seed, GeneratorOptions.Default, PatternPresets.Nano281, PatternPath: dataPath, Threads: threads), cancellation);
        var dataset = PatternCsv.Read(dataPath, AngleGrid(), cancellation);

        // 2. the training protocol
        AnsiConsole.MarkupLine($"[bold]2/3[/] training {string.Join(", ", families)} on {dataset.Count} patterns: stratified split (80/10/10), {folds}-fold CV grid search, refit, one test evaluation");
        // profile features only: the peak-list block transfers worse from synthetic to real crystals (docs/synthesis.md)
        var request = new TrainingRequest(dataset, PredictionTarget.Bravais, families, dataPath, PatternCsv.Sha256(dataPath), folds, GridChoice.Quick, seed,
            Preprocessing: new Preprocessing(Features: FeatureSet.Profile),
            Threads: threads, Curves: true, ImportanceRows: 300, CurveBudgetSeconds: 60);
        TrainingResult? result = null;
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SyncProgress<TrainingProgress>(e =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(e.Stage, out var task)) tasks[e.Stage] = task = ctx.AddTask(Markup.Escape(e.Stage), maxValue: Math.Max(1, e.Total));
                        task.MaxValue = Math.Max(1, e.Total);
                        task.Value = e.Done;
                    }
                });
                result = TrainingPipeline.Run(request, progress, cancellation);
                foreach (var t in tasks.Values) { t.Value = t.MaxValue; t.StopTask(); }
            });
        var r = result!;
        PrintTrainingTable(r);
        var modelPath = Path.Combine(outDir, "model.bravais");
        ClassifierFile.Save(modelPath, r.Model);
        var report = HtmlReport.WriteTraining(Path.Combine(outDir, "report"), r);
        AnsiConsole.MarkupLine($"model: {Markup.Escape(modelPath)} ({Markup.Escape(r.Selected.Family)}); report: {Markup.Escape(report)}");

        // 3. sim-to-real, only when real data is at hand
        var realFile = realPath ?? SharedDataFolder.TryFind("nano281-mp", "train.csv.gz");
        if (realFile is not null && File.Exists(realFile))
        {
            AnsiConsole.MarkupLine($"[bold]3/3[/] scoring the synthetic-trained model on real patterns: {Markup.Escape(realFile)}");
            var realData = PatternCsv.Read(realFile, r.Model.Pipeline.Grid, cancellation);
            var watch = Stopwatch.StartNew();
            var probabilities = r.Model.PredictProbabilities(realData.Intensities, cancellation);
            var perSecond = realData.Count / Math.Max(1e-9, watch.Elapsed.TotalSeconds);
            var y = r.Model.Target.Labels(realData);
            var metrics = ClassificationMetrics.Compute(y, Argmax.Rows(probabilities, r.Model.Classes.Count), r.Model.Classes, probabilities);
            var baselines = Baseline.Evaluate(y, y, r.Model.Classes, seed);
            PrintRealTable(realData.Count, metrics, baselines);
            var realReport = HtmlReport.WriteEvaluation(Path.Combine(outDir, "report-real"), r.Model.Manifest.Family, r.Model.Describe(), r.Model.Classes, realFile, metrics, baselines, perSecond);
            AnsiConsole.MarkupLine($"real-data report: {Markup.Escape(realReport)}");
        }
        else AnsiConsole.MarkupLine("[bold]3/3[/] [grey]no real patterns found (../shared/data/nano281-mp/train.csv.gz or --real); skipped the sim-to-real evaluation[/]");
        AnsiConsole.MarkupLine($"demo finished in {clock.Elapsed.TotalMinutes:0.0} min (data {summary.Seconds:0} s)");
        return CliErrors.Ok;
    }

    private static Bravais.Diffraction.Patterns.AngleGrid AngleGrid() => PatternPresets.Nano281.Grid;

    private static string Pct(double x) => double.IsNaN(x) ? "–" : (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static void PrintTrainingTable(TrainingResult r)
    {
        var table = new Table().Title($"Bravais lattice from synthetic patterns: best setting per family, CV on the training part, test split ({r.Split.Test.Length} rows) scored once")
            .AddColumns("family", "setting", "CV accuracy", "validation", "test acc", "balanced", "macro-F1", "top-3");
        foreach (var f in r.Families.OrderByDescending(x => x.Best.Mean))
            table.AddRow((f == r.Selected ? "[bold]* " : "") + Markup.Escape(f.Family) + (f == r.Selected ? "[/]" : ""), Markup.Escape(SettingText.Short(f.Best.HyperParameters, r.CvRuns.Where(x => x.Family == f.Family).Select(x => x.HyperParameters))),
                $"{Pct(f.Best.Mean)} ± {Pct(f.Best.Std)}", Pct(f.Validation.Accuracy), Pct(f.Test.Accuracy), Pct(f.Test.BalancedAccuracy), Pct(f.Test.MacroF1), Pct(f.Test.Top3Accuracy));
        foreach (var b in r.Baselines)
            table.AddRow($"[grey]{Markup.Escape(b.Name)}[/]", "", "", "", $"[grey]{Pct(b.Metrics.Accuracy)}[/]", Pct(b.Metrics.BalancedAccuracy), Pct(b.Metrics.MacroF1), "");
        AnsiConsole.Write(table);
    }

    private static void PrintRealTable(int rows, ClassificationMetrics m, IReadOnlyList<BaselineResult> baselines)
    {
        var table = new Table().Title($"synthetic-trained model on {rows} real Materials Project patterns").AddColumns("metric", "value");
        table.AddRow("accuracy", Pct(m.Accuracy));
        table.AddRow("balanced accuracy", Pct(m.BalancedAccuracy));
        table.AddRow("macro-F1", Pct(m.MacroF1));
        table.AddRow("top-3 accuracy", Pct(m.Top3Accuracy));
        foreach (var b in baselines) table.AddRow($"[grey]{Markup.Escape(b.Name)}[/]", $"[grey]{Pct(b.Metrics.Accuracy)}[/]");
        AnsiConsole.Write(table);
        var perClass = new Table().Title("per class on real patterns").AddColumns("class", "support", "precision", "recall");
        foreach (var c in m.PerClass.Where(c => c.Support > 0))
            perClass.AddRow(c.Class, c.Support.ToString(CultureInfo.InvariantCulture), Pct(c.Precision), Pct(c.Recall));
        AnsiConsole.Write(perClass);
    }
}
