using Bravais.Analysis.Peaks;
using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;

namespace Bravais.Cli.Commands;

/// <summary>
/// TEMPORARY (bench harness only): renders a laboratory-looking Cu Kα scan of a structure for <c>bench index</c>, until
/// the lead's unified measured-style renderer in Bravais.Diffraction replaces it. Per pattern, uniformly drawn:
/// Caglioti widths (W 0.002–0.02 deg², U = W·[0, 2], V = −W·[0, 0.5]), pseudo-Voigt η 0.2–0.8, Kα2 at half intensity,
/// zero shift ±0.05°, sample displacement ±0.08° (Δ2θ = −s cos θ), intensity jitter (log-normal σ 0.2, texture),
/// weak lines (&lt; 3 % of the strongest) lost with probability 0.4, with probability 0.5 one or two impurity lines of
/// 2–8 %, a smooth background with an amorphous hump, and Poisson counts (1e3–3e4 at the strongest peak).
/// 2θ 5–90°, step 0.02°. Deterministic for a seed.
/// </summary>
public static class MeasuredLikeRenderer
{
    public const double Start = 5, Stop = 90, Step = 0.02;

    public static MeasuredPattern Render(Structure structure, int seed)
    {
        var rng = new Random(seed);
        var cu = EmissionLines.CopperKAlpha;
        var calculator = new PowderCalculator(new PowderOptions { Radiation = Radiation.FromWavelength(cu.PrimaryAngstrom), TwoThetaMinDegrees = 1, TwoThetaMaxDegrees = Stop + 1 });
        var peaks = calculator.Calculate(structure).Peaks;
        var n = (int)Math.Round((Stop - Start) / Step) + 1;
        var x = new double[n]; var y = new double[n];
        for (var i = 0; i < n; i++) x[i] = Start + i * Step;
        var w = U(rng, 0.002, 0.02); var u = w * U(rng, 0, 2); var v = -w * U(rng, 0, 0.5);
        var eta = U(rng, 0.2, 0.8);
        var zero = U(rng, -0.05, 0.05);
        var displacement = U(rng, -0.08, 0.08);
        var max = peaks.Length > 0 ? peaks.Max(p => p.Intensity) : 1;
        foreach (var p in peaks)
        {
            var height = p.Intensity / max;
            if (height < 0.03 && rng.NextDouble() < 0.4) continue;
            height *= Math.Exp(0.2 * Normal(rng));
            AddLine(p.TwoThetaDegrees, height, x, y, u, v, w, eta, zero, displacement, cu);
        }
        if (rng.NextDouble() < 0.5)
        {
            var impurities = 1 + rng.Next(2);
            for (var k = 0; k < impurities; k++) AddLine(U(rng, 12, 70), U(rng, 0.02, 0.08), x, y, u, v, w, eta, 0, 0, cu);
        }
        var top = y.Max();
        if (!(top > 0)) top = 1;
        var counts = Math.Exp(U(rng, Math.Log(1e3), Math.Log(3e4)));
        var c0 = U(rng, 0.01, 0.15); var c1 = U(rng, -0.5, 0.5) * c0;
        var hump = U(rng, 0, 0.1); var humpAt = U(rng, 18, 30); var humpSigma = U(rng, 4, 8);
        for (var i = 0; i < n; i++)
        {
            var t = (x[i] - Start) / (Stop - Start);
            var background = c0 * (1 - t) * (1 - t) + Math.Abs(c1) * t + hump * Math.Exp(-0.5 * Math.Pow((x[i] - humpAt) / humpSigma, 2));
            y[i] = Poisson(rng, counts * (y[i] / top + background) + 1);
        }
        return new MeasuredPattern(structure.Id, Abscissa.TwoThetaDegrees, x, y, null, Anodes.Find("Cu")!.KAlphaMeanAngstrom,
            new Dictionary<string, string> { ["rendered-from"] = structure.Id });
    }

    private static void AddLine(double twoTheta, double height, double[] x, double[] y, double u, double v, double w, double eta, double zero, double displacement, EmissionLines lines)
    {
        foreach (var (position, weight) in new[] { (twoTheta, 1.0), (lines.SecondaryTwoThetaDegrees(twoTheta), lines.SecondaryRatio) })
        {
            if (!double.IsFinite(position)) continue;
            var theta = position * Math.PI / 360;
            var t = position + zero - displacement * Math.Cos(theta);
            var tan = Math.Tan(theta);
            var fwhm = Math.Sqrt(Math.Max(u * tan * tan + v * tan + w, 1e-4));
            var area = height * weight / PseudoVoigt.HeightPerArea(fwhm, eta);
            var lo = Math.Max(0, (int)((t - 12 * fwhm - Start) / Step));
            var hi = Math.Min(x.Length - 1, (int)((t + 12 * fwhm - Start) / Step) + 1);
            for (var i = lo; i <= hi; i++) y[i] += area * PseudoVoigt.Value(x[i], t, fwhm, eta);
        }
    }

    private static double U(Random rng, double lo, double hi) => lo + (hi - lo) * rng.NextDouble();
    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double Poisson(Random rng, double mean)
    {
        if (mean > 40) return Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * Normal(rng)));
        var limit = Math.Exp(-mean); var k = 0; var p = rng.NextDouble();
        while (p > limit) { k++; p *= rng.NextDouble(); }
        return k;
    }
}
