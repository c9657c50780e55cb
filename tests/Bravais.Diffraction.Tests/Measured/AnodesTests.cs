using Bravais.Diffraction.Measured;
using Xunit;

namespace Bravais.Diffraction.Tests.Measured;

public class AnodesTests
{
    [Theory]
    [InlineData("1.5406", 1.5406)]
    [InlineData("Cu", (2 * 1.540593 + 1.544414) / 3)]
    [InlineData("CuKa1", 1.540593)]
    [InlineData("Mo Ka2", 0.713607)]
    [InlineData("co kb", 1.620830)]
    public void ParsesNumbersAndAnodeNames(string text, double expected) =>
        Assert.Equal(expected, Anodes.ParseWavelength(text), 6);

    [Theory]
    [InlineData("# lambda = 1.5406", 1.5406)]
    [InlineData("Wavelength (A): 0.41", 0.41)]
    [InlineData("wavelength 0.15406 nm", 1.5406)]
    [InlineData("radiation: Co Kα1", 1.788996)]
    public void FindsWavelengthsInHeaderText(string line, double expected)
    {
        Assert.True(Anodes.TryFindInText(line, out var w));
        Assert.Equal(expected, w, 6);
    }

    [Theory]
    [InlineData("sample: CuO powder")]
    [InlineData("2theta intensity")]
    public void IgnoresLinesThatStateNoWavelength(string line) => Assert.False(Anodes.TryFindInText(line, out _));

    [Fact]
    public void RejectsNonsense() => Assert.Throws<DiffractionException>(() => Anodes.ParseWavelength("Xx"));
}
