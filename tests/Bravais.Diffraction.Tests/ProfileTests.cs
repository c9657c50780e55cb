using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Profiles;
using Xunit;

namespace Bravais.Diffraction.Tests;

/// <summary>Profile shapes: heights, areas and widths measured on fine grids against their closed forms.</summary>
public class ProfileTests
{
    private static readonly AngleGrid Fine = AngleGrid.FromRange(0, 100, 0.001);

    private static double[] RenderOne(PeakProfile profile, double centre, double intensity, ProfileNormalisation norm, AngleGrid grid)
    {
        var y = new double[grid.Count];
        ProfileRenderer.Render([centre], [intensity], grid, profile, y, norm);
        return y;
    }

    private static double Integrate(double[] y, double step) => y.Sum() * step;

    /// <summary>Full width at half maximum measured from the samples (linear interpolation at both half-height crossings).</summary>
    private static double MeasuredFwhm(double[] y, AngleGrid grid)
    {
        var max = y.Max();
        var iMax = Array.IndexOf(y, max);
        var half = max / 2;
        int lo = iMax, hi = iMax;
        while (y[lo] > half) lo--;
        while (y[hi] > half) hi++;
        var left = grid[lo] + (half - y[lo]) / (y[lo + 1] - y[lo]) * grid.StepDegrees;
        var right = grid[hi - 1] + (y[hi - 1] - half) / (y[hi - 1] - y[hi]) * grid.StepDegrees;
        return right - left;
    }

    [Fact]
    public void Gaussian_by_sigma_has_height_I_area_I_sigma_root_2pi_and_fwhm_2_355_sigma()
    {
        var y = RenderOne(new GaussianProfile(0.2), 45.0, 70.0, ProfileNormalisation.Height, Fine);
        Assert.Equal(70.0, y.Max(), 9);
        Assert.Equal(70.0 * 0.2 * Math.Sqrt(2 * Math.PI), Integrate(y, Fine.StepDegrees), 6);
        Assert.Equal(2 * Math.Sqrt(2 * Math.Log(2)) * 0.2, MeasuredFwhm(y, Fine), 5);
    }

    [Fact]
    public void Gaussian_by_fwhm_and_area_normalisation()
    {
        var profile = GaussianProfile.FromFwhm(0.3);
        Assert.Equal(0.3, profile.FwhmDegrees(30), 12);
        var y = RenderOne(profile, 30.0, 5.0, ProfileNormalisation.Area, Fine);
        Assert.Equal(5.0, Integrate(y, Fine.StepDegrees), 6);
        Assert.Equal(0.3, MeasuredFwhm(y, Fine), 5);
    }

    [Fact]
    public void Gaussian_recurrence_equals_direct_evaluation_including_far_tails()
    {
        var grid = AngleGrid.Nano281;
        double[] centres = [10.123, 44.9, 89.97, 0.2, 95.0];
        double[] heights = [100, 37.5, 12, 3, 50];
        var y = new double[grid.Count];
        ProfileRenderer.Render(centres, heights, grid, new GaussianProfile(0.2), y);
        for (var i = 0; i < grid.Count; i++)
        {
            var expected = 0.0;
            for (var p = 0; p < centres.Length; p++)
                expected += heights[p] * Math.Exp(-Math.Pow(grid[i] - centres[p], 2) / (2 * 0.2 * 0.2));
            Assert.True(Math.Abs(expected - y[i]) <= 1e-12 * expected + 1e-300, $"grid {grid[i]}: {expected} vs {y[i]}");
        }
    }

    [Fact]
    public void Lorentzian_has_its_fwhm_and_area_pi_gamma_over_2()
    {
        var profile = new LorentzianProfile(0.25);
        var y = RenderOne(profile, 50.0, 10.0, ProfileNormalisation.Height, Fine);
        Assert.Equal(10.0, y.Max(), 9);
        Assert.Equal(0.25, MeasuredFwhm(y, Fine), 5);
        // the grid holds ±50° of the tails: area π Γ/2 · (2/π) atan(2·50/Γ) of the full area
        var truncated = 10.0 * Math.PI * 0.25 / 2 * (2 / Math.PI) * Math.Atan(2 * 50.0 / 0.25);
        Assert.Equal(truncated, Integrate(y, Fine.StepDegrees), 4);
    }

    [Fact]
    public void Pseudo_voigt_width_follows_caglioti_and_area_normalises()
    {
        var profile = new PseudoVoigtProfile(u: 0.02, v: -0.01, w: 0.01, eta: 0.4);
        var centre = 60.0;
        var t = Math.Tan(centre * Math.PI / 360);
        var h = Math.Sqrt(0.02 * t * t - 0.01 * t + 0.01);
        Assert.Equal(h, profile.FwhmDegrees(centre), 12);
        var y = RenderOne(profile, centre, 1.0, ProfileNormalisation.Height, Fine);
        Assert.Equal(1.0, y.Max(), 6);
        Assert.Equal(h, MeasuredFwhm(y, Fine), 4);
        var area = RenderOne(profile, centre, 1.0, ProfileNormalisation.Area, Fine);
        var lorentzTail = 0.4 * (1 - 2 / Math.PI * Math.Atan(2 * 40.0 / h)); // Lorentzian share outside the grid
        Assert.Equal(1.0 - lorentzTail, Integrate(area, Fine.StepDegrees), 4);
    }

    [Fact]
    public void Invalid_profiles_are_refused()
    {
        Assert.Throws<DiffractionException>(() => new GaussianProfile(0));
        Assert.Throws<DiffractionException>(() => new LorentzianProfile(-1));
        Assert.Throws<DiffractionException>(() => new PseudoVoigtProfile(0, 0, 0.01, 1.5));
        Assert.Throws<DiffractionException>(() => new PseudoVoigtProfile(0, 0, -1, 0.5).FwhmDegrees(30));
    }
}
