using Bravais.Diffraction.Physics;
using Xunit;

namespace Bravais.Diffraction.Tests;

/// <summary>
/// The one wavelength parser (<see cref="Radiation.Parse"/>, <see cref="Radiation.TryFindInText"/>) against the one
/// table (<see cref="Anodes"/>: Bearden 1967 as pymatgen tabulates it). Until the table was unified these cases parsed
/// with a second table (Hölzer et al. 1997: Cu Kα1 1.540593 Å); the expected values are now the table's.
/// </summary>
public class WavelengthParsingTests
{
    [Theory]
    [InlineData("1.5406", 1.5406)]
    [InlineData("Cu", 1.54184)]
    [InlineData("CuKa1", 1.54056)]
    [InlineData("Mo Ka2", 0.71359)]
    [InlineData("co kb", 1.62079)]
    public void ParsesNumbersAndAnodeNames(string text, double expected) =>
        Assert.Equal(expected, Radiation.Parse(text).WavelengthAngstrom, 6);

    [Theory]
    [InlineData("# lambda = 1.5406", 1.5406)]
    [InlineData("Wavelength (A): 0.41", 0.41)]
    [InlineData("wavelength 0.15406 nm", 1.5406)]
    [InlineData("radiation: Co Kα1", 1.78896)]
    public void FindsWavelengthsInHeaderText(string line, double expected)
    {
        Assert.True(Radiation.TryFindInText(line, out var r));
        Assert.Equal(expected, r.WavelengthAngstrom, 6);
    }

    [Theory]
    [InlineData("sample: CuO powder")]
    [InlineData("2theta intensity")]
    public void IgnoresLinesThatStateNoWavelength(string line) => Assert.False(Radiation.TryFindInText(line, out _));

    [Fact]
    public void RejectsNonsense()
    {
        Assert.Throws<DiffractionException>(() => Radiation.Parse("Xx"));
        Assert.Throws<DiffractionException>(() => Radiation.Parse("25"));
    }

    [Fact]
    public void KAlphaIsTheDoubletAtHalfIntensityAndItsWeightedMean()
    {
        var cu = Radiation.Parse("Cu Ka");
        Assert.True(cu.IsDoublet);
        Assert.Equal([1.54056, 1.54439], cu.Lines.Select(l => l.WavelengthAngstrom));
        Assert.Equal([1.0, 0.5], cu.Lines.Select(l => l.RelativeIntensity));
        // the tabulated mean is (2 Kα1 + Kα2)/3 to the table's five decimals
        foreach (var a in Anodes.All) Assert.Equal((2 * a.KAlpha1Angstrom + a.KAlpha2Angstrom) / 3, a.KAlphaAngstrom, 5);
        Assert.Equal(Radiation.CuKa, Radiation.FromName("cu kα"));
        Assert.False(Radiation.Parse("CuKa1").IsDoublet);
    }
}
