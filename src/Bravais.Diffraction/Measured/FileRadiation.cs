using System.Globalization;
using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// The radiation a diffractometer file states about itself (XRDML, Bruker BRML/RAW, Rigaku RAS/RASX), by one rule for
/// every format: the line type the file names (Kα1 only behind a monochromator, Kβ, or the Kα doublet) picks the lines;
/// the doublet is the file's own Kα1 and Kα2 at the file's Kα2/Kα1 ratio (<see cref="Anode.KAlpha2Ratio"/> when it
/// states none; a stated ratio of 0, or a Kα2 equal to Kα1 or missing, means Kα1 alone); a file that states only its
/// anode gets that anode's lines from <see cref="Anodes"/>. Values outside Radiation's range (0 or −1 often mean
/// "unknown" in binary headers) count as not stated. What was stated is recorded in the metadata.
/// </summary>
internal static class FileRadiation
{
    public static Radiation? From(
        string? anode, double? kAlpha1, double? kAlpha2, double? ratio, double? kBeta, string? lineType, Dictionary<string, string> metadata)
    {
        anode = Anodes.Find(anode?.Trim() ?? "")?.Element ?? (string.IsNullOrWhiteSpace(anode) ? null : anode.Trim());
        if (anode is not null) metadata["anode"] = anode;
        Record(metadata, "wavelength.kalpha1", kAlpha1);
        Record(metadata, "wavelength.kalpha2", kAlpha2);
        Record(metadata, "wavelength.ratio", ratio);
        Record(metadata, "wavelength.kbeta", kBeta);
        if (!string.IsNullOrWhiteSpace(lineType)) metadata["wavelength.type"] = lineType.Trim();

        var prefix = anode is not null && Anodes.Find(anode) is not null ? anode : "";
        var type = Normalise(lineType);
        if (type is "kb" && Valid(kBeta)) return new Radiation($"{prefix}Kb (file)", kBeta!.Value);
        if (type is "ka2" && Valid(kAlpha2)) return new Radiation($"{prefix}Ka2 (file)", kAlpha2!.Value);
        if (Valid(kAlpha1))
        {
            var k1 = kAlpha1!.Value;
            var single = type is "ka1" || !Valid(kAlpha2) || kAlpha2 == k1 || ratio is 0;
            if (single) return new Radiation($"{prefix}Ka1 (file)", k1);
            var r = ratio is > 0 and <= 1 ? ratio.Value : Anode.KAlpha2Ratio;
            if (ratio is not null && r != ratio) metadata["wavelength.ratio.note"] = $"stated ratio {Format(ratio.Value)} is not in (0, 1]; {Format(Anode.KAlpha2Ratio)} used";
            return Radiation.Doublet($"{prefix}Ka (file)", k1, kAlpha2!.Value, r);
        }
        if (prefix.Length > 0)
        {
            metadata["wavelength.source"] = "the anode's lines from the table (the file states no usable wavelength)";
            return Radiation.FromName(prefix + type switch { "ka1" => "Ka1", "ka2" => "Ka2", "kb" => "Kb1", _ => "Ka" });
        }
        return null;
    }

    private static bool Valid(double? v) => v is >= Radiation.MinWavelengthAngstrom and <= Radiation.MaxWavelengthAngstrom;

    /// <summary>"K-Alpha 1", "Ka1", "KA1", "Kα1", "K_ALPHA1" → ka1; "Kb", "K-Beta" → kb; "Ka", "K-Alpha", "" → ka.</summary>
    private static string Normalise(string? lineType)
    {
        var t = (lineType ?? "").ToLowerInvariant().Replace(" ", "").Replace("-", "").Replace("_", "")
            .Replace("α", "a").Replace("β", "b").Replace("alpha", "a").Replace("beta", "b");
        return t switch
        {
            "ka1" or "a1" => "ka1",
            "ka2" or "a2" => "ka2",
            "kb" or "kb1" or "b" => "kb",
            _ => "ka",
        };
    }

    private static void Record(Dictionary<string, string> metadata, string key, double? value)
    {
        if (value is { } v) metadata[key] = Format(v);
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
