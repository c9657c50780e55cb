using Bravais.Analysis.Prediction;
using ScottPlot;

namespace Bravais.Cli.Commands;

/// <summary>PNG of one measured pattern: the data (in the model's 2θ), the SNIP background, the cleaned pattern on the model grid, and when the
/// prediction has them the fitted peaks and the tick marks of the best indexed cell.</summary>
internal static class MeasuredPatternPlot
{
    public static void Write(string path, PatternPrediction prediction, string label)
    {
        if (prediction.Evidence.Cleaned is not { } pre) return;
        var plot = new Plot();
        var raw = plot.Add.ScatterLine(pre.TwoThetaModelDegrees, pre.Raw);
        raw.LegendText = "measured";
        var background = plot.Add.ScatterLine(pre.TwoThetaModelDegrees, pre.Background);
        background.LegendText = "background (SNIP)";
        var max = pre.Raw.Length > 0 ? pre.Raw.Max() : 1;
        var grid = pre.Model.Grid.Values();
        var cleaned = plot.Add.ScatterLine(grid, pre.Values.Select((v, i) => pre.Covered[i] ? v * max : double.NaN).ToArray());
        cleaned.LegendText = "cleaned, model grid (scaled)";
        if (prediction.Evidence.Peaks is { Count: > 0 } peaks)
        {
            var found = plot.Add.ScatterPoints(peaks.Select(q => q.TwoThetaDegrees).ToArray(), peaks.Select(q => q.Intensity).ToArray());
            found.LegendText = "fitted peaks";
            found.MarkerSize = 6;
        }
        if (prediction.Evidence.Indexing is { Count: > 0 } indexing && indexing[0].TickTwoThetaDegrees.Count > 0)
        {
            var ticks = indexing[0].TickTwoThetaDegrees;
            var low = -0.04 * max;
            var marks = plot.Add.ScatterPoints(ticks.ToArray(), ticks.Select(_ => low).ToArray());
            marks.MarkerShape = MarkerShape.VerticalBar;
            marks.MarkerSize = 10;
            marks.LegendText = $"reflections of the indexed {indexing[0].Lattice} cell (M20 {indexing[0].M20:0})";
        }
        plot.Title($"{Path.GetFileName(prediction.Source)}: {label} ({100 * prediction.Best.Probability:0}%)");
        plot.XLabel("2θ (°) at the model's wavelength");
        plot.YLabel("intensity");
        plot.ShowLegend();
        plot.SavePng(path, 1000, 450);
    }
}
