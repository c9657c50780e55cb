using Bravais.Analysis.Peaks;
using ScottPlot;

namespace Bravais.Cli.Plotting;

/// <summary>PNG of a peak search: the data, the SNIP background, the fitted model and a tick at every peak (primary line).</summary>
public static class PeakSearchPlot
{
    public static void Save(string path, PeakSearchResult result, int width = 1400, int height = 600)
    {
        var plot = new Plot();
        plot.Title($"{Path.GetFileName(result.Source)}: {result.Peaks.Count} peaks ({result.Radiation})");
        plot.XLabel("2θ (°)");
        plot.YLabel("intensity");
        var data = plot.Add.ScatterLine(result.TwoThetaDegrees, result.Intensity);
        data.LegendText = "data";
        data.Color = Colors.Gray;
        var background = plot.Add.ScatterLine(result.TwoThetaDegrees, result.Background);
        background.LegendText = "background (SNIP)";
        background.Color = Colors.Green;
        var model = plot.Add.ScatterLine(result.TwoThetaDegrees, result.Model);
        model.LegendText = "fit (pseudo-Voigt)";
        model.Color = Colors.Navy;
        var top = result.Intensity.DefaultIfEmpty(1).Max();
        foreach (var p in result.Peaks)
        {
            var i = Array.BinarySearch(result.TwoThetaDegrees, p.TwoThetaDegrees);
            if (i < 0) i = Math.Clamp(~i, 0, result.TwoThetaDegrees.Length - 1);
            var y = result.Background[i] + p.Height;
            var tick = plot.Add.Line(p.TwoThetaDegrees, y + 0.02 * top, p.TwoThetaDegrees, y + 0.06 * top);
            tick.LineColor = Colors.DarkRed;
            tick.LineWidth = 1.5f;
        }
        plot.ShowLegend();
        plot.SavePng(path, width, height);
    }
}
