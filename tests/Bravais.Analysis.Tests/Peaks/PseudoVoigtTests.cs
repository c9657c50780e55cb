using Bravais.Analysis.Peaks;
using Xunit;

namespace Bravais.Analysis.Tests.Peaks;

public sealed class PseudoVoigtTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Has_unit_area_and_half_maximum_at_half_width(double eta)
    {
        const double w = 0.1;
        double area = 0;
        for (var x = -200.0; x <= 200.0; x += 0.0005) area += PseudoVoigt.Value(x, 0, w, eta) * 0.0005;
        Assert.Equal(1.0, area, 2); // the Lorentzian tail beyond ±200 Γ·... holds ~0.03 % of the area
        Assert.Equal(0.5 * PseudoVoigt.Value(0, 0, w, eta), PseudoVoigt.Value(w / 2, 0, w, eta), 10);
        Assert.Equal(PseudoVoigt.HeightPerArea(w, eta), PseudoVoigt.Value(0, 0, w, eta), 10);
    }

    [Fact]
    public void Analytic_derivatives_match_finite_differences()
    {
        const double x = 20.03, x0 = 20.0, w = 0.08, eta = 0.35, h = 1e-7;
        PseudoVoigt.Evaluate(x, x0, w, eta, out var dx0, out var dw, out var de);
        Assert.Equal((PseudoVoigt.Value(x, x0 + h, w, eta) - PseudoVoigt.Value(x, x0 - h, w, eta)) / (2 * h), dx0, 4);
        Assert.Equal((PseudoVoigt.Value(x, x0, w + h, eta) - PseudoVoigt.Value(x, x0, w - h, eta)) / (2 * h), dw, 4);
        Assert.Equal((PseudoVoigt.Value(x, x0, w, eta + h) - PseudoVoigt.Value(x, x0, w, eta - h)) / (2 * h), de, 4);
    }
}
