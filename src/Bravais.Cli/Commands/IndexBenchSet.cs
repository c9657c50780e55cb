using Bravais.Analysis.Extinction.Evaluation;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Verification;
using Bravais.Diffraction.Augmentation;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;

namespace Bravais.Cli.Commands;

/// <summary>
/// The crystals and patterns of <c>bench index</c>: Materials Project crystals of one held-out part
/// (<see cref="DevelopmentSet"/>: the project's <see cref="Bravais.Diffraction.Datasets.HoldOutSplit"/> by structure
/// prototype), drawn as laboratory Cu Kα measurements by the project's <see cref="MeasuredStyleRenderer"/> with the
/// extinction benchmark's settings (<see cref="BenchmarkPattern"/>: no cell mismatch, since the volume is scored).
/// </summary>
public static class IndexBenchSet
{
    /// <summary>A measured-like Cu Kα scan (5–90°, 0.02°) of a structure; a second phase from <paramref name="impurity"/> when the renderer draws one.</summary>
    public static MeasuredPattern Render(Structure structure, Random rng, Func<Random, Structure?>? impurity = null)
    {
        var (d, i) = Sticks(structure);
        var grid = BenchmarkPattern.Grid;
        var counts = new double[grid.Count];
        MeasuredStyleRenderer.Render(d, i, r => impurity?.Invoke(r) is { } other ? Sticks(other) : null, Radiation.CuKa, grid, BenchmarkPattern.Augmentation, rng, counts);
        var x = new double[grid.Count];
        for (var k = 0; k < x.Length; k++) x[k] = grid[k];
        return new MeasuredPattern(structure.Id, Abscissa.TwoThetaDegrees, x, counts, null, Radiation.CuKa,
            new Dictionary<string, string> { ["rendered-from"] = structure.Id });
    }

    private static (double[] D, double[] I) Sticks(Structure structure)
    {
        var peaks = new PowderCalculator(new PowderOptions { Radiation = Radiation.CuKa, TwoThetaMaxDegrees = 92 }).Calculate(structure).Peaks;
        return ([.. peaks.Select(p => p.DSpacingAngstrom)], [.. peaks.Select(p => p.Intensity)]);
    }

    /// <summary>Volume of the primitive cell: the P1 cell's volume over its number of lattice points (pure translations that map the structure onto itself).</summary>
    public static double PrimitiveVolume(Structure structure)
    {
        var atoms = AtomIndex.Of(structure, 0.05);
        var translations = SymmetryFinder.FindOperations(atoms, [[1, 0, 0, 0, 1, 0, 0, 0, 1]]).Count;
        return structure.Volume / Math.Max(translations, 1);
    }
}
