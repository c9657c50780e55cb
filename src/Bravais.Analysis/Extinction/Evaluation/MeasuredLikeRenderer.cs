using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Numerics;
using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;
using Bravais.Diffraction.Preprocessing;

namespace Bravais.Analysis.Extinction.Evaluation;

/// <summary>A rendered measured-like pattern: the background-subtracted pattern with counting σ, the raw counts, the
/// peaks a good peak search would report, and the instrument truth (zero shift, Caglioti, η).</summary>
public sealed record RenderedPattern(ObservedPattern Pattern, double[] RawCounts, IReadOnlyList<ObservedPeak> Peaks, double ZeroShiftDegrees, double U, double V, double W, double Eta);

/// <summary>
/// LOCAL STAND-IN for the measured-style renderer the lead is adding to Bravais.Diffraction; replace it by that one when
/// merged. Renders a structure as a laboratory Cu Kα pattern (2θ 5–90°, step 0.02°): PowderCalculator sticks at Kα1 and
/// at Kα2 (half intensity), pseudo-Voigt peaks with Caglioti widths and a wider low-angle side, zero shift and sample
/// displacement, March–Dollase preferred orientation about a random direction, a few weak impurity lines now and then,
/// a polynomial background with an amorphous hump, Poisson counts; the background is then removed with the project's
/// SNIP, as a user's pipeline would. The reported peaks are the lines a good peak search resolves (Kα1 positions with
/// small errors, widths, integrated intensities of Kα1 + Kα2). Deterministic for a given <see cref="Random"/>.
/// </summary>
public static class MeasuredLikeRenderer
{
    public const double StartDegrees = 5, StopDegrees = 90, StepDegrees = 0.02;

    public static RenderedPattern Render(Structure structure, Random rng)
    {
        var cu = Anodes.Find("Cu")!;
        double[] lambdas = [cu.KAlpha1Angstrom, cu.KAlpha2Angstrom];
        var n = (int)Math.Round((StopDegrees - StartDegrees) / StepDegrees) + 1;
        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = StartDegrees + i * StepDegrees;
        var y = new double[n];

        var w = rng.NextUniform(0.002, 0.012);
        var u = w * rng.NextUniform(0, 3);
        var v = -Math.Min(w * rng.NextUniform(0, 0.8), 0.9 * 2 * Math.Sqrt(u * w));
        var eta = rng.NextUniform(0.2, 0.7);
        var asymmetry = rng.NextUniform(0, 0.6);
        var zero = rng.NextUniform(-0.04, 0.04);
        var displacement = rng.NextUniform(-0.04, 0.04);
        var r = rng.NextUniform(0.8, 1.0);
        var axis = new Vec3(rng.NextNormal(), rng.NextNormal(), rng.NextNormal());
        axis /= axis.Length;
        var reciprocal = structure.Lattice.ReciprocalCrystallographic().Matrix;

        var sticks = new List<(double TwoTheta, double Integrated, double Fwhm)>();
        for (var line = 0; line < 2; line++)
        {
            var calculator = new PowderCalculator(new PowderOptions { Radiation = Radiation.FromWavelength(lambdas[line]), Scaled = false, TwoThetaMaxDegrees = StopDegrees + 1 });
            foreach (var peak in calculator.Calculate(structure).Peaks)
            {
                var h = peak.Families[0].Representative;
                var g = new Vec3(h.H, h.K, h.L) * reciprocal;
                var cos = g.Length > 0 ? Math.Abs(g.Dot(axis)) / g.Length : 0;
                var po = Math.Pow(r * r * cos * cos + (1 - cos * cos) / r, -1.5);
                var theta = peak.TwoThetaDegrees * Math.PI / 360;
                var position = peak.TwoThetaDegrees + zero - displacement * Math.Cos(theta);
                var fwhm = Fwhm(u, v, w, position);
                var intensity = peak.Intensity * po * (line == 0 ? 1 : Anode.KAlpha2Ratio);
                AddPeak(x, y, position, intensity, fwhm, eta, asymmetry);
                if (line == 0) sticks.Add((position, intensity * (1 + Anode.KAlpha2Ratio), fwhm));
            }
        }
        var max = y.Max();
        if (!(max > 0)) max = 1;
        if (rng.NextDouble() < 0.3)
            for (var k = rng.Next(1, 5); k > 0; k--)
            {
                var position = rng.NextUniform(15, 85);
                var fwhm = Fwhm(u, v, w, position);
                AddPeak(x, y, position, rng.NextUniform(0.01, 0.05) * max * fwhm, fwhm, eta, asymmetry);
            }
        var counts = Math.Exp(rng.NextUniform(Math.Log(3e3), Math.Log(1e5)));
        double c0 = rng.NextUniform(0.02, 0.2), c1 = rng.NextUniform(-0.5, 0.5) * c0, hump = rng.NextUniform(0, 0.1);
        double humpAt = rng.NextUniform(18, 30), humpSigma = rng.NextUniform(4, 8);
        var raw = new double[n];
        for (var i = 0; i < n; i++)
        {
            var t = (x[i] - StartDegrees) / (StopDegrees - StartDegrees);
            var background = c0 * (1 - t) * (1 - t) + c1 * t * (1 - t) + 0.3 * c0 + hump * Math.Exp(-0.5 * Math.Pow((x[i] - humpAt) / humpSigma, 2));
            raw[i] = rng.NextPoisson(counts * (y[i] / max + Math.Max(background, 0)) + 2);
        }
        var bg = SnipBackground.Estimate(raw, SnipBackground.WindowPoints(2.0, StepDegrees));
        var net = new double[n];
        var sigma = new double[n];
        for (var i = 0; i < n; i++) { net[i] = raw[i] - bg[i]; sigma[i] = Math.Sqrt(Math.Max(raw[i], 1)); }

        var peaks = ReportedPeaks(sticks, counts / max, rng, StepDegrees);
        return new RenderedPattern(new ObservedPattern(x, net, sigma), raw, peaks, zero, u, v, w, eta);
    }

