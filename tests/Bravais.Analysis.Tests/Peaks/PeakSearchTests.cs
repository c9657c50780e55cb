using Bravais.Analysis.Peaks;
using Bravais.Diffraction.Physics;
using Xunit;

namespace Bravais.Analysis.Tests.Peaks;

public sealed class PeakSearchTests
{
    private static readonly SyntheticScans.Line[] Lines =
    [
        new(18.300, 40), new(25.650, 120), new(31.120, 25), new(37.880, 80),
        new(44.210, 60), new(52.470, 15), new(61.930, 45), new(74.350, 30),
    ];

    [Fact]
    public void Finds_every_doublet_in_Poisson_noise_with_position_width_and_area()
    {
        const double fwhm = 0.09, eta = 0.4;
        var cu = Radiation.CuKa;
        var (x, y) = SyntheticScans.Render(Lines, cu, fwhm, eta, t => 60 + 0.5 * (80 - t), seed: 7);
        var result = PeakSearch.Find("synthetic", x, y, cu);
        Assert.Equal(Lines.Length, result.Peaks.Count); // no Kα2 twin or noise spike reported as a peak
        foreach (var truth in Lines)
        {
            var p = result.Peaks.MinBy(p => Math.Abs(p.TwoThetaDegrees - truth.TwoThetaDegrees))!;
            // a fraction of the 0.01° step, and consistent with its own esd
            Assert.InRange(p.TwoThetaDegrees - truth.TwoThetaDegrees, -0.004, 0.004);
            Assert.InRange(p.TwoThetaEsdDegrees, 1e-5, 0.004);
            Assert.True(Math.Abs(p.TwoThetaDegrees - truth.TwoThetaDegrees) < 4 * p.TwoThetaEsdDegrees + 1e-4);
            Assert.InRange(p.FwhmDegrees, 0.85 * fwhm, 1.15 * fwhm);
            Assert.InRange(p.IntegratedIntensity, 0.85 * truth.Area, 1.15 * truth.Area);
            Assert.Equal(Bragg.DSpacingAngstrom(p.TwoThetaDegrees, cu.PrimaryAngstrom), p.DSpacingAngstrom, 12);
        }
    }

    [Fact]
    public void Separates_two_single_line_peaks_one_width_apart_in_a_noiseless_pattern()
    {
        var single = Radiation.FromWavelength(1.0);
        SyntheticScans.Line[] pair = [new(30.00, 10), new(30.08, 6), new(50.0, 10)];
        var (x, y) = SyntheticScans.Render(pair, single, fwhm: 0.08, eta: 0.3, _ => 0, seed: null, step: 0.005);
        var peaks = PeakSearch.Find("pair", x, y, single).Peaks;
        Assert.Equal(3, peaks.Count);
        Assert.Equal(30.00, peaks[0].TwoThetaDegrees, 3);
        Assert.Equal(30.08, peaks[1].TwoThetaDegrees, 3);
        Assert.Equal(0.6, peaks[1].IntegratedIntensity / peaks[0].IntegratedIntensity, 2);
    }

    [Fact]
    public void A_flat_noisy_pattern_and_an_amorphous_hump_give_no_peaks()
    {
        var rng = new Random(3);
        var x = Enumerable.Range(0, 7001).Select(i => 10 + i * 0.01).ToArray();
        var flat = x.Select(_ => SyntheticScans.Poisson(rng, 200)).ToArray();
        Assert.Empty(PeakSearch.Find("flat", x, flat, Radiation.CuKa).Peaks);
        var hump = x.Select(t => SyntheticScans.Poisson(rng, 100 + 400 * Math.Exp(-0.5 * Math.Pow((t - 24) / 5, 2)))).ToArray();
        Assert.Empty(PeakSearch.Find("hump", x, hump, Radiation.CuKa).Peaks);
    }

    [Theory]
    [InlineData(1.5418, true)]   // RRUFF's Cu Kα
    [InlineData(1.54184, true)]  // pymatgen's Cu Kα mean
    [InlineData(1.5406, false)]  // Kα1 only
    [InlineData(0.7107, true)]   // Mo Kα mean
    [InlineData(0.4, false)]     // synchrotron
    public void A_stated_Ka_mean_is_read_as_a_doublet(double wavelength, bool doublet) =>
        Assert.Equal(doublet, RadiationLines.ForPeakSearch(Radiation.FromWavelength(wavelength)).IsDoublet);

    [Fact]
    public void The_Ka2_twin_follows_Braggs_law()
    {
        var cu = Radiation.CuKa;
        var d = Bragg.DSpacingAngstrom(60, cu.PrimaryAngstrom);
        Assert.Equal(Bragg.TwoThetaDegrees(d, cu.SecondaryAngstrom!.Value), cu.SecondaryTwoThetaDegrees(60), 10);
        // the derivative matches a finite difference
        var h = 1e-5;
        Assert.Equal((cu.SecondaryTwoThetaDegrees(60 + h) - cu.SecondaryTwoThetaDegrees(60 - h)) / (2 * h), cu.SecondaryDerivative(60), 6);
    }
}
