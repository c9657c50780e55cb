using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Patterns;
using Bravais.Learning.Data;
using Bravais.Learning.Models;
using Bravais.Learning.Features;

namespace Bravais.Learning.Tests;

/// <summary>
/// Small labelled datasets made by the tests themselves: each class c has four Gaussian peaks
/// (σ = 0.2°, as NANO281) at 2θ = 12 + 6c + 14j (j = 0..3), shifted per pattern by up to ±jitter degrees,
/// with random heights, sampled on the NANO281 grid and scaled to a maximum of 100.
/// Class c is given Bravais lattice c (NANO281 order) and a space group of that lattice.
/// </summary>
public static class SyntheticPatterns
{
    // one space group per Bravais lattice, in NANO281 order (aP mP mS oP oS oI oF tP tI hP hR cP cI cF)
    public static readonly int[] SpaceGroupOf = [2, 14, 15, 62, 63, 71, 69, 123, 139, 194, 166, 221, 229, 225];

    public static PatternDataset Make(int classes, int perClass, int seed, double jitterDegrees = 0.6, AngleGrid? grid = null)
    {
        var g = grid ?? AngleGrid.Nano281;
        var random = new Random(seed);
        var n = classes * perClass;
        var x = new FeatureMatrix(n, g.Count);
        var ids = new string[n]; var formulas = new string[n]; var groups = new int[n]; var lattices = new BravaisLattice[n];
        var row = 0;
        for (var i = 0; i < perClass; i++)
            for (var c = 0; c < classes; c++)
            {
                var y = x.Row(row);
                var shift = (random.NextDouble() * 2 - 1) * jitterDegrees;
                for (var j = 0; j < 4; j++)
                    AddGaussian(y, g, 12 + 6 * c + 14 * j + shift, 0.2, 20 + 80 * random.NextDouble());
                var max = 0f;
                foreach (var v in y) max = Math.Max(max, v);
                for (var k = 0; k < y.Length; k++) y[k] *= 100 / max;
                ids[row] = $"syn-{seed}-{row}";
                formulas[row] = $"X{c + 1}O{i % 3 + 1}";
                groups[row] = SpaceGroupOf[c];
                lattices[row] = (BravaisLattice)c;
                row++;
            }
        return new PatternDataset(ids, formulas, groups, lattices, x, Diffraction.Profiles.PatternPresets.InstrumentFor(g));
    }

    public static void AddGaussian(Span<float> y, AngleGrid grid, double centreDegrees, double sigmaDegrees, double height)
    {
        for (var k = 0; k < y.Length; k++)
        {
            var d = (grid[k] - centreDegrees) / sigmaDegrees;
            y[k] += (float)(height * Math.Exp(-0.5 * d * d));
        }
    }
}
