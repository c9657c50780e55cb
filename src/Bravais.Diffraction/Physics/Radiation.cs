using System.Globalization;
using System.Text.RegularExpressions;

namespace Bravais.Diffraction.Physics;

/// <summary>One characteristic line of a radiation: its name ("CuKa1"), wavelength (Å) and intensity relative to the strongest line.</summary>
public readonly record struct EmissionLine(string Name, double WavelengthAngstrom, double RelativeIntensity);

/// <summary>
/// The radiation of a pattern: a name, the wavelength a peak position is computed with (<see cref="WavelengthAngstrom"/>;
/// for an unresolved Kα the weighted mean, as pymatgen and the NANO281 data use it) and the <see cref="Lines"/> a
/// measurement actually holds (a named Kα is the Kα1/Kα2 doublet at intensity ratio 0.5). Named lines come from the one
/// table, <see cref="Anodes"/>; <see cref="Parse"/> is the one parser of a user's or a file's wavelength.
/// </summary>
public sealed partial record Radiation
{
    public string Name { get; }
    public double WavelengthAngstrom { get; }
    public IReadOnlyList<EmissionLine> Lines { get; }

    /// <summary>The accepted range of wavelengths, Å (X-rays, synchrotron and neutron diffraction alike).</summary>
    public const double MinWavelengthAngstrom = 0.01, MaxWavelengthAngstrom = 10;

    public Radiation(string name, double wavelengthAngstrom, IReadOnlyList<EmissionLine>? lines = null)
    {
        if (!(wavelengthAngstrom >= MinWavelengthAngstrom && wavelengthAngstrom <= MaxWavelengthAngstrom))
            throw new DiffractionException(FormattableString.Invariant($"wavelength {wavelengthAngstrom} Å is outside {MinWavelengthAngstrom}–{MaxWavelengthAngstrom} Å"));
        Name = name;
        WavelengthAngstrom = wavelengthAngstrom;
        Lines = lines is { Count: > 0 } ? [.. lines] : [new EmissionLine(name, wavelengthAngstrom, 1)];
    }

    /// <summary>The named lines in Å, from <see cref="Anodes"/>: Kα (weighted mean), Kα1, Kα2 and Kβ1 of each anode.</summary>
    public static IReadOnlyDictionary<string, double> Named { get; } = Anodes.All
        .SelectMany(a => new[] { ($"{a.Element}Ka", a.KAlphaAngstrom), ($"{a.Element}Ka1", a.KAlpha1Angstrom), ($"{a.Element}Ka2", a.KAlpha2Angstrom), ($"{a.Element}Kb1", a.KBeta1Angstrom) })
        .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    /// <summary>Cu Kα (the Kα1/Kα2 doublet, at the table's weighted mean): the default, and the radiation of the NANO281 data set.</summary>
    public static Radiation CuKa { get; } = FromName("CuKa");

    /// <summary>True when the radiation holds more than one line (a Kα doublet).</summary>
    public bool IsDoublet => Lines.Count > 1;

    /// <summary>The strongest line (Kα1 of a doublet).</summary>
    public EmissionLine PrimaryLine => Lines.MaxBy(l => l.RelativeIntensity);

    /// <summary>A named line or anode ("CuKa", "Cu", "Cu Ka1", "Mo Kα2", "co kb"; a bare anode means its Kα).</summary>
    public static Radiation FromName(string name) =>
        TryFromName(name, out var r) ? r
            : throw new DiffractionException($"unknown radiation '{name}' (known anodes: {string.Join(", ", Anodes.All.Select(a => a.Element))}, optionally with Ka, Ka1, Ka2 or Kb1; or give a wavelength in Å)");

    /// <summary>Any single wavelength in Å (<see cref="MinWavelengthAngstrom"/>–<see cref="MaxWavelengthAngstrom"/>).</summary>
    public static Radiation FromWavelength(double wavelengthAngstrom) =>
        new(wavelengthAngstrom.ToString("0.######", CultureInfo.InvariantCulture) + " Å", wavelengthAngstrom);

    /// <summary>A Kα1/Kα2 doublet with its own values (e.g. stated in an XRDML file); the mean is intensity-weighted.</summary>
    public static Radiation Doublet(string name, double kAlpha1Angstrom, double kAlpha2Angstrom, double ratio = Anode.KAlpha2Ratio) =>
        new(name, (kAlpha1Angstrom + ratio * kAlpha2Angstrom) / (1 + ratio),
            [new EmissionLine(name + "1", kAlpha1Angstrom, 1), new EmissionLine(name + "2", kAlpha2Angstrom, ratio)]);