    private static double Fwhm(double u, double v, double w, double twoTheta)
    {
        var t = Math.Tan(twoTheta * Math.PI / 360);
        return Math.Sqrt(Math.Max(u * t * t + v * t + w, 1e-4));
    }

    /// <summary>Adds a unit-area-scaled pseudo-Voigt of integrated intensity <paramref name="area"/>, wider below the centre at low angles.</summary>
    private static void AddPeak(double[] x, double[] y, double centre, double area, double fwhm, double eta, double asymmetry)
    {
        var low = centre < 40 ? 1 + asymmetry * (40 - centre) / 35 : 1;
        var span = 12 * fwhm * low;
        int from = Math.Max(0, (int)((centre - span - StartDegrees) / StepDegrees)), to = Math.Min(x.Length - 1, (int)((centre + span - StartDegrees) / StepDegrees) + 1);
        var height = area / (fwhm * (1 + low) / 2 * (eta * Math.PI / 2 + (1 - eta) * 1.0644670194312262));
        for (var i = from; i <= to; i++)
        {
            var d = x[i] - centre;
            var h = d < 0 ? fwhm * low : fwhm;
            var z = 2 * d / h;
            y[i] += height * (eta / (1 + z * z) + (1 - eta) * Math.Exp(-Math.Log(2) * z * z));
        }
    }

    /// <summary>What a good peak search reports: lines whose height stands 5σ above the noise, merged when closer than
    /// half a FWHM, with errors of ~1 % of the FWHM in position, 5 % in width and 3 % in intensity.</summary>
    private static List<ObservedPeak> ReportedPeaks(List<(double TwoTheta, double Integrated, double Fwhm)> sticks, double countsPerUnit, Random rng, double step)
    {
        sticks.Sort((a, b) => a.TwoTheta.CompareTo(b.TwoTheta));
        var merged = new List<(double TwoTheta, double Integrated, double Fwhm)>();
        foreach (var s in sticks)
        {
            if (merged.Count > 0 && s.TwoTheta - merged[^1].TwoTheta < 0.5 * s.Fwhm)
            {
                var m = merged[^1];
                var total = m.Integrated + s.Integrated;
                merged[^1] = ((m.TwoTheta * m.Integrated + s.TwoTheta * s.Integrated) / Math.Max(total, 1e-300), total, Math.Max(m.Fwhm, s.Fwhm));
            }
            else merged.Add(s);
        }
        var result = new List<ObservedPeak>();
        foreach (var (position, integrated, fwhm) in merged)
        {
            var heightCounts = integrated * countsPerUnit / (1.5 * fwhm);
            if (heightCounts < 5 * Math.Sqrt(Math.Max(heightCounts, 10) + 100)) continue;
            result.Add(new ObservedPeak(position + 0.01 * fwhm * rng.NextNormal(), integrated * (1 + 0.03 * rng.NextNormal()), fwhm * (1 + 0.05 * rng.NextNormal()),
                IntensityEsd: 0.03 * integrated, TwoThetaEsdDegrees: 0.01 * fwhm + 0.1 * step));
        }
        return result;
    }
}
