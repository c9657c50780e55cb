using Bravais.Analysis.Cleaning;
using Xunit;

namespace Bravais.Analysis.Tests.Cleaning;

public class SavitzkyGolayTests
{
    [Fact]
    public void FivePointQuadraticCoefficientsAreTheTabulatedOnes()
    {
        // Savitzky & Golay (1964) Table I: (−3, 12, 17, 12, −3)/35
        var c = SavitzkyGolay.Coefficients(2, 2);
        double[] expected = [-3 / 35.0, 12 / 35.0, 17 / 35.0, 12 / 35.0, -3 / 35.0];
        for (var i = 0; i < 5; i++) Assert.Equal(expected[i], c[i], 12);
    }

    [Fact]
    public void KeepsAQuadraticExactlyAndReducesNoise()
    {
        var x = Enumerable.Range(0, 200).Select(i => i * 0.1).ToArray();
        var quad = x.Select(v => 3 + 2 * v - 0.1 * v * v).ToArray();
        var smooth = SavitzkyGolay.Smooth(quad, 3, 2);
        for (var i = 3; i < x.Length - 3; i++) Assert.Equal(quad[i], smooth[i], 9);

        var rng = new Random(1);
        var noisy = quad.Select(v => v + (rng.NextDouble() - 0.5)).ToArray();
        var cleaned = SavitzkyGolay.Smooth(noisy, 5, 2);
        double before = 0, after = 0;
        for (var i = 5; i < x.Length - 5; i++) { before += Math.Pow(noisy[i] - quad[i], 2); after += Math.Pow(cleaned[i] - quad[i], 2); }
        Assert.True(after < before / 2);
    }
}
