using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;
using Bravais.Analysis.Cleaning;
using Xunit;

namespace Bravais.Analysis.Tests.Cleaning;

public class KAlpha2StrippingTests
{
    [Fact]
    public void RemovesTheKAlpha2TwinOfASyntheticCuDoublet()
    {
        var cu = Anodes.Find("Cu")!;
        var x = SyntheticPeaks.Grid(20, 100, 0.005);
        double[] alpha1Centres = [28.44, 47.30, 56.12, 88.03];
        var alpha1 = SyntheticPeaks.Peaks(x, alpha1Centres.Select(c => (c, 1000.0)).ToArray(), 0.04);
        // each Kα2 twin from Bragg's law at λ₂ with half the height
        var twins = alpha1Centres.Select(c => (Bragg.ConvertTwoTheta(c, cu.KAlpha1Angstrom, cu.KAlpha2Angstrom), 500.0)).ToArray();
        var alpha2 = SyntheticPeaks.Peaks(x, twins, 0.04);
        var doublet = alpha1.Zip(alpha2, (a, b) => a + b).ToArray();

        var stripped = KAlpha2Stripping.Strip(x, doublet, cu.KAlpha1Angstrom, cu.KAlpha2Angstrom, 0.5);

        double err = 0, twinArea = 0;
        for (var i = 0; i < x.Length; i++) { err += Math.Abs(stripped[i] - alpha1[i]); twinArea += alpha2[i]; }
        Assert.True(err < 0.03 * twinArea, $"residual {err / twinArea:P2} of the Kα2 area");
        // the twin of the 88° peak sits Δ2θ ≈ 2 tan θ Δλ/λ = 2·tan 44.015°·0.00383/1.54056 rad = 0.2753° higher;
        // there the stripped pattern is near zero
        var twinAt = Array.FindIndex(x, v => v >= twins[3].Item1);
        Assert.InRange(stripped[twinAt], -15, 15);
        Assert.InRange(twins[3].Item1 - 88.03, 0.272, 0.278);
    }
}
