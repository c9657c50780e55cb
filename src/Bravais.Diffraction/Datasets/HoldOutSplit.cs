using System.Globalization;
using System.Text;

namespace Bravais.Diffraction.Datasets;

/// <summary>The part of a held-out evaluation a crystal belongs to.</summary>
public enum HoldOutPart { Train, Development, Test }

/// <summary>
/// Held-out parts by structure prototype, so that no crystal of a test structure type is ever trained on or searched
/// against: a crystal's prototype is its anonymous formula (the element amounts reduced by their greatest common divisor
/// and sorted, "AB2C4" → 1,2,4) with its space-group number; a stable hash of that key (FNV-1a, the same on every machine
/// and run) puts every crystal of a prototype in the same part. Development: where settings are chosen; test: reported,
/// never looked at before the settings are frozen; train: everything else (training sets and reference libraries).
/// </summary>
public static class HoldOutSplit
{
    public const double DefaultDevelopmentShare = 0.05, DefaultTestShare = 0.05;

    /// <summary>The part of a crystal given by its formula ("Ca4 Y2 Ag2 O10", "SiO2", a composition) and space group.</summary>
    public static HoldOutPart Of(string formula, int spaceGroup, double developmentShare = DefaultDevelopmentShare, double testShare = DefaultTestShare) =>
        Of(ParseFormula(formula), spaceGroup, developmentShare, testShare);

    public static HoldOutPart Of(IReadOnlyDictionary<string, double> composition, int spaceGroup, double developmentShare = DefaultDevelopmentShare, double testShare = DefaultTestShare) =>
        OfPrototype(PrototypeKey(composition, spaceGroup), developmentShare, testShare);

    /// <summary>The part of a prototype key made by <see cref="PrototypeKey"/>, for callers that need the key too.</summary>
    public static HoldOutPart OfPrototype(string prototypeKey, double developmentShare = DefaultDevelopmentShare, double testShare = DefaultTestShare)
    {
        var u = Unit(prototypeKey);
        return u < testShare ? HoldOutPart.Test : u < testShare + developmentShare ? HoldOutPart.Development : HoldOutPart.Train;
    }

    /// <summary>"1,2,4|62": the sorted reduced amounts and the space group.</summary>
    public static string PrototypeKey(IReadOnlyDictionary<string, double> composition, int spaceGroup)
    {
        var amounts = composition.Values.Where(v => v > 1e-8).Select(v => (long)Math.Round(v * 1000)).Order().ToArray();
        var gcd = amounts.Aggregate(0L, Gcd);
        var key = string.Join(',', amounts.Select(a => (a / Math.Max(gcd, 1)).ToString(CultureInfo.InvariantCulture)));
        return key + "|" + spaceGroup.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Element amounts of a formula written as symbols with optional counts, spaces allowed: "Ca4 Y2 Ag2 O10", "SiO2", "Fe0.5Ni0.5".</summary>
    public static Dictionary<string, double> ParseFormula(string formula)
    {
        var amounts = new Dictionary<string, double>(StringComparer.Ordinal);
        var i = 0;
        while (i < formula.Length)
        {
            if (char.IsWhiteSpace(formula[i])) { i++; continue; }
            if (!char.IsAsciiLetterUpper(formula[i])) throw new DiffractionException($"'{formula}' is not a formula of element symbols and amounts (at '{formula[i..]}')");
            var start = i++;
            while (i < formula.Length && char.IsAsciiLetterLower(formula[i])) i++;
            var symbol = formula[start..i];
            start = i;
            while (i < formula.Length && (char.IsAsciiDigit(formula[i]) || formula[i] == '.')) i++;
            var amount = i > start ? double.Parse(formula[start..i], CultureInfo.InvariantCulture) : 1;
            amounts[symbol] = amounts.GetValueOrDefault(symbol) + amount;
        }
        return amounts;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>A number in [0, 1) from the key's FNV-1a hash.</summary>
    private static double Unit(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(key)) { hash ^= b; hash *= 1099511628211UL; }
        return (hash >> 11) / (double)(1UL << 53);
    }
}
