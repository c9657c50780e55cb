using System.Globalization;
using System.Text.RegularExpressions;

namespace Bravais.Diffraction.Measured;

/// <summary>An X-ray tube's characteristic lines in Å (Hölzer et al. 1997 / International Tables C, Table 4.2.2.1).</summary>
public sealed record Anode(string Element, double KAlpha1Angstrom, double KAlpha2Angstrom, double KBetaAngstrom)
{
    /// <summary>Intensity ratio Kα2/Kα1 (≈ 0.5 for every common anode).</summary>
    public const double KAlpha2Ratio = 0.5;

    /// <summary>The intensity-weighted Kα mean, (2 Kα1 + Kα2) / 3, used when the doublet is not resolved.</summary>
    public double KAlphaMeanAngstrom => (KAlpha1Angstrom + KAlpha2Ratio * KAlpha2Angstrom) / (1 + KAlpha2Ratio);
}

/// <summary>Common anodes and a parser for wavelengths written in file headers and on the command line.</summary>
public static partial class Anodes
{
    public static IReadOnlyList<Anode> All { get; } =
    [
        new("Cu", 1.540593, 1.544414, 1.392250),
        new("Co", 1.788996, 1.792850, 1.620830),
        new("Mo", 0.709317, 0.713607, 0.632303),
        new("Fe", 1.936042, 1.939980, 1.756610),
        new("Cr", 2.289760, 2.293663, 2.084920),
        new("Ag", 0.559421, 0.563813, 0.497082),
        new("Ni", 1.657910, 1.661747, 1.500135),
    ];

    public static Anode? Find(string element) =>
        All.FirstOrDefault(a => string.Equals(a.Element, element, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Parses "1.5406", "Cu", "CuKa", "Cu Ka1", "Mo Kα2", "Co Kb" into a wavelength in Å.
    /// A bare anode or "Ka" means the Kα mean; "Ka1"/"Ka2"/"Kb" the single line.
    /// </summary>
    public static bool TryParseWavelength(string text, out double wavelengthAngstrom)
    {
        wavelengthAngstrom = 0;
        var t = text.Trim();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (value is > 0.05 and < 20) { wavelengthAngstrom = value; return true; }
            return false;
        }
        var m = AnodeLine().Match(t);
        if (!m.Success) return false;
        var anode = Find(m.Groups["el"].Value);
        if (anode is null) return false;
        var line = m.Groups["line"].Value.ToLowerInvariant().Replace("α", "a").Replace("β", "b").Replace("-", "").Replace("_", "").Replace(" ", "").Replace("alpha", "a").Replace("beta", "b");
        wavelengthAngstrom = line switch
        {
            "ka1" or "a1" => anode.KAlpha1Angstrom,
            "ka2" or "a2" => anode.KAlpha2Angstrom,
            "kb" or "kb1" or "b" => anode.KBetaAngstrom,
            _ => anode.KAlphaMeanAngstrom,
        };
        return true;
    }

    public static double ParseWavelength(string text) =>
        TryParseWavelength(text, out var w) ? w
            : throw new DiffractionException($"'{text}' is not a wavelength: give Å (e.g. 1.5406) or an anode (Cu, Co, Mo, Fe, Cr, Ag, Ni, optionally with Ka1, Ka2, Kb)");

    /// <summary>
    /// Finds a wavelength stated in a free-text header or comment line: "lambda = 1.5406", "wavelength: 0.7093 A",
    /// "λ=1.54", "Cu Ka", "CuKα1 radiation". Returns false when the line says nothing recognisable.
    /// </summary>
    public static bool TryFindInText(string line, out double wavelengthAngstrom)
    {
        wavelengthAngstrom = 0;
        var numeric = NumericWavelength().Match(line);
        if (numeric.Success &&
            double.TryParse(numeric.Groups["v"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            // nm written explicitly → Å
            if (numeric.Groups["unit"].Value.Equals("nm", StringComparison.OrdinalIgnoreCase)) v *= 10;
            if (v is > 0.05 and < 20) { wavelengthAngstrom = v; return true; }
        }
        var named = AnodeInText().Match(line);
        if (named.Success) return TryParseWavelength(named.Value, out wavelengthAngstrom);
        return false;
    }

    [GeneratedRegex(@"^(?<el>[A-Za-z]{2})\s*(?<line>(k|K)?\s*[-_]?\s*(α|a|A|alpha|Alpha|β|b|B|beta|Beta)?\s*[12]?)?$")]
    private static partial Regex AnodeLine();

    [GeneratedRegex(@"(?i)(lambda|wavelength|wave\s*length|λ|wl)\w*\s*(\(\s*[aåÅ]\w*\s*\))?\s*[:=]?\s*(?<v>\d+(\.\d+)?([eE][-+]?\d+)?)\s*(?<unit>nm|Å|A|ang\w*)?")]
    private static partial Regex NumericWavelength();

    [GeneratedRegex(@"\b(Cu|Co|Mo|Fe|Cr|Ag|Ni)\s*[-_]?\s*(K\s*(α|a|alpha|β|b|beta)\s*[12]?)(?![A-Za-z])")]
    private static partial Regex AnodeInText();
}
