using Bravais.Diffraction.Augmentation;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;

namespace Bravais.Analysis.SearchMatch;

/// <summary>
/// A measured-looking powder pattern (Cu Kα, 2θ 5–90° in 0.02° steps, counts) of one reference crystal of a
/// <see cref="ReferenceLibrary"/>, rendered by <see cref="MeasuredStyleRenderer"/> with a random other reference as the
/// optional impurity phase. Used to produce the validation queries on which the measured model is calibrated.
/// </summary>
public static class MeasuredSimulator
{
    /// <summary>The grid of the simulated measurements: 2θ 5–90° in 0.02° steps.</summary>
    public static AngleGrid Grid { get; } = AngleGrid.FromRange(5, 90, 0.02);

    public static MeasuredPattern Simulate(ReferenceLibrary library, int entry, MeasuredAugmentation a, Random rng, string source)
    {
        var radiation = Radiation.CuKa;
        var counts = new double[Grid.Count];
        var (d, i) = Sticks(library, entry);
        MeasuredStyleRenderer.Render(d, i, r => Sticks(library, r.Next(library.Count)), radiation, Grid, a, rng, counts);
        return new MeasuredPattern(source, Abscissa.TwoThetaDegrees, Grid.Values(), counts, null, radiation,
            new Dictionary<string, string> { ["simulated-from"] = library.Ids[entry] });
    }

    private static (double[] D, double[] I) Sticks(ReferenceLibrary library, int entry)
    {
        var d = library.DSpacings(entry); var i = library.Intensities(entry);
        var dd = new double[d.Length]; var ii = new double[i.Length];
        for (var k = 0; k < d.Length; k++) { dd[k] = d[k]; ii[k] = i[k]; }
        return (dd, ii);
    }
}
