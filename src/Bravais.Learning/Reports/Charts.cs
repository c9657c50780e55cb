using ScottPlot;

namespace Bravais.Learning.Reports;

/// <summary>The report's plots, each a pure function from numbers to a PNG file (ScottPlot).</summary>
public static class Charts
{
    private static readonly Color Blue = Color.FromHex("#1f77b4");
    private static readonly Color Orange = Color.FromHex("#ff7f0e");
    private static readonly Color Grey = Color.FromHex("#7f7f7f");
    private static readonly Color Green = Color.FromHex("#2ca02c");

    /// <summary>Bars with category labels (vertical labels when there are many).</summary>
    public static void Bars(string path, string title, string yLabel, IReadOnlyList<string> labels, IReadOnlyList<double> values, Color? color = null, double? yMax = null, IReadOnlyList<string>? barText = null)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var i = 0; i < values.Count; i++)
            bars.Add(new Bar { Position = i, Value = values[i], FillColor = color ?? Blue, Label = barText?[i] ?? "" });
        var barPlot = plot.Add.Bars(bars);
        if (barText is not null) barPlot.ValueLabelStyle.FontSize = 12;
        SetCategoryTicks(plot, labels);
        plot.Axes.Margins(bottom: 0);
        if (yMax is { } max) plot.Axes.SetLimitsY(0, max);
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.SavePng(path, Width(labels.Count), 480);
    }

    /// <summary>Two values per category side by side (e.g. recall and precision), with a legend.</summary>
    public static void PairedBars(string path, string title, string yLabel, IReadOnlyList<string> labels, string firstName, IReadOnlyList<double> first, string secondName, IReadOnlyList<double> second)
    {
        var plot = new Plot();
        var a = plot.Add.Bars(first.Select((v, i) => new Bar { Position = i - 0.2, Value = v, FillColor = Blue, Size = 0.4, LineWidth = 0 }).ToList());
        a.LegendText = firstName;
        var b = plot.Add.Bars(second.Select((v, i) => new Bar { Position = i + 0.2, Value = v, FillColor = Orange, Size = 0.4, LineWidth = 0 }).ToList());
        b.LegendText = secondName;
        SetCategoryTicks(plot, labels);
        plot.Axes.SetLimitsY(0, 109);
        plot.Axes.SetLimitsX(-0.7, labels.Count - 0.3);
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft, Orientation.Horizontal);
        plot.SavePng(path, Width(labels.Count), 480);
    }

    /// <summary>Horizontal comparison bars (models and baselines), sorted as given, value labels in percent.</summary>
    public static void Comparison(string path, string title, IReadOnlyList<string> labels, IReadOnlyList<double> accuracy, IReadOnlyList<bool> isBaseline)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var i = 0; i < labels.Count; i++)
        {
            var position = labels.Count - 1 - i;
            bars.Add(new Bar
            {
                Position = position, Value = 100 * accuracy[i], FillColor = isBaseline[i] ? Grey : Blue,
                Label = (100 * accuracy[i]).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%",
            });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 14;
        plot.Axes.Left.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)(labels.Count - 1 - i)).ToArray(), labels.ToArray());
        plot.Axes.SetLimitsX(0, Math.Max(10, 100 * accuracy.DefaultIfEmpty(0).Max() * 1.15));
        plot.Title(title);
        plot.XLabel("test accuracy (%)");
        plot.SavePng(path, 800, 120 + 40 * labels.Count);
    }

    /// <summary>One line of a validation curve: CV mean ± std and training accuracy at each x position (NaN = no such setting).</summary>
    public sealed record CurveSeries(string Label, double[] CvMean, double[] CvStd, double[] TrainMean);

    private static readonly Color[] Palette = new[] { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22" }.Select(Color.FromHex).ToArray();

    /// <summary>
    /// Validation curve: for each series (the other hyper-parameters fixed), CV accuracy (solid, mean ± std over
    /// folds) and training accuracy (dashed, same colour) against the main hyper-parameter's values.
    /// </summary>
    public static void ValidationCurve(string path, string title, string xLabel, IReadOnlyList<string> xValues, IReadOnlyList<CurveSeries> series)
    {
        var plot = new Plot();
        for (var s = 0; s < series.Count; s++)
        {
            var color = Palette[s % Palette.Length];
            var idx = Enumerable.Range(0, xValues.Count).Where(i => !double.IsNaN(series[s].CvMean[i])).ToArray();
            var xs = idx.Select(i => (double)i).ToArray();
            var name = string.IsNullOrEmpty(series[s].Label) ? "" : $" ({series[s].Label})";
            var cv = plot.Add.Scatter(xs, idx.Select(i => 100 * series[s].CvMean[i]).ToArray());
            cv.LegendText = "CV held-out fold" + name; cv.Color = color; cv.MarkerSize = 8; cv.LineWidth = 2;
            var error = plot.Add.ErrorBar(xs, idx.Select(i => 100 * series[s].CvMean[i]).ToArray(), idx.Select(i => 100 * series[s].CvStd[i]).ToArray());
            error.Color = color;
            var train = plot.Add.Scatter(xs, idx.Select(i => 100 * series[s].TrainMean[i]).ToArray());
            train.LegendText = "training folds" + name; train.Color = color; train.MarkerSize = 6; train.LineWidth = 1.5f;
            train.LinePattern = LinePattern.Dashed; train.MarkerShape = MarkerShape.OpenCircle;
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, xValues.Count).Select(i => (double)i).ToArray(), xValues.ToArray());
        plot.Axes.SetLimitsY(0, 105);
        plot.Axes.SetLimitsX(-0.5, xValues.Count - 0.5);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("accuracy (%)");
        plot.ShowLegend(Alignment.MiddleRight);
        plot.Legend.FontSize = 11;
        plot.SavePng(path, Math.Max(720, 110 * xValues.Count), 500);
    }

    public static void LearningCurve(string path, string title, IReadOnlyList<double> rows, IReadOnlyList<double> train, IReadOnlyList<double> validation)
    {
        var plot = new Plot();
        var t = plot.Add.Scatter(rows.ToArray(), train.Select(v => 100 * v).ToArray());
        t.LegendText = "training rows"; t.Color = Orange; t.MarkerSize = 8; t.LineWidth = 2;
        var v = plot.Add.Scatter(rows.ToArray(), validation.Select(x => 100 * x).ToArray());
        v.LegendText = "validation split"; v.Color = Blue; v.MarkerSize = 8; v.LineWidth = 2;
        plot.Axes.SetLimitsY(0, 100);
        plot.Axes.SetLimitsX(0, rows.DefaultIfEmpty(1).Max() * 1.05);
        plot.Title(title);
        plot.XLabel("training rows");
        plot.YLabel("accuracy (%)");
        plot.ShowLegend(Alignment.MiddleRight);
        plot.SavePng(path, 720, 460);
    }

    /// <summary>Row-normalised confusion matrix (each row sums to 100% of that true class); true classes top to bottom.</summary>
    public static void Confusion(string path, string title, IReadOnlyList<string> classes, int[][] matrix)
    {
        var k = classes.Count;
        var data = new double[k, k];
        for (var a = 0; a < k; a++)
        {
            var total = matrix[a].Sum();
            for (var p = 0; p < k; p++) data[a, p] = total > 0 ? 100.0 * matrix[a][p] / total : double.NaN;
        }
        var plot = new Plot();
        var heat = plot.Add.Heatmap(data);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        heat.ManualRange = new ScottPlot.Range(0, 100);
        heat.Extent = new CoordinateRect(-0.5, k - 0.5, -0.5, k - 0.5);
        var bar = plot.Add.ColorBar(heat);
        bar.Label = "% of true class";
        if (k <= 30)
        {
            for (var a = 0; a < k; a++)
                for (var p = 0; p < k; p++)
                    if (matrix[a][p] > 0)
                    {
                        var text = plot.Add.Text(((int)Math.Round(data[a, p])).ToString(System.Globalization.CultureInfo.InvariantCulture), p, k - 1 - a);
                        text.LabelFontSize = k <= 14 ? 12 : 8;
                        text.LabelFontColor = data[a, p] > 55 ? Colors.Black : Colors.White;
                        text.LabelAlignment = Alignment.MiddleCenter;
                    }
            var positions = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
            plot.Axes.Bottom.SetTicks(positions, classes.ToArray());
            plot.Axes.Left.SetTicks(positions.Select(x => k - 1 - x).ToArray(), classes.ToArray());
        }
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.Title(title);
        plot.XLabel("predicted");
        plot.YLabel("true");
        var size = Math.Clamp(40 * k + 200, 640, 1400);
        plot.SavePng(path, size + 120, size);
    }

    /// <summary>Importance per 2θ bin (bars) over the mean training pattern (line, right axis).</summary>
    public static void Importance(string path, string title, double[] twoTheta, double[] importance, double[] meanPattern)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        var width = twoTheta.Length > 1 ? twoTheta[1] - twoTheta[0] : 1;
        for (var i = 0; i < twoTheta.Length; i++)
            bars.Add(new Bar { Position = twoTheta[i], Value = 100 * importance[i], FillColor = importance[i] >= 0 ? Green : Grey, Size = width * 0.9, LineWidth = 0 });
        plot.Add.Bars(bars);
        var line = plot.Add.Scatter(twoTheta, meanPattern);
        line.Color = Color.FromHex("#d62728").WithAlpha(0.8); line.MarkerSize = 0; line.LineWidth = 1.5f; line.LegendText = "mean training pattern (scaled, right axis)";
        line.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "mean scaled intensity";
        plot.Title(title);
        plot.XLabel("2θ (degrees)");
        plot.YLabel("accuracy drop when shuffled (percentage points)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 460);
    }

    private static void SetCategoryTicks(Plot plot, IReadOnlyList<string> labels)
    {
        var positions = Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray();
        if (labels.Count <= 40)
        {
            plot.Axes.Bottom.SetTicks(positions, labels.ToArray());
            if (labels.Count > 16)
            {
                plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
                plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
                plot.Axes.Bottom.MinimumSize = 12 + 8 * labels.Max(l => l.Length);
            }
        }
        else
        {
            var step = (int)Math.Ceiling(labels.Count / 25.0);
            var idx = positions.Where((_, i) => i % step == 0).ToArray();
            plot.Axes.Bottom.SetTicks(idx, idx.Select(i => labels[(int)i]).ToArray());
        }
    }

    private static int Width(int categories) => Math.Clamp(60 + 45 * categories, 640, 1600);
}
