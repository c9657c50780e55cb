using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Powder;
using ScottPlot;

namespace Bravais.Cli.Plotting;

/// <summary>PNG plots of simulated patterns (ScottPlot): sticks, an optional rendered profile, the strongest peaks labelled by hkl.</summary>
public static class PatternPlot
{
    public static void Save(string path, PeakList peaks, Pattern? profile, string title, int labelCount = 10, int width = 1200, int height = 600)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("2θ (°)");
        plot.YLabel(profile is null ? "intensity (strongest peak = 100)" : "intensity");
        foreach (var p in peaks.Peaks)
        {
            var line = plot.Add.Line(p.TwoThetaDegrees, 0, p.TwoThetaDegrees, p.Intensity);
            line.LineWidth = 1.5f;
            line.LineColor = profile is null ? Colors.Navy : Colors.Gray.WithAlpha(0.6);
        }
        if (profile is not null)
        {
            var scatter = plot.Add.ScatterLine(profile.TwoThetaDegrees, profile.Intensity);
            scatter.LineWidth = 1.5f;
            scatter.Color = Colors.Navy;
        }
        var yMax = Math.Max(peaks.Peaks.Select(p => p.Intensity).DefaultIfEmpty(1).Max(), profile?.Intensity.DefaultIfEmpty(0).Max() ?? 0);
        foreach (var p in peaks.Peaks.OrderByDescending(p => p.Intensity).Take(labelCount))
        {
            var y = p.Intensity;
            if (profile is not null)
            {
                // label at the rendered curve's height over the peak
                var i = NearestIndex(profile.TwoThetaDegrees, p.TwoThetaDegrees);
                y = Math.Max(y, profile.Intensity[i]);
            }
            var label = plot.Add.Text(p.Families.Count() > 0 ? p.Families[0].Representative.Format(peaks.MillerBravais) : "", p.TwoThetaDegrees, y + 0.02 * yMax);
            label.LabelFontSize = 11;
            label.LabelRotation = -90;
            label.LabelAlignment = Alignment.MiddleLeft;
            label.LabelFontColor = Colors.DarkRed;
        }
        var xMin = profile?.TwoThetaDegrees.FirstOrDefault() ?? 0;
        var xMax = profile?.TwoThetaDegrees.LastOrDefault() ?? peaks.Peaks.Select(p => p.TwoThetaDegrees).DefaultIfEmpty(90).Max();
        plot.Axes.SetLimits(Math.Min(xMin, peaks.Peaks.Select(p => p.TwoThetaDegrees).DefaultIfEmpty(xMin).Min() - 2), xMax + 2, 0, yMax * 1.18);
        plot.SavePng(path, width, height);
    }

    private static int NearestIndex(double[] x, double value)
    {
        var best = 0;
        for (var i = 1; i < x.Length; i++)
            if (Math.Abs(x[i] - value) < Math.Abs(x[best] - value)) best = i;
        return best;
    }
}
