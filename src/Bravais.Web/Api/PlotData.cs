using System.Text.Json.Nodes;
using Bravais.Analysis.Prediction;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;

namespace Bravais.Web.Api;

/// <summary>
/// What the page draws for one pattern (<c>?plot=1</c>), all on one 2θ axis: the file's own 2θ at its wavelength (for a
/// file in Q or d, 2θ at the model's wavelength). Series: the measured counts (thinned to at most
/// <see cref="MaxLinePoints"/> points by keeping each bucket's lowest and highest point, so no peak is lost), the SNIP
/// background, the cleaned pattern on the model grid (scaled to the tallest background-free count), the found peaks
/// (placed on the measured curve), the tick marks of the best indexed cell, and the closest reference's sticks (its d
/// divided by the d-scale it matched at). Points the axis cannot reach (d below λ/2) are left out.
/// </summary>
internal static class PlotData
{
    public const int MaxLinePoints = 4000;

    public static JsonObject Build(MeasuredPattern measured, PatternPrediction prediction, IPatternPredictor predictor)
    {
        var modelWavelength = predictor.Summary.Instrument.WavelengthAngstrom;
        var axisWavelength = measured.Kind == Abscissa.TwoThetaDegrees && measured.WavelengthAngstrom is { } w ? w : modelWavelength;
        double FromD(double d) => Bragg.TwoThetaDegrees(d, axisWavelength);

        var mx = new double[measured.Count];
        for (var i = 0; i < mx.Length; i++)
            mx[i] = measured.Kind == Abscissa.TwoThetaDegrees ? measured.X[i] : FromD(measured.DSpacingAngstrom(i));
        var (x, y) = Sorted(mx, measured.Intensity);
        var plot = new JsonObject
        {
            ["wavelengthAngstrom"] = Math.Round(axisWavelength, 6),
            ["radiation"] = measured.Kind == Abscissa.TwoThetaDegrees ? measured.Radiation?.Name : predictor.Summary.Instrument.Radiation.Name,
            ["measured"] = Line(Thin((x, y), MaxLinePoints)),
        };

        if (prediction.Evidence.Cleaned is { } pre)
        {
            double FromModel(double t) => FromD(Bragg.DSpacingAngstrom(t, pre.Model.WavelengthAngstrom));
            var bx = pre.TwoThetaModelDegrees.Select(FromModel).ToArray();
            plot["background"] = Line(Thin(Sorted(bx, pre.Background), MaxLinePoints));
            var tallest = 0.0;
            for (var i = 0; i < pre.Raw.Length; i++) tallest = Math.Max(tallest, pre.Raw[i] - pre.Background[i]);
            var grid = pre.Model.Grid.Values();
            var cx = new List<double>(); var cy = new List<double>();
            for (var c = 0; c < grid.Length; c++)
            {
                if (!pre.Covered[c]) continue;
                var t = FromModel(grid[c]);
                if (double.IsFinite(t)) { cx.Add(t); cy.Add(pre.Values[c] * tallest); }
            }
            plot["cleaned"] = Line(Thin(Sorted(cx.ToArray(), cy.ToArray()), MaxLinePoints));
        }

        if (prediction.Evidence.Peaks is { Count: > 0 } peaks)
            plot["peaks"] = new JsonArray(peaks.Select(p => FromD(p.DSpacingAngstrom)).Where(double.IsFinite).Order()
                .Select(t => (JsonNode)new JsonObject { ["x"] = R(t), ["y"] = Significant(Interpolate(x, y, t)) }).ToArray());

        if (prediction.Evidence.Indexing is { Count: > 0 } indexing)
        {
            var best = indexing[0];
            plot["ticks"] = new JsonObject
            {
                ["label"] = FormattableString.Invariant($"{best.Lattice} a={best.A:0.####} b={best.B:0.####} c={best.C:0.####} α={best.Alpha:0.##} β={best.Beta:0.##} γ={best.Gamma:0.##}"),
                ["x"] = Numbers(best.TickTwoThetaDegrees.Where(double.IsFinite).Order()),
            };
        }

        if (prediction.Evidence.SearchMatch is { } sm && predictor is IReferencePatterns references && references.Reference(sm.Best.Id) is { } reference)
        {
            var sticks = reference.DSpacingAngstrom.Select((d, i) => (X: FromD(d / sm.Best.DScale), I: reference.Intensity[i]))
                .Where(s => double.IsFinite(s.X)).OrderBy(s => s.X).ToArray();
            plot["reference"] = new JsonObject
            {
                ["id"] = reference.Id,
                ["lattice"] = reference.Lattice.ToString(),
                ["spaceGroup"] = reference.SpaceGroup,
                ["dScale"] = R(sm.Best.DScale),
                ["x"] = Numbers(sticks.Select(s => s.X)),
                ["intensity"] = Numbers(sticks.Select(s => s.I), Significant),
            };
        }
        return plot;
    }

