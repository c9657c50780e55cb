using Bravais.Analysis.Peaks;
using Bravais.Diffraction.Physics;

namespace Bravais.Analysis.Tests.Peaks;

/// <summary>Seeded synthetic diffractometer scans: pseudo-Voigt peaks (with their Kα2 twins when the lines are a doublet), a background and Poisson counts.</summary>
internal static class SyntheticScans
{
    public sealed record Line(double TwoThetaDegrees, double Area);

    public static (double[] X, double[] Y) Render(IEnumerable<Line> peaks, Radiation lines, double fwhm, double eta,
        Func<double, double> background, int? seed, double from = 10, double to = 80, double step = 0.01)
    {
        var n = (int)Math.Round((to - from) / step) + 1;
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++) { x[i] = from + i * step; y[i] = background(x[i]); }
        foreach (var p in peaks)
        {
            for (var i = 0; i < n; i++) y[i] += p.Area * PseudoVoigt.Value(x[i], p.TwoThetaDegrees, fwhm, eta);
            if (lines.IsDoublet)
            {
                var t2 = lines.SecondaryTwoThetaDegrees(p.TwoThetaDegrees);
                for (var i = 0; i < n; i++) y[i] += lines.SecondaryRatio * p.Area * PseudoVoigt.Value(x[i], t2, fwhm, eta);
            }
        }
        if (seed is int s)
        {
            var rng = new Random(s);
            for (var i = 0; i < n; i++) y[i] = Poisson(rng, y[i]);
        }
        return (x, y);
    }

    public static double Poisson(Random rng, double mean)
    {
        if (mean > 40)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            return Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * normal));
        }
        var limit = Math.Exp(-mean);
        var k = 0;
        var product = rng.NextDouble();
        while (product > limit) { k++; product *= rng.NextDouble(); }
        return k;
    }
}
