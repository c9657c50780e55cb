using Bravais.Analysis.Extinction;
using Xunit;

namespace Bravais.Analysis.Tests.Extinction;

/// <summary>The block densities against direct numerical convolution and tabulated special functions.</summary>
public class LikelihoodTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 0.157299207050285)]
    [InlineData(-1.0, 1.842700792949715)]
    [InlineData(3.0, 2.209049699858544e-5)]
    [InlineData(0.5, 0.479500122186953)]
    public void Erfc_matches_tabulated_values(double x, double expected) =>
        Assert.Equal(expected, BlockLikelihood.Erfc(x), Math.Max(2e-7 * expected, 1e-12));

    [Theory]
    [InlineData(0.5, 0.5723649429247001)] // ln Γ(½) = ln √π
    [InlineData(1.0, 0.0)]
    [InlineData(4.0, 1.791759469228055)] // ln 3!
    [InlineData(2.5, 0.2846828704729192)]
    public void Log_gamma_matches_tabulated_values(double x, double expected) =>
        Assert.Equal(expected, BlockLikelihood.LogGammaFunction(x), 1e-10);

    [Theory]
    [InlineData(0.3, 1.0, 0.2)]
    [InlineData(-0.4, 2.0, 0.5)]
    [InlineData(5.0, 1.0, 0.1)]
    [InlineData(-3.0, 1.0, 0.4)]
    public void Exponential_plus_Gaussian_is_their_convolution(double j, double theta, double sigma)
    {
        double sum = 0;
        const double dx = 1e-4;
        for (var x = dx / 2; x < 60 * theta; x += dx)
            sum += Math.Exp(-x / theta) / theta * Math.Exp(-0.5 * Math.Pow((j - x) / sigma, 2)) / (sigma * Math.Sqrt(2 * Math.PI)) * dx;
        Assert.Equal(Math.Log(sum), BlockLikelihood.LogExGaussian(j, theta, sigma), 1e-4);
    }

    [Theory]
    [InlineData(2.5, 1.0, 0.3)]
    [InlineData(0.5, 2.0, 0.1)]
    [InlineData(1.7, 0.4, 1.0)]
    public void Gamma_plus_Gaussian_integrates_to_one_and_has_the_Gamma_mean(double k, double theta, double sigma)
    {
        double total = 0, mean = 0;
        const double dj = 2e-3;
        for (var j = -10 * sigma; j < k * theta + 30 * theta * Math.Sqrt(k) + 10 * sigma; j += dj)
        {
            var p = Math.Exp(BlockLikelihood.LogGammaGaussian(j, k, theta, sigma));
            total += p * dj;
            mean += j * p * dj;
        }
        Assert.Equal(1, total, 2e-3);
        Assert.Equal(k * theta, mean, 0.01 * k * theta);
    }

    [Fact]
    public void With_a_tiny_error_the_density_is_the_Gamma_density()
    {
        const double k = 2.5, theta = 1.3, j = 2.0;
        var gamma = (k - 1) * Math.Log(j) - j / theta - BlockLikelihood.LogGammaFunction(k) - k * Math.Log(theta);
        Assert.Equal(gamma, BlockLikelihood.LogGammaGaussian(j, k, theta, 1e-3), 1e-3);
    }
}
