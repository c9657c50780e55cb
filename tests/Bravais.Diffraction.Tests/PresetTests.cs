using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;
using Bravais.Diffraction.Profiles;
using Xunit;

namespace Bravais.Diffraction.Tests;

public class PresetTests
{
    [Fact]
    public void Nano281_is_the_sum_of_gaussians_of_sigma_0_2_over_the_scaled_cu_ka_sticks()
    {
        var preset = PatternPresets.Nano281;
        Assert.Equal(new AngleGrid(0.5, 0.5, 180), preset.Grid);
        Assert.Equal(1.54184, preset.Radiation.WavelengthAngstrom);
        foreach (var structure in new[] { StructureFixtures.NaCl(), StructureFixtures.Monoclinic(), StructureFixtures.Magnesium() })
        {
            var sticks = new PowderCalculator().Calculate(structure);
            var pattern = preset.Render(structure);
            Assert.Equal(180, pattern.Count);
            for (var i = 0; i < 180; i++)
            {
                var x = 0.5 * (i + 1);
                Assert.Equal(x, pattern.TwoThetaDegrees[i], 12);
                var y = sticks.Peaks.Sum(p => p.Intensity * Math.Exp(-Math.Pow(x - p.TwoThetaDegrees, 2) / (2 * 0.2 * 0.2)));
                Assert.True(Math.Abs(y - pattern.Intensity[i]) <= 1e-10 * Math.Max(1, y), $"{structure.Id} 2θ={x}: {y} vs {pattern.Intensity[i]}");
            }
        }
    }

    [Fact]
    public void Nano281_keeps_peak_heights_unnormalised_so_overlaps_can_exceed_100()
    {
        // two equal strong peaks 0.1° apart add to nearly 200 at the grid point between them
        var y = new double[180];
        ProfileRenderer.Render([45.05, 44.95], [100, 100], AngleGrid.Nano281, new GaussianProfile(0.2), y);
        Assert.Equal(200 * Math.Exp(-0.05 * 0.05 / 0.08), y[89], 9);
    }

    [Fact]
    public void Presets_are_found_by_name()
    {
        Assert.Same(PatternPresets.Nano281, PatternPresets.ByName("NANO281"));
        Assert.Throws<DiffractionException>(() => PatternPresets.ByName("nope"));
    }
}
