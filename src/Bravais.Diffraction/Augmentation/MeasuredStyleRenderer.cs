using Bravais.Crystallography.Numerics;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Profiles;

namespace Bravais.Diffraction.Augmentation;

/// <summary>
/// Renders a stick pattern (d-spacings and intensities) as a laboratory measurement on a 2θ grid, with every line of
/// the radiation (Kα1 and Kα2 at their weights), drawing from <see cref="MeasuredAugmentation"/>: cell mismatch and
/// per-peak jitter, intensity jitter, March–Dollase preferred orientation (a random axis: each peak a random angle to it),
/// lost weak peaks, an optional second phase, Caglioti widths (optionally a Lorentzian fraction and Scherrer size
/// broadening) with a low-angle axial-divergence tail, zero shift and sample displacement, a polynomial background with an
/// amorphous hump, and Poisson counting noise. Deterministic for a given <see cref="Random"/>; the draws come in a fixed
/// order. Used for the search–match calibration queries, the neural model's training data and the example patterns.
/// </summary>
public static class MeasuredStyleRenderer
{
    /// <summary>A second phase chosen with the same random source (its d-spacings and intensities), or null for none.</summary>
    public delegate (double[] D, double[] I)? PhaseSource(Random rng);

    /// <summary>Writes counts on <paramref name="grid"/> into <paramref name="counts"/> (length = grid count).</summary>
    public static void Render(ReadOnlySpan<double> dSpacingAngstrom, ReadOnlySpan<double> intensity, PhaseSource? impurity,
        Radiation radiation, AngleGrid grid, MeasuredAugmentation a, Random rng, Span<double> counts)
    {
        if (counts.Length != grid.Count) throw new DiffractionException($"counts have {counts.Length} points for a grid of {grid.Count}");
        if (dSpacingAngstrom.Length != intensity.Length) throw new DiffractionException("stick d-spacings and intensities differ in length");
        counts.Clear();
        var w = rng.NextUniform(a.CagliotiWMin, a.CagliotiWMax);
        var shape = new Shape(
            U: w * rng.NextUniform(0, 2), V: -w * rng.NextUniform(0, 0.5), W: w,
            Asymmetry: rng.NextUniform(0, a.AsymmetryMax),
            Zero: rng.NextUniform(-a.ZeroShiftMaxDegrees, a.ZeroShiftMaxDegrees),
            Displacement: rng.NextUniform(-a.DisplacementMaxDegrees, a.DisplacementMaxDegrees),
            Eta: a.LorentzianFractionMax > 0 ? rng.NextUniform(0, a.LorentzianFractionMax) : 0,
            SizeNm: a.CrystalliteSizeMaxNm > 0 ? Math.Exp(rng.NextUniform(Math.Log(a.CrystalliteSizeMinNm), Math.Log(a.CrystalliteSizeMaxNm))) : 0);

        AddPhase(dSpacingAngstrom, intensity, 1.0, a, rng, radiation, grid, shape, counts);
        if (rng.NextDouble() < a.ImpurityProbability && impurity?.Invoke(rng) is { } phase)
            AddPhase(phase.D, phase.I, rng.NextUniform(0.02, a.ImpurityFractionMax), a, rng, radiation, grid, shape, counts);

        var max = 0.0;
        foreach (var v in counts) max = Math.Max(max, v);
        if (max <= 0) max = 1;
        var scale = Math.Exp(rng.NextUniform(Math.Log(a.CountsMin), Math.Log(a.CountsMax)));
        var c0 = rng.NextUniform(0, a.BackgroundMax); var c1 = rng.NextUniform(-1, 1) * c0 * 0.5; var c2 = rng.NextUniform(0, 1) * c0;
        var hump = rng.NextUniform(0, a.AmorphousHumpMax); var humpAt = rng.NextUniform(18, 30); var humpSigma = rng.NextUniform(4, 8);
        var span = grid.StopDegrees - grid.StartDegrees;
        for (var i = 0; i < counts.Length; i++)
        {
            var x = grid[i];
            var t = span > 0 ? (x - grid.StartDegrees) / span : 0;
            var h = (x - humpAt) / humpSigma;
            var background = c0 * (1 - t) * (1 - t) + c1 * t + c2 * Math.Exp(-8 * t) + hump * Math.Exp(-0.5 * h * h);
            counts[i] = rng.NextPoisson(scale * (counts[i] / max + Math.Max(background, 0)) + 2);
        }
    }

