using System.Globalization;
using System.Net;
using System.Text;
using Bravais.Learning.Baselines;
using Bravais.Learning.Data;
using Bravais.Learning.Metrics;
using Bravais.Learning.Models;
using Bravais.Learning.Persistence;
using Bravais.Learning.Training;

namespace Bravais.Learning.Reports;

/// <summary>
/// Writes a training or evaluation report: one <c>index.html</c> with PNG plots beside it. Plots first,
/// numbers after; every image the page references is written by this class.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string WriteTraining(string directory, TrainingResult r)
    {
        Directory.CreateDirectory(directory);
        var html = new Page($"Bravais training report — {r.Request.Target.CliName()}");
        var classes = r.Classes;
        var sel = r.Selected;
        html.Paragraph($"Data <code>{Esc(Path.GetFileName(r.Request.DataFile))}</code> ({r.Labels.Length} patterns, SHA-256 <code>{Esc(Short(r.Request.DataSha256))}</code>), " +
            (r.Request.Pretraining is { } pre ? $"pretraining set <code>{Esc(Path.GetFileName(r.Request.PretrainingFile))}</code> ({pre.Count} patterns, SHA-256 <code>{Esc(Short(r.Request.PretrainingSha256))}</code>: families that can pretrain (cnn) train on it first, once per setting, then fine-tune on the training part; it is never in validation or test), " : "") +
            $"2θ grid {Esc(r.Request.Data.Grid.ToString())}°, target <b>{Esc(r.Request.Target.CliName())}</b> ({classes.Count} classes), preprocessing {Esc(r.Model.Pipeline.Steps.ToString())}. " +
            $"Stratified split (seed {r.Request.Seed}): {r.Split.Train.Length} train / {r.Split.Validation.Length} validation / {r.Split.Test.Length} test. " +
            (r.Request.Folds == 0 ? "Hold-out validation (each setting fitted once on the training part and scored on the validation split)" : $"{r.Request.Folds}-fold stratified CV on the training part") +
            $", grid <i>{Esc(r.Request.EffectiveGrid.Name)}</i>; each family's best setting refitted on the training part" +
            (r.Families.Any(f => f.Family == Models.Ensemble.EnsembleFamily.FamilyName) ? "; the <i>ensemble</i> averages the probabilities of some searched settings, with weights chosen by ensemble selection on their held-out predictions and its CV score measured on folds its weights were not chosen on" : "") +
            "; the test split was scored once per family and chose nothing. " +
            $"Selected model (best CV mean): <b>{Esc(sel.Family)}</b> {Esc(Short(r, sel.Best))} — test accuracy <b>{Pct(sel.Test.Accuracy)}</b>, balanced {Pct(sel.Test.BalancedAccuracy)}, against {Pct(1.0 / classes.Count)} for random guessing. Run time {r.Elapsed.TotalMinutes:0.0} min.");

        // comparison with chance
        var rows = r.Families.OrderByDescending(f => f.Test.Accuracy).Select(f => (Label: f.Family, Acc: f.Test.Accuracy, Base: false))
            .Concat(r.Baselines.Select(b => (Label: b.Name, Acc: b.Metrics.Accuracy, Base: true))).ToList();
        Charts.Comparison(Path.Combine(directory, "comparison.png"), "Test accuracy: models vs chance", rows.Select(x => x.Label).ToList(), rows.Select(x => x.Acc).ToList(), rows.Select(x => x.Base).ToList());
        html.Figure("comparison.png", "Each family's refitted best setting on the test split, with the three chance baselines (grey).");

        FamilyTable(html, r);

        var counts = new double[classes.Count];
        foreach (var y in r.Labels) counts[y]++;
        var present = Enumerable.Range(0, classes.Count).Where(c => counts[c] > 0).ToList();
        Charts.Bars(Path.Combine(directory, "class_distribution.png"), "Class distribution (whole dataset)", "patterns",
            present.Select(c => classes[c]).ToList(), present.Select(c => counts[c]).ToList());
        html.Figure("class_distribution.png", $"{present.Count} of {classes.Count} classes occur in the data.");

        Charts.Confusion(Path.Combine(directory, "confusion.png"), $"Confusion matrix, {sel.Family}, test split (% of each true class)", Present(classes, sel.Test), Reduce(sel.Test));
        html.Figure("confusion.png", "Rows: true class; columns: predicted class; each row sums to 100%." + (classes.Count > 30 ? " Only classes present in the test split are shown, in order, with every n-th class named." : ""));

        RecallBars(directory, html, sel.Test, $"Per-class recall and precision, {sel.Family}, test split");
        ConfusedPairs(html, sel.Test);

        foreach (var family in r.Families.Select(f => f.Family).Where(f => f != Models.Ensemble.EnsembleFamily.FamilyName))
        {
            var familyRuns = r.CvRuns.Where(x => x.Family == family).ToList();
            var main = ClassifierFamilies.Get(family).MainHyperParameter;
            var (xValues, series) = CurveData(familyRuns, main);
            var file = $"validation_curve_{Safe(family)}.png";
            Charts.ValidationCurve(Path.Combine(directory, file), $"Validation curve: {family}", main, xValues, series);
            html.Figure(file, $"{family}: accuracy on the training folds (dashed) and on the held-out fold (solid, mean ± std over {r.Request.Folds} folds) against {main}. A wide gap is variance (over-fitting); both low is bias.");
        }

        if (r.LearningCurve.Count > 0)
        {
            Charts.LearningCurve(Path.Combine(directory, "learning_curve.png"), $"Learning curve: {r.CurveSource.Family} {Short(r, r.CurveSource.Best)}",
                r.LearningCurve.Select(p => (double)p.TrainRows).ToList(), r.LearningCurve.Select(p => p.TrainAccuracy).ToList(), r.LearningCurve.Select(p => p.ValidationAccuracy).ToList());
            html.Figure("learning_curve.png", "Accuracy on the validation split against the number of training rows (stratified subsets of the training part). A curve still rising at the right says more data would help.");
        }
        if (r.FeatureComparisons.Count > 0)
        {
            Charts.Bars(Path.Combine(directory, "features.png"), $"What peak features add: {r.CurveSource.Family}, validation split", "accuracy (%)",
                r.FeatureComparisons.Select(c => $"{c.Features} ({c.FeatureCount})").ToList(), r.FeatureComparisons.Select(c => 100 * c.ValidationAccuracy).ToList(), yMax: Math.Min(100, 125 * r.FeatureComparisons.Max(c => c.ValidationAccuracy)),
                barText: r.FeatureComparisons.Select(c => Pct(c.ValidationAccuracy)).ToList());
            html.Figure("features.png", $"{(r.CurveSource == sel ? "The selected setting" : $"The best {r.CurveSource.Family} setting (the selected family is too slow to refit three more times)")} refitted with the raw profile only, the peak features only (positions refined below the grid step, intensities, Q and 1/d² ratios), and both; numbers of features in brackets.");
        }
        if (r.ImportancePerBin.Any(v => v != 0))
        {
            var grid = r.Request.Data.Grid;
            var twoTheta = Enumerable.Range(0, grid.Count).Select(i => grid[i]).ToArray();
            Charts.Importance(Path.Combine(directory, "importance.png"), $"Permutation importance per 2θ bin, {sel.Family}, validation split", twoTheta, r.ImportancePerBin, r.MeanPattern);
            html.Figure("importance.png", $"Drop in validation accuracy when one 2θ bin is shuffled across patterns (through the whole preprocessing, so peak features feel it too), on up to {r.Request.ImportanceRows} validation rows; the red line is the mean training pattern.");
        }

        html.Heading("All cross-validation runs");
        var t = new StringBuilder("<table><tr><th>family</th><th>setting</th><th>CV accuracy (mean ± std)</th><th>folds</th><th>train accuracy</th><th>fit s per fold</th></tr>");
        foreach (var run in r.CvRuns.OrderBy(x => x.Family, StringComparer.Ordinal).ThenByDescending(x => x.Mean))
            t.Append(Inv, $"<tr><td>{Esc(run.Family)}</td><td><code>{Esc(run.HyperParameters is Models.Ensemble.EnsembleHyperParameters e ? SettingText.Ensemble(e) : run.Setting)}</code></td><td>{Pct(run.Mean)} ± {Pct(run.Std)}</td><td>{string.Join(" ", run.FoldAccuracy.Select(Pct))}</td><td>{Pct(run.TrainMean)}</td><td>{run.FitSeconds:0.00}</td></tr>");
        html.Raw(t.Append("</table>").ToString());
        BaselineTable(html, r.Baselines, "Baselines on the test split (training-set frequencies for stratified and majority)");
        return html.Save(directory);
    }

    /// <summary>Report of a saved model scored on a labelled dataset (bravais evaluate --report).</summary>
    /// <param name="modelName">A short name for charts (e.g. the family).</param>
    /// <param name="modelDescription">One paragraph of HTML-escaped-by-us text describing the model.</param>
    public static string WriteEvaluation(string directory, string modelName, string modelDescription, IReadOnlyList<string> classes, string dataFile,
        ClassificationMetrics metrics, IReadOnlyList<BaselineResult> baselines, double patternsPerSecond)
    {
        Directory.CreateDirectory(directory);
        var html = new Page($"Bravais evaluation — {modelName} on {Path.GetFileName(dataFile)}");
        html.Paragraph($"Model: {Esc(modelDescription)}. Here on {metrics.Count} patterns: accuracy <b>{Pct(metrics.Accuracy)}</b>, balanced {Pct(metrics.BalancedAccuracy)}, macro-F1 {Pct(metrics.MacroF1)}, top-3 {Pct(metrics.Top3Accuracy)}; {patternsPerSecond:0} patterns/s.");
        var rows = new[] { (Label: modelName, Acc: metrics.Accuracy, Base: false) }.Concat(baselines.Select(b => (Label: b.Name, Acc: b.Metrics.Accuracy, Base: true))).ToList();
        Charts.Comparison(Path.Combine(directory, "comparison.png"), "Accuracy: model vs chance", rows.Select(x => x.Label).ToList(), rows.Select(x => x.Acc).ToList(), rows.Select(x => x.Base).ToList());
        html.Figure("comparison.png", "The model beside chance baselines (grey) on this data.");
        Charts.Confusion(Path.Combine(directory, "confusion.png"), "Confusion matrix (% of each true class)", Present(classes, metrics), Reduce(metrics));
        html.Figure("confusion.png", "Rows: true class; columns: predicted class.");
        RecallBars(directory, html, metrics, "Per-class recall and precision");
        ConfusedPairs(html, metrics);
        BaselineTable(html, baselines, "Baselines on this data (stratified and majority use this data's own frequencies)");
        return html.Save(directory);
    }

    private static void FamilyTable(Page html, TrainingResult r)
    {
        var t = new StringBuilder("<table><tr><th>family</th><th>best setting (CV)</th><th>CV accuracy</th><th>validation</th><th>test accuracy</th><th>balanced</th><th>macro-F1</th><th>top-3</th><th>fit s</th><th>patterns/s</th></tr>");
        foreach (var f in r.Families.OrderByDescending(x => x.Best.Mean))
            t.Append(Inv, $"<tr{(f == r.Selected ? " class=\"sel\"" : "")}><td>{Esc(f.Family)}</td><td><code>{Esc(Short(r, f.Best))}</code></td><td>{Pct(f.Best.Mean)} ± {Pct(f.Best.Std)}</td><td>{Pct(f.Validation.Accuracy)}</td><td>{Pct(f.Test.Accuracy)}</td><td>{Pct(f.Test.BalancedAccuracy)}</td><td>{Pct(f.Test.MacroF1)}</td><td>{Pct(f.Test.Top3Accuracy)}</td><td>{f.FitSeconds:0.0}</td><td>{f.PatternsPerSecond:0}</td></tr>");
        html.Raw(t.Append("</table>").ToString());
    }

    private static void RecallBars(string directory, Page html, ClassificationMetrics metrics, string title)
    {
        var present = metrics.PerClass.Where(c => c.Support > 0).ToList();
        Charts.PairedBars(Path.Combine(directory, "recall.png"), title, "%", present.Select(c => c.Class).ToList(),
            "recall", present.Select(c => 100 * c.Recall).ToList(), "precision", present.Select(c => 100 * c.Precision).ToList());
        html.Figure("recall.png", "Recall: share of each true class that was recognised; precision: share of the predictions of a class that were right (classes present in the scored split).");
        var t = new StringBuilder("<table><tr><th>class</th><th>support</th><th>precision</th><th>recall</th><th>F1</th></tr>");
        foreach (var c in present) t.Append(Inv, $"<tr><td>{Esc(c.Class)}</td><td>{c.Support}</td><td>{Pct(c.Precision)}</td><td>{Pct(c.Recall)}</td><td>{Pct(c.F1)}</td></tr>");
        html.Details("Per-class precision and recall", t.Append("</table>").ToString());
    }

    private static void ConfusedPairs(Page html, ClassificationMetrics metrics)
    {
        html.Heading("Most confused class pairs");
        var t = new StringBuilder("<table><tr><th>true</th><th>predicted as</th><th>rows</th><th>% of true class</th></tr>");
        foreach (var p in metrics.MostConfused) t.Append(Inv, $"<tr><td>{Esc(p.Actual)}</td><td>{Esc(p.PredictedAs)}</td><td>{p.Count}</td><td>{Pct(p.FractionOfActual)}</td></tr>");
        html.Raw(t.Append("</table>").ToString());
    }

    private static void BaselineTable(Page html, IReadOnlyList<BaselineResult> baselines, string title)
    {
        html.Heading(title);
        var t = new StringBuilder("<table><tr><th>baseline</th><th>what it does</th><th>expected accuracy</th><th>drawn accuracy</th><th>balanced</th><th>macro-F1</th></tr>");
        foreach (var b in baselines) t.Append(Inv, $"<tr><td>{Esc(b.Name)}</td><td>{Esc(b.Description)}</td><td>{Pct(b.ExpectedAccuracy)}</td><td>{Pct(b.Metrics.Accuracy)}</td><td>{Pct(b.Metrics.BalancedAccuracy)}</td><td>{Pct(b.Metrics.MacroF1)}</td></tr>");
        html.Raw(t.Append("</table>").ToString());
    }

    /// <summary>The class names present (as true or predicted) in the metrics, for large class lists.</summary>
    private static List<string> Present(IReadOnlyList<string> classes, ClassificationMetrics m) =>
        classes.Count <= 30 ? [.. classes] : PresentIndices(m).Select(i => classes[i]).ToList();

    private static int[][] Reduce(ClassificationMetrics m)
    {
        if (m.ConfusionMatrix.Length <= 30) return m.ConfusionMatrix;
        var idx = PresentIndices(m);
        return idx.Select(a => idx.Select(p => m.ConfusionMatrix[a][p]).ToArray()).ToArray();
    }

    private static List<int> PresentIndices(ClassificationMetrics m) =>
        Enumerable.Range(0, m.ConfusionMatrix.Length).Where(c => m.ConfusionMatrix[c].Sum() > 0).ToList();

    /// <summary>A run's setting showing only what varies in its family's grid.</summary>
    internal static string Short(TrainingResult r, CvRun run) =>
        SettingText.Short(run.HyperParameters, r.CvRuns.Where(x => x.Family == run.Family).Select(x => x.HyperParameters));

    /// <summary>x positions = distinct values of the main hyper-parameter (numbers ascending, then others such as "none"); one series per combination of the other varying settings.</summary>
    private static (List<string> X, List<Charts.CurveSeries> Series) CurveData(IReadOnlyList<CvRun> runs, string main)
    {
        string MainText(CvRun run) => SettingText.Parts(run.HyperParameters).FirstOrDefault(p => p.Key == main).Value ?? "";
        var grid = runs.Select(x => x.HyperParameters).ToList();
        var xs = runs.Select(MainText).Distinct()
            .OrderBy(v => double.TryParse(v, NumberStyles.Float, Inv, out _) ? 0 : 1)
            .ThenBy(v => double.TryParse(v, NumberStyles.Float, Inv, out var d) ? d : 0)
            .ThenBy(v => v, StringComparer.Ordinal).ToList();
        var series = new List<Charts.CurveSeries>();
        foreach (var group in runs.GroupBy(run => SettingText.Short(run.HyperParameters, grid, exclude: main)))
        {
            var cv = Enumerable.Repeat(double.NaN, xs.Count).ToArray();
            var std = new double[xs.Count]; var train = new double[xs.Count];
            foreach (var run in group)
            {
                var i = xs.IndexOf(MainText(run));
                if (!double.IsNaN(cv[i]) && cv[i] >= run.Mean) continue; // duplicates: keep the best
                cv[i] = run.Mean; std[i] = run.Std; train[i] = run.TrainMean;
            }
            series.Add(new Charts.CurveSeries(group.Key, cv, std, train));
        }
        return (xs, series);
    }

    private static string Safe(string s) => new(s.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
    private static string Short(string hash) => hash.Length > 16 ? hash[..16] + "…" : hash;
    internal static string Pct(double x) => double.IsNaN(x) ? "–" : (100 * x).ToString("0.0", Inv) + "%";
    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private sealed class Page(string title)
    {
        private readonly StringBuilder _body = new();
        public void Heading(string text) => _body.Append("<h2>").Append(Esc(text)).Append("</h2>\n");
        public void Paragraph(string html) => _body.Append("<p>").Append(html).Append("</p>\n");
        public void Raw(string html) => _body.Append(html).Append('\n');
        public void Figure(string file, string caption) =>
            _body.Append("<figure><img src=\"").Append(file).Append("\" alt=\"").Append(Esc(caption)).Append("\"><figcaption>").Append(Esc(caption)).Append("</figcaption></figure>\n");
        public void Details(string summary, string html) => _body.Append("<details><summary>").Append(Esc(summary)).Append("</summary>").Append(html).Append("</details>\n");

        public string Save(string directory)
        {
            var page = $$"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>{{Esc(title)}}</title>
                <style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222} img{max-width:100%} figure{margin:1.5em 0}
                figcaption{color:#555;font-size:90%} table{border-collapse:collapse;margin:1em 0;font-size:90%} td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}
                tr.sel{font-weight:bold;background:#eef} code{font-size:85%}</style></head>
                <body><h1>{{Esc(title)}}</h1>
                {{_body}}
                <p style="color:#888">Bravais {{Esc(ClassifierFile.BravaisVersion)}}, {{DateTime.UtcNow:yyyy-MM-dd HH:mm}} UTC</p></body></html>
                """;
            var path = Path.Combine(directory, "index.html");
            Crystallography.IO.AtomicFile.WriteAllText(path, page);
            return path;
        }
    }
}
