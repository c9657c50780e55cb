using Bravais.Analysis.Prediction;
using ScottPlot;

namespace Bravais.Cli.Commands;

/// <summary>PNG of one measured pattern: the data (in the model's 2θ), the SNIP background, and the cleaned pattern on the model grid.</summary>
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
        plot.Title($"{Path.GetFileName(prediction.Source)}: {label} ({100 * prediction.Best.Probability:0}%)");
        plot.XLabel("2θ (°) at the model's wavelength");
        plot.YLabel("intensity");
        plot.ShowLegend();
        plot.SavePng(path, 1000, 450);
    }
}
