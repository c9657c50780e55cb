using Bravais.Analysis.Extinction;
using Bravais.Crystallography.Numerics;
using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;
using Bravais.Diffraction.Profiles;

namespace Bravais.Analysis.Tests.Extinction;

/// <summary>
/// Test patterns made with the Diffraction layer's own calculator and profile renderer (not the extraction's code):
/// sticks at Cu Kα1 and Kα2 (half intensity), pseudo-Voigt with Caglioti widths, Poisson counts on a flat background
/// that is subtracted exactly, so that every difference from the truth is the extraction's.
/// </summary>
internal static class CleanPatterns
{
    public const double U = 0.004, V = -0.002, W = 0.003, Eta = 0.5;

    public static ObservedPattern Render(Structure structure, int seed, double peakCounts = 2e5, double zeroShift = 0, double step = 0.02)
    {
        var cu = Anodes.Find("Cu")!;
        var n = (int)Math.Round((90 - 8) / step) + 1;
        var x = Enumerable.Range(0, n).Select(i => 8 + i * step).ToArray();
        var y = new double[n];
        var profile = new PseudoVoigtProfile(U, V, W, Eta);
        foreach (var (wavelength, ratio) in new[] { (cu.KAlpha1Angstrom, 1.0), (cu.KAlpha2Angstrom, 0.5) })
        {
            var sticks = new PowderCalculator(new PowderOptions { Radiation = Radiation.FromWavelength(wavelength), Scaled = false, TwoThetaMaxDegrees = 91 }).Calculate(structure);
            var tt = sticks.Peaks.Select(p => p.TwoThetaDegrees + zeroShift).ToArray();
            var intensity = sticks.Peaks.Select(p => p.Intensity * ratio).ToArray();
            var part = new double[n];
            ProfileRenderer.Render(tt, intensity, x, profile, part, ProfileNormalisation.Area);
            for (var i = 0; i < n; i++) y[i] += part[i];
        }
        var max = y.Max();
        var rng = new Random(seed);
        const double background = 200;
        var net = new double[n];
        var sigma = new double[n];
        for (var i = 0; i < n; i++)
        {
            var counts = rng.NextPoisson(peakCounts * y[i] / max + background);
            net[i] = counts - background;
            sigma[i] = Math.Sqrt(Math.Max(counts, 1));
        }
        return new ObservedPattern(x, net, sigma);
    }

    /// <summary>Σ over the block's reflections (and Friedel mates) of |F|², the quantity an extracted block intensity estimates up to one scale.</summary>
    public static double TrueBlockIntensity(Structure structure, ExtractedBlock block) =>
        block.Reflections.Sum(h => 2 * Math.Pow(StructureFactor.Compute(structure, new MillerIndices(h.H, h.K, h.L)).Magnitude, 2));
}