    /// <summary>The one parser of a wavelength: a number in Å ("1.5406") or a named line or anode (<see cref="FromName"/>).</summary>
    public static Radiation Parse(string text) =>
        TryParse(text, out var r) ? r
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? FromWavelength(w) // out of range: its own message
            : throw new DiffractionException($"'{text}' is not a wavelength: give Å (e.g. 1.5406) or an anode line (Cu, CuKa1, Mo Ka2, Co Kb; anodes {string.Join(", ", Anodes.All.Select(a => a.Element))})");

    public static bool TryParse(string text, out Radiation radiation)
    {
        radiation = null!;
        var t = text.Trim();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (!(value >= MinWavelengthAngstrom && value <= MaxWavelengthAngstrom)) return false;
            radiation = FromWavelength(value);
            return true;
        }
        return TryFromName(t, out radiation);
    }

    /// <summary>
    /// Finds a wavelength stated in a free-text header or comment line: "lambda = 1.5406", "wavelength: 0.7093 A",
    /// "λ=1.54", "0.15406 nm", "Cu Ka", "CuKα1 radiation". A number wins over an anode name on the same line.
    /// </summary>
    public static bool TryFindInText(string line, out Radiation radiation)
    {
        radiation = null!;
        var numeric = NumericWavelength().Match(line);
        if (numeric.Success && double.TryParse(numeric.Groups["v"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            if (numeric.Groups["unit"].Value.Equals("nm", StringComparison.OrdinalIgnoreCase)) v *= 10;
            if (v is >= MinWavelengthAngstrom and <= MaxWavelengthAngstrom) { radiation = FromWavelength(v); return true; }
        }
        var named = AnodeInText().Match(line);
        return named.Success && TryFromName(named.Value, out radiation);
    }

    private static bool TryFromName(string text, out Radiation radiation)
    {
        radiation = null!;
        var m = AnodeLine().Match(text.Trim());
        if (!m.Success) return false;
        var anode = Anodes.Find(m.Groups["el"].Value);
        if (anode is null) return false;
        var line = m.Groups["line"].Value.ToLowerInvariant().Replace("α", "a").Replace("β", "b").Replace("-", "").Replace("_", "").Replace(" ", "")
            .Replace("alpha", "a").Replace("beta", "b");
        var e = anode.Element;
        radiation = line switch
        {
            "ka1" or "a1" => new Radiation($"{e}Ka1", anode.KAlpha1Angstrom),
            "ka2" or "a2" => new Radiation($"{e}Ka2", anode.KAlpha2Angstrom),
            "kb" or "kb1" or "b" or "b1" => new Radiation($"{e}Kb1", anode.KBeta1Angstrom),
            "" or "k" or "ka" or "a" => new Radiation($"{e}Ka", anode.KAlphaAngstrom,
                [new EmissionLine($"{e}Ka1", anode.KAlpha1Angstrom, 1), new EmissionLine($"{e}Ka2", anode.KAlpha2Angstrom, Anode.KAlpha2Ratio)]),
            _ => null!,
        };
        return radiation is not null;
    }

    public bool Equals(Radiation? other) =>
        other is not null && Name == other.Name && WavelengthAngstrom == other.WavelengthAngstrom && Lines.SequenceEqual(other.Lines);

    public override int GetHashCode() => HashCode.Combine(Name, WavelengthAngstrom, Lines.Count);

    public override string ToString() => Named.ContainsKey(Name)
        ? FormattableString.Invariant($"{Name} ({WavelengthAngstrom} Å)")
        : Name;

    [GeneratedRegex(@"^(?<el>[A-Za-z]{2})\s*(?<line>(k|K)?\s*[-_]?\s*(α|a|A|alpha|Alpha|β|b|B|beta|Beta)?\s*[12]?)?$")]
    private static partial Regex AnodeLine();

    [GeneratedRegex(@"(?i)(lambda|wavelength|wave\s*length|λ|wl)\w*\s*(\(\s*[aåÅ]\w*\s*\))?\s*[:=]?\s*(?<v>\d+(\.\d+)?([eE][-+]?\d+)?)\s*(?<unit>nm|Å|A|ang\w*)?")]
    private static partial Regex NumericWavelength();

    [GeneratedRegex(@"\b(Cu|Co|Mo|Fe|Cr|Ag|Ni)\s*[-_]?\s*(K\s*(α|a|alpha|β|b|beta)\s*[12]?)(?![A-Za-z])")]
    private static partial Regex AnodeInText();
}
