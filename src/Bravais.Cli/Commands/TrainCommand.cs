using System.CommandLine;
using System.Globalization;
using Bravais.Cli.Options;
using Bravais.Learning;
using Bravais.Learning.Data;
using Bravais.Learning.Features;
using Bravais.Learning.Models;
using Bravais.Learning.Persistence;
using Bravais.Learning.Reports;
using Bravais.Learning.Training;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary><c>bravais train</c>: split, grid search with K-fold CV, refit, one test evaluation, save the best model, optional report.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Training patterns: NANO281 CSV (.csv or .csv.gz); not needed with --recipe" };
        var target = new Option<string>("--target") { Description = "bravais | crystal-system | spacegroup", DefaultValueFactory = _ => "bravais" };
        var models = new Option<string>("--models") { Description = $"Comma-separated families (available: {string.Join(",", ClassifierFamilies.DefaultNames)}); default all" };
        var cv = new Option<int>("--cv") { Description = "Number of cross-validation folds on the training part; 0 = hold-out (each setting fitted once and scored on the validation split: for slow families such as cnn)", DefaultValueFactory = _ => 5 };
        var noEnsemble = new Option<bool>("--no-ensemble") { Description = "Do not form a soft-voting ensemble of the families' best settings (by default one is formed by ensemble selection on their held-out predictions and competes like a family)" };
        var search = new Option<string>("--search") { Description = "Hyper-parameter settings to search: quick | full | FILE.json ({\"family\": [settings…]})", DefaultValueFactory = _ => "quick" };
        var seed = CommonOptions.Seed("Seed for the split, folds and every model");
        var output = new Option<string>("--out") { Description = "Model file to write", DefaultValueFactory = _ => "model.bravais" };
        var report = new Option<string?>("--report") { Description = "Folder for an HTML report with plots" };
        var features = new Option<string>("--features") { Description = "profile | peaks | both", DefaultValueFactory = _ => "both" };
        var scaling = new Option<string>("--scaling") { Description = "Intensity scaling: none | sqrt | log1p", DefaultValueFactory = _ => "sqrt" };
        var noNormalise = new Option<bool>("--no-normalise") { Description = "Do not divide each pattern by its maximum" };
        var peaks = new Option<int>("--peaks") { Description = "Number of strongest peaks in the peak features", DefaultValueFactory = _ => PeakFeatureExtractor.DefaultPeakCount };
        var grid = CommonOptions.Grid("2θ grid of the data's columns (NANO281 files do not carry it; default: the NANO281 grid for 180 columns)");
        var preset = CommonOptions.Preset("Instrument of the data's columns by name");
        var wavelength = CommonOptions.Wavelength("Radiation of the data's patterns (default: the preset's, Cu Kα)");
        var threads = CommonOptions.Threads();
        var noCurves = new Option<bool>("--no-curves") { Description = "Skip the learning curve and the feature-set comparison" };
        var validation = new Option<double>("--validation-fraction") { DefaultValueFactory = _ => 0.1 };
        var test = new Option<double>("--test-fraction") { DefaultValueFactory = _ => 0.1 };
        var noResume = new Option<bool>("--no-resume") { Description = "Do not record finished CV fits in <out>.cv-checkpoint.jsonl nor reuse them" };
        var parallelFolds = new Option<int>("--parallel-folds") { Description = "CV folds fitted side by side (0 = one per thread)", DefaultValueFactory = _ => 0 };
        var pretrain = new Option<string?>("--pretrain") { Description = "Pretraining set for the cnn: a NANO281 CSV on the same 2θ grid (e.g. from `bravais synth --patterns`), or synthetic[:N] to generate N verified random crystals (default 100000, balanced by Bravais lattice, seeded by --seed) beside --out; the cnn trains on it first, then fine-tunes on --data (never in validation or test)" };
        var curveBudget = new Option<double>("--curve-budget") { Description = "Seconds the learning curve and feature comparison may take; a slower selected family hands them to a faster one", DefaultValueFactory = _ => 300 };

        var command = new Command("train", "Train and validate classifiers on a pattern dataset and save the best");
        foreach (var o in new Option[] { data, target, models, cv, search, seed, output, report, features, scaling, noNormalise, peaks, grid, preset, wavelength, threads, noCurves, validation, test, parallelFolds, curveBudget, noResume, noEnsemble, pretrain })
            command.Options.Add(o);
        foreach (var o in MeasuredRecipe.Options()) command.Options.Add(o);
        command.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            if (parse.GetValue(MeasuredRecipe.Recipe) is { } recipe)
                return MeasuredRecipe.Run(parse, recipe, parse.GetValue(output)!, parse.GetValue(seed), parse.GetValue(threads), cancellation);
            LearningOptions.WideWhenRedirected();
            var dataPath = parse.GetValue(data) ?? throw new LearningException("--data is required (or --recipe measured)");
            var theTarget = Targets.Parse(parse.GetValue(target)!);
            var families = string.IsNullOrWhiteSpace(parse.GetValue(models))
                ? ClassifierFamilies.DefaultNames
                : parse.GetValue(models)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var f in families) ClassifierFamilies.Get(f);
            var gridChoice = GridFile.Parse(parse.GetValue(search)!);
            var steps = new Preprocessing(
                Enum.TryParse<IntensityScaling>(parse.GetValue(scaling), true, out var s) ? s : throw new LearningException($"--scaling must be none, sqrt or log1p, got '{parse.GetValue(scaling)}'"),
                !parse.GetValue(noNormalise),
                Enum.TryParse<FeatureSet>(parse.GetValue(features), true, out var fs) ? fs : throw new LearningException($"--features must be profile, peaks or both, got '{parse.GetValue(features)}'"),
                parse.GetValue(peaks) is var p and > 0 ? p : throw new LearningException("--peaks must be positive"));

            AnsiConsole.MarkupLine($"[grey]reading[/] {Markup.Escape(dataPath)}");
            var instrument = CommonOptions.DataInstrument(parse.GetValue(preset), parse.GetValue(grid), CommonOptions.ParseWavelength(parse.GetValue(wavelength)));
            var dataset = PatternCsv.Read(dataPath, instrument?.Grid, cancellation);
            if (instrument is not null) dataset = dataset with { Instrument = instrument };
            var hash = PatternCsv.Sha256(dataPath);
            PatternDataset? pretraining = null;
            var pretrainPath = parse.GetValue(pretrain);
            if (SyntheticPretraining.Count(pretrainPath) is { } syntheticCount)
                pretrainPath = SyntheticPretraining.Make(syntheticCount, dataset.Grid, parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(threads), cancellation);
            if (!string.IsNullOrWhiteSpace(pretrainPath))
            {
                AnsiConsole.MarkupLine($"[grey]reading pretraining set[/] {Markup.Escape(pretrainPath)}");
                pretraining = PatternCsv.Read(pretrainPath, dataset.Grid, cancellation) with { Instrument = dataset.Instrument };
                AnsiConsole.MarkupLine($"{pretraining.Count} pretraining patterns, for the families that can pretrain (cnn); the others ignore them");
            }
            AnsiConsole.MarkupLine($"{dataset.Count} patterns × {dataset.Intensities.Columns} points on 2θ grid {dataset.Grid}; target {theTarget.CliName()}; families {string.Join(", ", families)}; search {gridChoice.Name}; {(parse.GetValue(cv) == 0 ? "hold-out validation" : $"{parse.GetValue(cv)}-fold CV")}; seed {parse.GetValue(seed)}");
            var request = new TrainingRequest(dataset, theTarget, families, dataPath, hash, parse.GetValue(cv), gridChoice, parse.GetValue(seed), steps,
                parse.GetValue(validation), parse.GetValue(test), parse.GetValue(threads), !parse.GetValue(noCurves),
                ParallelFolds: parse.GetValue(parallelFolds), CurveBudgetSeconds: parse.GetValue(curveBudget),
                CheckpointPath: parse.GetValue(noResume) ? null : Path.GetFullPath(parse.GetValue(output)!) + ".cv-checkpoint.jsonl",
                Ensemble: !parse.GetValue(noEnsemble),
                Pretraining: pretraining, PretrainingFile: pretrainPath ?? "", PretrainingSha256: pretraining is null ? "" : PatternCsv.Sha256(pretrainPath!));

            TrainingResult? result = null;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    var progress = new SyncProgress<TrainingProgress>(e =>
                    {
                        lock (tasks)
                        {
                            if (e.Stage is "cv result" or "checkpoint" || (e.Stage == "pretraining" && e.Done == e.Total))
                            {
                                AnsiConsole.MarkupLine($"[grey]{Markup.Escape(e.Stage)}:[/] {Markup.Escape(e.Message)}");
                                return;
                            }
                            if (!tasks.TryGetValue(e.Stage, out var task)) tasks[e.Stage] = task = ctx.AddTask(e.Stage, maxValue: Math.Max(1, e.Total));
                            task.MaxValue = Math.Max(1, e.Total);
                            task.Value = e.Done;
                            task.Description = Markup.Escape(Shorten($"{e.Stage}: {e.Message}"));
                            if (e.Done >= e.Total) task.StopTask();
                        }
                    });
                    result = TrainingPipeline.Run(request, progress, cancellation);
                    foreach (var t in tasks.Values) { t.Value = t.MaxValue; t.StopTask(); }
                });
            var r = result!;
            PrintResults(r);
            var outPath = parse.GetValue(output)!;
            ClassifierFile.Save(outPath, r.Model);
            AnsiConsole.MarkupLine($"saved [bold]{Markup.Escape(r.Selected.Family)}[/] model to {Markup.Escape(outPath)}");
            var reportDir = parse.GetValue(report);
            if (!string.IsNullOrWhiteSpace(reportDir))
            {
                var index = HtmlReport.WriteTraining(reportDir, r);
                AnsiConsole.MarkupLine($"report: {Markup.Escape(index)}");
            }
            AnsiConsole.MarkupLine($"[grey]total {r.Elapsed.TotalMinutes:0.0} min[/]");
            return CliErrors.Ok;
        })));
        return command;
    }

    private static string Shorten(string s) => s.Length > 70 ? s[..69] + "…" : s;

    internal static string Pct(double x) => double.IsNaN(x) ? "–" : (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static void PrintResults(TrainingResult r)
    {
        var cvTable = new Table().Title("cross-validation (training part)").AddColumns("family", "setting", "CV accuracy", "train accuracy", "fit s/fold");
        foreach (var run in r.CvRuns.OrderBy(x => x.Family).ThenByDescending(x => x.Mean))
            cvTable.AddRow(Markup.Escape(run.Family), Markup.Escape(SettingText.Short(run.HyperParameters, r.CvRuns.Where(x => x.Family == run.Family).Select(x => x.HyperParameters))), $"{Pct(run.Mean)} ± {Pct(run.Std)}", Pct(run.TrainMean), run.FitSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        AnsiConsole.Write(cvTable);

        var final = new Table().Title($"best setting per family, refitted; test split ({r.Split.Test.Length} rows) scored once").AddColumns(
            "family", "CV", "validation", "test acc", "balanced", "macro-F1", "top-3", "fit s", "patterns/s");
        foreach (var f in r.Families.OrderByDescending(x => x.Best.Mean))
            final.AddRow((f == r.Selected ? "[bold]* " : "") + Markup.Escape(f.Family) + (f == r.Selected ? "[/]" : ""), Pct(f.Best.Mean), Pct(f.Validation.Accuracy),
                Pct(f.Test.Accuracy), Pct(f.Test.BalancedAccuracy), Pct(f.Test.MacroF1), Pct(f.Test.Top3Accuracy),
                f.FitSeconds.ToString("0.0", CultureInfo.InvariantCulture), f.PatternsPerSecond.ToString("0", CultureInfo.InvariantCulture));
        foreach (var b in r.Baselines)
            final.AddRow($"[grey]{Markup.Escape(b.Name)}[/]", "", $"[grey]exp. {Pct(b.ExpectedAccuracy)}[/]", $"[grey]{Pct(b.Metrics.Accuracy)}[/]", Pct(b.Metrics.BalancedAccuracy), Pct(b.Metrics.MacroF1), "", "", "");
        AnsiConsole.Write(final);
        if (r.FeatureComparisons.Count > 0)
            AnsiConsole.MarkupLine($"features (validation accuracy of {Markup.Escape(r.CurveSource.Family)}): " +
                string.Join(", ", r.FeatureComparisons.Select(c => $"{c.Features} {Pct(c.ValidationAccuracy)}")));
        var confused = r.Selected.Test.MostConfused.Take(5).Select(p => $"{p.Actual}→{p.PredictedAs} ({p.Count})");
        AnsiConsole.MarkupLine("most confused on test: " + Markup.Escape(string.Join(", ", confused)));
    }
}