    /// <summary>Points in increasing x, dropping those whose x is not finite.</summary>
    internal static (double[] X, double[] Y) Sorted(double[] x, double[] y)
    {
        var order = Enumerable.Range(0, x.Length).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).OrderBy(i => x[i]).ToArray();
        return (order.Select(i => x[i]).ToArray(), order.Select(i => y[i]).ToArray());
    }

    /// <summary>
    /// At most <paramref name="maxPoints"/> points: the x range cut into maxPoints/2 buckets by index, each keeping its
    /// lowest and highest point in their original order, so every peak top and valley floor stays.
    /// </summary>
    internal static (double[] X, double[] Y) Thin((double[] X, double[] Y) line, int maxPoints)
    {
        var (x, y) = line;
        if (x.Length <= maxPoints) return line;
        var buckets = maxPoints / 2;
        var tx = new List<double>(maxPoints); var ty = new List<double>(maxPoints);
        for (var b = 0; b < buckets; b++)
        {
            int from = (int)((long)b * x.Length / buckets), to = (int)((long)(b + 1) * x.Length / buckets);
            if (to <= from) continue;
            int lo = from, hi = from;
            for (var i = from; i < to; i++) { if (y[i] < y[lo]) lo = i; if (y[i] > y[hi]) hi = i; }
            foreach (var i in lo == hi ? [lo] : lo < hi ? new[] { lo, hi } : [hi, lo]) { tx.Add(x[i]); ty.Add(y[i]); }
        }
        return (tx.ToArray(), ty.ToArray());
    }

    /// <summary>y at <paramref name="t"/> by linear interpolation (the nearest end outside the range; 0 for no points).</summary>
    internal static double Interpolate(double[] x, double[] y, double t)
    {
        if (x.Length == 0) return 0;
        var i = Array.BinarySearch(x, t);
        if (i >= 0) return y[i];
        i = ~i;
        if (i == 0) return y[0];
        if (i == x.Length) return y[^1];
        var f = (t - x[i - 1]) / (x[i] - x[i - 1]);
        return y[i - 1] + f * (y[i] - y[i - 1]);
    }

    private static JsonObject Line((double[] X, double[] Y) line) => new() { ["x"] = Numbers(line.X), ["y"] = Numbers(line.Y, Significant) };

    private static JsonArray Numbers(IEnumerable<double> values) => Numbers(values, R);

    private static JsonArray Numbers(IEnumerable<double> values, Func<double, JsonNode?> round) => new(values.Select(round).ToArray());

    /// <summary>Angles: four decimals (well below any step); non-finite numbers, which JSON cannot hold, become null.</summary>
    private static JsonNode? R(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 4)) : null;

    /// <summary>Intensities: six significant digits, whatever their scale.</summary>
    private static JsonNode? Significant(double v) =>
        double.IsFinite(v) ? JsonValue.Create(double.Parse(v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)) : null;
}
