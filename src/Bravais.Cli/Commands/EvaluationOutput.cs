using System.Globalization;
using System.Text;
using Bravais.Analysis.Prediction;
using Bravais.Learning.Baselines;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>How <c>evaluate</c> prints a <see cref="PredictionEvaluation"/> and writes its per-pattern, coverage and neighbour tables.</summary>
internal static class EvaluationOutput
{
    private static string Pct(double x) => double.IsNaN(x) ? "–" : (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%";
    private static string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);

    public static void Print(PredictionEvaluation e, string half, double patternsPerSecond, int seed)
    {
        var n = e.Scored.Count;
        AnsiConsole.MarkupLine($"{n} patterns ({half}): Bravais {Pct(e.BravaisAccuracy)}, crystal system {Pct(e.CrystalSystemAccuracy)}, crystal family {Pct(e.CrystalFamilyAccuracy)}, space group {Pct(e.SpaceGroupAccuracy)}");
        var m = e.Metrics;
        var table = new Table().Title($"{Markup.Escape(e.Model.Kind)} on {n} patterns ({Markup.Escape(e.Model.Primary.ToString())})").AddColumns("metric", "value");
        table.AddRow("accuracy", Pct(m.Accuracy));
        table.AddRow("balanced accuracy", Pct(m.BalancedAccuracy));
        table.AddRow("macro-F1", Pct(m.MacroF1));
        table.AddRow("top-3 accuracy", Pct(m.Top3Accuracy));
        table.AddRow("patterns/s", F(patternsPerSecond, "0.#"));
        foreach (var b in Baseline.Evaluate(e.TruthIndex, e.TruthIndex, e.Model.Classes, seed))
            table.AddRow($"[grey]{Markup.Escape(b.Name)}[/]", $"[grey]{Pct(b.Metrics.Accuracy)} (expected {Pct(b.ExpectedAccuracy)})[/]");
        AnsiConsole.Write(table);
        var recall = new Table().Title("per class").AddColumns("class", "support", "precision", "recall");
        foreach (var c in m.PerClass.Where(c => c.Support > 0)) recall.AddRow(c.Class, c.Support.ToString(CultureInfo.InvariantCulture), Pct(c.Precision), Pct(c.Recall));
        AnsiConsole.Write(recall);
        AnsiConsole.MarkupLine("most confused: " + Markup.Escape(string.Join(", ", m.MostConfused.Take(5).Select(p => $"{p.Actual}→{p.PredictedAs} ({p.Count})"))));
        AnsiConsole.MarkupLine(double.IsNaN(e.UncalibratedCalibrationError)
            ? $"ECE (15 bins) of the top probability: {Pct(e.CalibrationError)}"
            : $"ECE (15 bins): uncalibrated {Pct(e.UncalibratedCalibrationError)} → calibrated {Pct(e.CalibrationError)}");
        var curve = new Table().Title("accuracy vs coverage (abstain below threshold)").AddColumns("--abstain", "coverage", "accuracy");
        foreach (var (t, c, a) in e.Curve) curve.AddRow(F(t, "0.0"), Pct(c), Pct(a));
        AnsiConsole.Write(curve);
    }

    /// <summary>file, truth, prediction, probability, space group and crystal system (truth and predicted), closest reference and its cosine.</summary>
    public static string PerPatternRows(PredictionEvaluation e)
    {
        var sb = new StringBuilder("file\ttruth\tprediction\tprobability\tspace_group_truth\tspace_group\tcrystal_system_truth\tcrystal_system\treference\tcosine\n");
        foreach (var (t, p) in e.Scored)
        {
            var level = p.BravaisLattices.Count > 0 ? PredictionLevel.BravaisLattice : e.Model.Primary;
            var best = p.At(level)[0];
            var sm = p.Evidence.SearchMatch?.Best;
            sb.Append(FormattableString.Invariant(
                $"{t.Id}\t{PredictionEvaluation.TruthLabel(t, level)}\t{best.Label}\t{best.Probability:0.####}\t{t.SpaceGroup}\t{p.SpaceGroup}\t{t.System.ToString().ToLowerInvariant()}\t{p.CrystalSystem?.ToString().ToLowerInvariant()}\t{sm?.Id}\t{sm?.Cosine:0.###}\n"));
        }
        return sb.ToString();
    }

    public static string CurveRows(PredictionEvaluation e) =>
        string.Join('\n', ["threshold\tcoverage\taccuracy", .. e.Curve.Select(x => FormattableString.Invariant($"{x.Threshold}\t{x.Coverage:0.####}\t{x.Accuracy:0.####}"))]) + "\n";

    /// <summary>The ranked references of every pattern of a search–match model.</summary>
    public static string NeighbourRows(PredictionEvaluation e)
    {
        var sb = new StringBuilder("file\trank\treference\tlattice\tspace_group\tcosine\tscale\tscore\tstrain\n");
        foreach (var (t, p) in e.Scored)
            if (p.Evidence.SearchMatch is { } sm)
                for (var i = 0; i < sm.Neighbours.Count; i++)
                {
                    var nb = sm.Neighbours[i];
                    sb.Append(FormattableString.Invariant($"{t.Id}\t{i + 1}\t{nb.Id}\t{nb.Lattice}\t{nb.SpaceGroup}\t{nb.Cosine:0.#####}\t{nb.DScale:0.####}\t{nb.Score:0.#####}\t{nb.CellChange:0.#####}\n"));
                }
        return sb.ToString();
    }
}
