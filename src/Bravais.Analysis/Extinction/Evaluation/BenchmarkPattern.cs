using Bravais.Analysis.Cleaning;
using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Augmentation;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;

namespace Bravais.Analysis.Extinction.Evaluation;

/// <summary>
/// The measured-like pattern of a development crystal: its Cu Kα sticks (PowderCalculator, 0–100 scale) drawn as a
/// laboratory measurement on 5–90° in 0.02° steps by the project's <see cref="MeasuredStyleRenderer"/>, then the
/// background removed with the project's SNIP, as a user's pipeline would; σ from the raw counts. Augmentation as
/// <see cref="MeasuredAugmentation.Default"/> (texture, intensity jitter, a second phase now and then, Caglioti widths with
/// an axial tail, zero shift and displacement, background, hump, 300–20 000 counts) except what models a reference that
/// differs from the measured crystal, which an indexed cell does not: no cell mismatch, no per-peak position jitter, no
/// weak peaks taken out (weak lines stay, buried in the noise as they would be); peaks are pseudo-Voigt (η up to 0.6) with
/// Scherrer broadening of 40–400 nm crystallites.
/// </summary>
public static class BenchmarkPattern
{
    public static AngleGrid Grid { get; } = AngleGrid.FromRange(5, 90, 0.02);

    public static MeasuredAugmentation Augmentation { get; } = MeasuredAugmentation.Default with
    {
        CellMismatchMax = 0, PeakPositionJitter = 0, MissingWeakPeaks = 0,
        LorentzianFractionMax = 0.6, CrystalliteSizeMinNm = 40, CrystalliteSizeMaxNm = 400,
    };

    /// <summary>The background-subtracted pattern; <paramref name="impurity"/> draws the second phase's structure when the renderer asks for one.</summary>
    public static ObservedPattern Render(Structure structure, Random rng, Func<Random, Structure?>? impurity = null)
    {
        var (d, i) = Sticks(structure);
        var counts = new double[Grid.Count];
        MeasuredStyleRenderer.Render(d, i, r => impurity?.Invoke(r) is { } other ? Sticks(other) : null, Radiation.CuKa, Grid, Augmentation, rng, counts);
        var background = SnipBackground.Estimate(counts, SnipBackground.WindowPoints(2.0, Grid.StepDegrees));
        var x = new double[Grid.Count];
        var net = new double[Grid.Count];
        var sigma = new double[Grid.Count];
        for (var k = 0; k < counts.Length; k++)
        {
            x[k] = Grid[k];
            net[k] = counts[k] - background[k];
            sigma[k] = Math.Sqrt(Math.Max(counts[k], 1));
        }
        return new ObservedPattern(x, net, sigma);
    }

    private static (double[] D, double[] I) Sticks(Structure structure)
    {
        var peaks = new PowderCalculator(new PowderOptions { Radiation = Radiation.CuKa, TwoThetaMaxDegrees = 92 }).Calculate(structure).Peaks;
        return ([.. peaks.Select(p => p.DSpacingAngstrom)], [.. peaks.Select(p => p.Intensity)]);
    }
}
