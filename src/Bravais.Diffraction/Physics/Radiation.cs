using System.Globalization;

namespace Bravais.Diffraction.Physics;

/// <summary>
/// An X-ray wavelength, either a named characteristic line (e.g. "CuKa", the Kα1/Kα2 weighted mean) or any
/// wavelength in Å. The named values are those of pymatgen 2022.11's <c>XRDCalculator.WAVELENGTHS</c>, so
/// patterns computed for the same name agree with pymatgen's.
/// </summary>
public sealed record Radiation(string Name, double WavelengthAngstrom)
{
    /// <summary>The named lines in Å (pymatgen's table): Kα (weighted mean), Kα1, Kα2 and Kβ1 of Cu, Mo, Cr, Fe, Co, Ag.</summary>
    public static IReadOnlyDictionary<string, double> Named { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["CuKa"] = 1.54184, ["CuKa2"] = 1.54439, ["CuKa1"] = 1.54056, ["CuKb1"] = 1.39222,
        ["MoKa"] = 0.71073, ["MoKa2"] = 0.71359, ["MoKa1"] = 0.70930, ["MoKb1"] = 0.63229,
        ["CrKa"] = 2.29100, ["CrKa2"] = 2.29361, ["CrKa1"] = 2.28970, ["CrKb1"] = 2.08487,
        ["FeKa"] = 1.93735, ["FeKa2"] = 1.93998, ["FeKa1"] = 1.93604, ["FeKb1"] = 1.75661,
        ["CoKa"] = 1.79026, ["CoKa2"] = 1.79285, ["CoKa1"] = 1.78896, ["CoKb1"] = 1.63079,
        ["AgKa"] = 0.560885, ["AgKa2"] = 0.563813, ["AgKa1"] = 0.559421, ["AgKb1"] = 0.497082,
    };

    /// <summary>Cu Kα, 1.54184 Å: the default, and the radiation of the NANO281 data set.</summary>
    public static Radiation CuKa { get; } = FromName("CuKa");

    /// <summary>A named line ("CuKa", "MoKa1", …; case-insensitive; "Kα"/"Kβ" spellings accepted).</summary>
    public static Radiation FromName(string name)
    {
        var key = name.Trim().Replace(" ", "").Replace("α", "a").Replace("β", "b");
        foreach (var (canonical, wavelength) in Named)
            if (string.Equals(canonical, key, StringComparison.OrdinalIgnoreCase))
                return new Radiation(canonical, wavelength);
        throw new DiffractionException($"unknown radiation '{name}' (known: {string.Join(", ", Named.Keys)}; or give a wavelength in Å)");
    }

    /// <summary>Any wavelength in Å (0.01–10 Å accepted).</summary>
    public static Radiation FromWavelength(double wavelengthAngstrom)
    {
        if (!(wavelengthAngstrom >= 0.01 && wavelengthAngstrom <= 10))
            throw new DiffractionException($"wavelength {wavelengthAngstrom.ToString(CultureInfo.InvariantCulture)} Å is outside 0.01–10 Å");
        return new Radiation(wavelengthAngstrom.ToString("0.######", CultureInfo.InvariantCulture) + " Å", wavelengthAngstrom);
    }

    /// <summary>Parses a name ("CuKa") or a number in Å ("1.5406").</summary>
    public static Radiation Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? FromWavelength(w) : FromName(text);

    public override string ToString() => Named.ContainsKey(Name)
        ? FormattableString.Invariant($"{Name} ({WavelengthAngstrom} Å)")
        : Name;
}
