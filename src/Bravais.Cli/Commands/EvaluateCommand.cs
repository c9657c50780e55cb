using System.CommandLine;
using System.Diagnostics;
using Bravais.Learning.Baselines;
using Bravais.Learning.Data;
using Bravais.Learning.Metrics;
using Bravais.Learning.Persistence;
using Bravais.Learning.Reports;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary><c>bravais evaluate</c>: scores a saved model on a labelled dataset.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model file (.bravais)", Required = true };
        var data = new Option<string>("--data") { Description = "Labelled patterns: NANO281 CSV (.csv or .csv.gz)", Required = true };
        var report = new Option<string?>("--report") { Description = "Folder for an HTML report with plots" };
        var twoTheta = new Option<string?>("--two-theta") { Description = "2θ grid of the y columns (default: the model's, when the column count matches)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the random baselines", DefaultValueFactory = _ => 0 };
        var command = new Command("evaluate", "Score a saved model on a labelled dataset");
        foreach (var o in new Option[] { model, data, report, twoTheta, seed }) command.Options.Add(o);
        command.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            LearningOptions.WideWhenRedirected();
            var trained = ClassifierFile.Load(parse.GetValue(model)!);
            var dataPath = parse.GetValue(data)!;
            var dataset = LearningOptions.ReadFor(trained, dataPath, LearningOptions.ParseGrid(parse.GetValue(twoTheta)));
            var watch = Stopwatch.StartNew();
            var probabilities = trained.PredictProbabilities(dataset.Intensities, cancellation);
            var perSecond = dataset.Count / Math.Max(1e-9, watch.Elapsed.TotalSeconds);
            var y = trained.Target.Labels(dataset);
            var metrics = ClassificationMetrics.Compute(y, Argmax.Rows(probabilities, trained.Classes.Count), trained.Classes, probabilities);
            var baselines = Baseline.Evaluate(y, y, trained.Classes, parse.GetValue(seed));
            var table = new Table().Title($"{Markup.Escape(trained.Manifest.Family)} on {dataset.Count} patterns").AddColumns("metric", "value");
            table.AddRow("accuracy", TrainCommand.Pct(metrics.Accuracy));
            table.AddRow("balanced accuracy", TrainCommand.Pct(metrics.BalancedAccuracy));
            table.AddRow("macro-F1", TrainCommand.Pct(metrics.MacroF1));
            table.AddRow("top-3 accuracy", TrainCommand.Pct(metrics.Top3Accuracy));
            table.AddRow("patterns/s", perSecond.ToString("0", System.Globalization.CultureInfo.InvariantCulture));
            foreach (var b in baselines) table.AddRow($"[grey]{Markup.Escape(b.Name)}[/]", $"[grey]{TrainCommand.Pct(b.Metrics.Accuracy)} (expected {TrainCommand.Pct(b.ExpectedAccuracy)})[/]");
            AnsiConsole.Write(table);
            var recall = new Table().Title("per class").AddColumns("class", "support", "precision", "recall");
            foreach (var c in metrics.PerClass.Where(c => c.Support > 0)) recall.AddRow(c.Class, c.Support.ToString(System.Globalization.CultureInfo.InvariantCulture), TrainCommand.Pct(c.Precision), TrainCommand.Pct(c.Recall));
            AnsiConsole.Write(recall);
            AnsiConsole.MarkupLine("most confused: " + Markup.Escape(string.Join(", ", metrics.MostConfused.Take(5).Select(p => $"{p.Actual}→{p.PredictedAs} ({p.Count})"))));
            var reportDir = parse.GetValue(report);
            if (!string.IsNullOrWhiteSpace(reportDir))
                AnsiConsole.MarkupLine($"report: {Markup.Escape(HtmlReport.WriteEvaluation(reportDir, trained, dataPath, metrics, baselines, perSecond))}");
            return CliErrors.Ok;
        })));
        return command;
    }
}
