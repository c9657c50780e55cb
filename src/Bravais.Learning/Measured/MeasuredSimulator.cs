using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;

namespace Bravais.Learning.Measured;

/// <summary>
/// Makes a measured-looking powder pattern (2θ 5–90°, step 0.02°, Cu Kα, counts) from one reference crystal of a
/// <see cref="ReferenceLibrary"/>, applying <see cref="MeasuredAugmentation"/>: cell mismatch and per-peak jitter,
/// intensity jitter, March–Dollase preferred orientation, an impurity phase, lost weak peaks, Caglioti widths with
/// low-angle asymmetry, zero shift and sample displacement, the Kα2 doublet, a polynomial background with an
/// amorphous hump, and Poisson counting noise. Deterministic for a given <see cref="Random"/>. Used to produce
/// the validation queries on which the measured model is calibrated.
/// </summary>
public static class MeasuredSimulator
{
    public const double StartDegrees = 5, StopDegrees = 90, StepDegrees = 0.02;

    public static MeasuredPattern Simulate(ReferenceLibrary library, int entry, MeasuredAugmentation a, Random rng, string source)
    {
        var cu = Anodes.Find("Cu")!;
        var n = (int)Math.Round((StopDegrees - StartDegrees) / StepDegrees) + 1;
        var x = new double[n]; var y = new double[n];
        for (var i = 0; i < n; i++) x[i] = StartDegrees + i * StepDegrees;

        var w = U(rng, a.CagliotiWMin, a.CagliotiWMax);
        var u = w * U(rng, 0, 2); var v = -w * U(rng, 0, 0.5);
        var asym = U(rng, 0, a.AsymmetryMax);
        var zero = U(rng, -a.ZeroShiftMaxDegrees, a.ZeroShiftMaxDegrees);
        var displacement = U(rng, -a.DisplacementMaxDegrees, a.DisplacementMaxDegrees);

        AddPhase(library, entry, 1.0, a, rng, x, y, cu, u, v, w, asym, zero, displacement);
        if (rng.NextDouble() < a.ImpurityProbability)
            AddPhase(library, rng.Next(library.Count), U(rng, 0.02, a.ImpurityFractionMax), a, rng, x, y, cu, u, v, w, asym, zero, displacement);

        var max = y.Max();
        if (max <= 0) max = 1;
        var counts = Math.Exp(U(rng, Math.Log(a.CountsMin), Math.Log(a.CountsMax)));
        var c0 = U(rng, 0, a.BackgroundMax); var c1 = U(rng, -1, 1) * c0 * 0.5; var c2 = U(rng, 0, 1) * c0;
        var hump = U(rng, 0, a.AmorphousHumpMax); var humpAt = U(rng, 18, 30); var humpSigma = U(rng, 4, 8);
        for (var i = 0; i < n; i++)
        {
            var t = (x[i] - StartDegrees) / (StopDegrees - StartDegrees);
            var background = c0 * (1 - t) * (1 - t) + c1 * t + c2 * Math.Exp(-8 * t) + hump * Math.Exp(-0.5 * Math.Pow((x[i] - humpAt) / humpSigma, 2));
            var mean = counts * (y[i] / max + Math.Max(background, 0)) + 2;
            y[i] = Poisson(rng, mean);
        }
        return new MeasuredPattern(source, Abscissa.TwoThetaDegrees, x, y, null, Radiation.CuKa, new Dictionary<string, string> { ["simulated-from"] = library.Ids[entry] });
    }

    private static void AddPhase(ReferenceLibrary library, int entry, double weight, MeasuredAugmentation a, Random rng, double[] x, double[] y, Anode cu,
        double u, double v, double w, double asym, double zero, double displacement)
    {
        var d = library.DSpacings(entry); var I = library.Intensities(entry);
        var scale = 1 + U(rng, -a.CellMismatchMax, a.CellMismatchMax);
        var r = 1 - U(rng, 0, a.PreferredOrientationMax);
        // preferred orientation without hkl: a random direction in "peak index space" — each peak gets a random
        // angle α to the preferred axis; March–Dollase factor (r² cos²α + sin²α / r)^(−3/2)
        for (var k = 0; k < d.Length; k++)
        {
            if (I[k] < 5 && rng.NextDouble() < a.MissingWeakPeaks) continue;
            var cosA = rng.NextDouble();
            var po = Math.Pow(r * r * cosA * cosA + (1 - cosA * cosA) / r, -1.5);
            var height = weight * I[k] * po * Math.Exp(a.IntensityJitter * Normal(rng));
            var dk = d[k] * scale * (1 + a.PeakPositionJitter * Normal(rng));
            AddLine(dk, cu.KAlpha1Angstrom, height, x, y, u, v, w, asym, zero, displacement);
            if (a.KAlpha2) AddLine(dk, cu.KAlpha2Angstrom, 0.5 * height, x, y, u, v, w, asym, zero, displacement);
        }
    }

    private static void AddLine(double d, double lambda, double height, double[] x, double[] y, double u, double v, double w, double asym, double zero, double displacement)
    {
        var s = lambda / (2 * d);
        if (s >= 1) return;
        var theta = Math.Asin(s);
        var t = 2 * theta * 180 / Math.PI + zero - displacement * Math.Cos(theta);
        var tan = Math.Tan(theta);
        var fwhm = Math.Sqrt(Math.Max(u * tan * tan + v * tan + w, 1e-4));
        var sigma = fwhm / 2.3548;
        var lowTail = t < 40 ? 1 + asym * (40 - t) / 35 : 1; // wider on the low-angle side
        var lo = (int)Math.Floor((t - 5 * sigma * lowTail - StartDegrees) / StepDegrees);
        var hi = (int)Math.Ceiling((t + 5 * sigma - StartDegrees) / StepDegrees);
        for (var i = Math.Max(lo, 0); i <= Math.Min(hi, x.Length - 1); i++)
        {
            var dx = x[i] - t;
            var sg = dx < 0 ? sigma * lowTail : sigma;
            y[i] += height * Math.Exp(-0.5 * dx * dx / (sg * sg));
        }
    }

    private static double U(Random rng, double lo, double hi) => lo + (hi - lo) * rng.NextDouble();
    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double Poisson(Random rng, double mean)
    {
        if (mean > 50) return Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * Normal(rng)));
        var l = Math.Exp(-mean); var k = 0; var p = 1.0;
        do { k++; p *= rng.NextDouble(); } while (p > l);
        return k - 1;
    }
}
