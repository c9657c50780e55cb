namespace Bravais.Analysis.Extinction;

/// <summary>
/// The expected intensity of a line: K · n · exp(−2B s²) for n members let through, s = sin θ/λ, with K and B fitted by
/// least squares to the logarithm of the mean intensity per reflection in shells of s² (blocks counted under one group,
/// B clamped to 0–15 Å², which covers the fall-off of atomic form factors and thermal motion together).
/// </summary>
internal sealed record WilsonModel(double Scale, double B, double OutlierScale)
{
    public double Mean(int present, double s) => present == 0 ? 0 : Scale * present * Math.Exp(-2 * B * s * s);

    public static WilsonModel Fit(ExtractedIntensities x, int group)
    {
        var lines = x.Lines!;
        var points = new List<(double S2, double J, double N)>();
        for (var b = 0; b < x.Blocks.Length; b++)
        {
            double n = 0, s2 = 0;
            foreach (var l in x.BlockLines[b]) { n += lines.Present[l][group]; s2 += lines.Present[l][group] * x.LineS[l] * x.LineS[l]; }
            if (n > 0) points.Add((s2 / n, x.Blocks[b].Intensity, n));
        }
        if (points.Count == 0) return new WilsonModel(1, 0, 1);
        points.Sort((p, q) => p.S2.CompareTo(q.S2));
        var shells = Math.Clamp(points.Count / 12, 1, 10);
        var xs = new List<double>(); var ys = new List<double>(); var ws = new List<double>();
        for (var i = 0; i < shells; i++)
        {
            var slice = points.GetRange(i * points.Count / shells, (i + 1) * points.Count / shells - i * points.Count / shells);
            var sumJ = slice.Sum(p => Math.Max(p.J, 0));
            var sumN = slice.Sum(p => p.N);
            if (sumJ <= 0 || sumN <= 0) continue;
            xs.Add(slice.Average(p => p.S2)); ys.Add(Math.Log(sumJ / sumN)); ws.Add(slice.Count);
        }
        double b2 = 0, logK;
        if (xs.Count >= 2)
        {
            double sw = ws.Sum(), mx = xs.Zip(ws, (a, w) => a * w).Sum() / sw, my = ys.Zip(ws, (a, w) => a * w).Sum() / sw;
            double sxx = 0, sxy = 0;
            for (var i = 0; i < xs.Count; i++) { sxx += ws[i] * (xs[i] - mx) * (xs[i] - mx); sxy += ws[i] * (xs[i] - mx) * (ys[i] - my); }
            b2 = sxx > 0 ? Math.Clamp(-sxy / sxx / 2, 0, 15) : 0;
            logK = my + 2 * b2 * mx;
        }
        else logK = ys.Count > 0 ? ys[0] : 0;
        var scale = Math.Exp(logK);
        // the outlier component: an exponential as broad as the strongest typical block
        var typical = points.Select(p => Math.Abs(p.J)).Order().ElementAt((int)(0.9 * (points.Count - 1)));
        return new WilsonModel(scale, b2, Math.Max(typical, 1e-300));
    }
}