    /// <summary>A peak list as a laboratory measurement on <paramref name="grid"/> with every line of its radiation (no second phase).</summary>
    public static double[] Render(Powder.PeakList peaks, AngleGrid grid, MeasuredAugmentation a, Random rng)
    {
        var d = new double[peaks.Count]; var i = new double[peaks.Count];
        var max = peaks.Peaks.Length == 0 ? 1 : peaks.Peaks.Max(p => p.Intensity);
        for (var k = 0; k < d.Length; k++) { d[k] = peaks.Peaks[k].DSpacingAngstrom; i[k] = 100 * peaks.Peaks[k].Intensity / max; }
        var counts = new double[grid.Count];
        Render(d, i, null, peaks.Radiation, grid, a, rng, counts);
        return counts;
    }

    /// <summary>The instrument and sample state of one measurement.</summary>
    private readonly record struct Shape(double U, double V, double W, double Asymmetry, double Zero, double Displacement, double Eta, double SizeNm);

    private static void AddPhase(ReadOnlySpan<double> d, ReadOnlySpan<double> intensity, double weight, MeasuredAugmentation a, Random rng,
        Radiation radiation, AngleGrid grid, Shape shape, Span<double> counts)
    {
        var scale = 1 + rng.NextUniform(-a.CellMismatchMax, a.CellMismatchMax);
        var r = 1 - rng.NextUniform(0, a.PreferredOrientationMax);
        var lines = radiation.Lines;
        var lineCount = a.KAlpha2 ? lines.Count : 1;
        var strongest = 0;
        for (var l = 1; l < lines.Count; l++) if (lines[l].RelativeIntensity > lines[strongest].RelativeIntensity) strongest = l;
        // preferred orientation without hkl: each peak gets a random angle α to the preferred axis; March–Dollase
        // factor (r² cos²α + sin²α / r)^(−3/2)
        for (var k = 0; k < d.Length; k++)
        {
            if (intensity[k] < 5 && rng.NextDouble() < a.MissingWeakPeaks) continue;
            var cosA = rng.NextDouble();
            var po = Math.Pow(r * r * cosA * cosA + (1 - cosA * cosA) / r, -1.5);
            var height = weight * intensity[k] * po * Math.Exp(a.IntensityJitter * rng.NextNormal());
            var dk = d[k] * scale * (1 + a.PeakPositionJitter * rng.NextNormal());
            for (var l = 0; l < lineCount; l++)
            {
                var line = lines[lineCount == 1 ? strongest : l];
                AddLine(dk, line.WavelengthAngstrom, height * line.RelativeIntensity, grid, shape, counts);
            }
        }
    }

    private static void AddLine(double d, double wavelength, double height, AngleGrid grid, Shape shape, Span<double> counts)
    {
        var theta = Bragg.ThetaRadians(d, wavelength);
        if (double.IsNaN(theta)) return;
        var t = 360 / Math.PI * theta + shape.Zero - shape.Displacement * Math.Cos(theta);
        var tan = Math.Tan(theta);
        var fwhm = Math.Sqrt(Math.Max(shape.U * tan * tan + shape.V * tan + shape.W, 1e-4));
        if (shape.SizeNm > 0)
        {
            var size = 0.9 * wavelength / (10 * shape.SizeNm * Math.Cos(theta)) * 180 / Math.PI;
            fwhm = Math.Sqrt(fwhm * fwhm + size * size);
        }
        var sigma = fwhm / 2.3548;
        var lowTail = t < 40 ? 1 + shape.Asymmetry * (40 - t) / 35 : 1; // wider on the low-angle side
        var gaussian = 1 - shape.Eta;
        if (gaussian > 0) GaussianPeaks.Add(counts, grid.StartDegrees, grid.StepDegrees, t, gaussian * height, sigma, reachSigmas: 5, leftSigmaDegrees: sigma * lowTail);
        if (shape.Eta > 0) LorentzianPeaks.Add(counts, grid.StartDegrees, grid.StepDegrees, t, shape.Eta * height, fwhm, reachWidths: 30, leftFwhmDegrees: fwhm * lowTail);
    }
}
