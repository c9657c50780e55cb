namespace Bravais.Analysis.Tests.Cleaning;

/// <summary>Gaussian peaks on a grid, for tests that need a pattern with known content.</summary>
internal static class SyntheticPeaks
{
    public static double[] Grid(double start, double stop, double step)
    {
        var n = (int)Math.Round((stop - start) / step) + 1;
        return Enumerable.Range(0, n).Select(i => start + i * step).ToArray();
    }

    public static double Gaussian(double x, double centre, double sigma, double height) =>
        height * Math.Exp(-0.5 * (x - centre) * (x - centre) / (sigma * sigma));

    public static double[] Peaks(double[] x, (double Centre, double Height)[] peaks, double sigma) =>
        x.Select(v => peaks.Sum(p => Gaussian(v, p.Centre, sigma, p.Height))).ToArray();
}
