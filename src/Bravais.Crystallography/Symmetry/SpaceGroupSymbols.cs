using System.Text;

namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// Normalisation of space-group symbols as written in CIFs, for lookup: Hermann–Mauguin symbols in
/// any spacing, with or without underscores or parentheses for screw axes ("P 21/c", "P2_1/c",
/// "P2(1)/c"), any letter case, and setting suffixes (":1", ":2", ":H", ":R", " S", " Z", "H"/"R"
/// appended); plus aliases for the pre-2002 symbols of the e-glide groups (Cmca for Cmce, …) and the
/// old cubic symbols without the bar (Pm3m for Pm-3m).
/// </summary>
internal static class SpaceGroupSymbols
{
    /// <summary>Lookup key of an H–M symbol: no whitespace, underscores, CIF subscript tildes ("P2~1~/n"),
    /// parentheses or quotes; upper case.</summary>
    public static string Key(string symbol)
    {
        var sb = new StringBuilder(symbol.Length);
        foreach (var ch in symbol)
        {
            if (char.IsWhiteSpace(ch) || ch is '_' or '~' or '(' or ')' or '\'' or '"' or '[' or ']') continue;
            sb.Append(char.ToUpperInvariant(ch));
        }
        return sb.ToString();
    }

    /// <summary>Lookup key of a Hall symbol: whitespace collapsed to single spaces (Hall symbols are case-sensitive).</summary>
    public static string HallKey(string hall) =>
        string.Join(' ', hall.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Removes one pair of matching surrounding quotes ('…' or "…") and outer whitespace; quotes inside
    /// (the ' and " axis symbols of Hall symbols such as <c>P 3 2"</c>) are kept.</summary>
    public static string Unquote(string text)
    {
        var s = text.Trim();
        if (s.Length >= 2 && s[0] is '\'' or '"' && s[^1] == s[0]) s = s[1..^1].Trim();
        return s;
    }

    /// <summary>
    /// Splits a setting suffix off an H–M symbol: ":X" (any code), a trailing separate token S, Z, H or R,
    /// or an upper-case S, Z, H or R written straight after the symbol. S/Z mean origin choice 1/2.
    /// Returns the bare symbol and the setting code ("" when none).
    /// </summary>
    public static (string Symbol, string Setting) SplitSetting(string text)
    {
        var s = text.Trim();
        var colon = s.IndexOf(':');
        if (colon >= 0) return (s[..colon].Trim(), MapSettingCode(s[(colon + 1)..].Trim()));
        var lastSpace = s.LastIndexOfAny([' ', '\t']);
        if (lastSpace > 0)
        {
            var last = s[(lastSpace + 1)..];
            if (last.Length == 1 && "SZHRszhr".Contains(last[0], StringComparison.Ordinal))
                return (s[..lastSpace].Trim(), MapSettingCode(last));
        }
        if (s.Length > 2 && s[^1] is 'S' or 'Z' or 'H' or 'R')
            return (s[..^1].Trim(), MapSettingCode(s[^1..]));
        return (s, "");
    }

    private static string MapSettingCode(string code) => code.ToUpperInvariant() switch
    {
        "S" or "1" => "1",
        "Z" or "2" => "2",
        "H" => "H",
        "R" => "R",
        _ => code,
    };

    /// <summary>Whether a tabulated setting code satisfies a requested one ("1" also matches "1cab" etc.).</summary>
    public static bool SettingMatches(string tabulated, string requested) =>
        requested.Length == 0 ||
        string.Equals(tabulated, requested, StringComparison.OrdinalIgnoreCase) ||
        (requested is "1" or "2" && tabulated.StartsWith(requested, StringComparison.Ordinal));

    /// <summary>
    /// Order of preference among settings sharing a symbol: the standard setting, then origin choice 2,
    /// then the lowest Hall number (unique axis b before c before a; hexagonal before rhombohedral axes).
    /// </summary>
    public static int Preference(SpaceGroup a, SpaceGroup b)
    {
        if (a.IsStandardSetting != b.IsStandardSetting) return a.IsStandardSetting ? -1 : 1;
        var a2 = a.Setting.StartsWith('2'); var b2 = b.Setting.StartsWith('2');
        if (a2 != b2) return a2 ? -1 : 1;
        return a.HallNumber.CompareTo(b.HallNumber);
    }

    /// <summary>
    /// The short H–M symbol of this particular setting. The table (spglib) gives the type's standard short
    /// symbol for every monoclinic setting ("P2_1/c" also for P 1 1 2_1/a); here it is derived from the
    /// full symbol by dropping the 1s ("P 1 2_1/n 1" → "P2_1/n").
    /// </summary>
    public static string SettingShortSymbol(SpaceGroupTableRow row)
    {
        if (row.Number is < 3 or > 15) return row.ShortSymbol;
        var parts = row.FullSymbol.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts[0] + string.Concat(parts.Skip(1).Where(p => p != "1"));
    }

    /// <summary>Alternative spellings of a tabulated setting's symbol that real files use.</summary>
    /// <remarks>Conventional aliases (rank 0) are the spellings the Tables printed for this setting; rank-1 aliases
    /// (the other glide of an e plane) are used only for keys no rank-0 alias claims.</remarks>
    public static IEnumerable<(string Alias, int Rank)> Aliases(SpaceGroupTableRow row)
    {
        // old cubic symbols without the bar on the 3 (Pm3m, Fd3m, Ia3, Pn3)
        if (row.Number >= 200 && row.PointGroup is "m-3" or "m-3m")
        {
            yield return (row.SpacedSymbol.Replace("-3", "3", StringComparison.Ordinal), 0);
            yield return (row.FullSymbol.Replace("-3", "3", StringComparison.Ordinal), 0);
        }
        // pre-2002 symbols of the five groups with an e (double) glide plane: the e stands in the position
        // of the axis normal to the centred face; the old symbol named one of its two glides there.
        if (row.Number is 39 or 41 or 64 or 67 or 68)
        {
            var parts = row.SpacedSymbol.Split(' ');
            var pos = parts[0] switch { "A" => 1, "B" => 2, "C" => 3, _ => -1 };
            if (parts.Length == 4 && pos > 0 && parts[pos] == "e")
            {
                var axisSetting = row.Setting.TrimStart('1', '2');
                var first = OldGlide(row.Number, parts[0][0], axisSetting);
                var glides = parts[0] switch { "A" => "bc", "B" => "ac", _ => "ab" };
                foreach (var g in glides)
                {
                    parts[pos] = g.ToString();
                    yield return (string.Join(' ', parts), first is not null && first[0] == g ? 0 : 1);
                }
            }
        }
    }

    /// <summary>The glide letter International Tables (1983) printed in place of e for each setting.</summary>
    private static string? OldGlide(int number, char lattice, string axisSetting) => (number, axisSetting) switch
    {
        (64, "") or (67, "") or (68, "") => "a",          // Cmca, Cmma, Ccca
        (64, "ba-c") or (67, "ba-c") or (68, "ba-c") => "b", // Ccmb, Cmmb, Cccb
        (64, "cab") or (67, "cab") or (68, "cab") => "b",  // Abma, Abmm, Abaa
        (64, "-cba") or (67, "-cba") or (68, "-cba") => "c", // Acam, Acmm, Acaa
        (64, "bca") or (67, "bca") or (68, "bca") => "c",  // Bbcm, Bmcm, Bbcb
        (64, "a-cb") or (67, "a-cb") or (68, "a-cb") => "a", // Bmab, Bmam, Bbab
        (39, "") or (41, "") => "b",                      // Abm2, Aba2
        (39, "ba-c") or (41, "ba-c") => "a",              // Bma2, Bba2
        (39, "cab") or (41, "cab") => "c",                // B2cm, B2cb
        (39, "-cba") or (41, "-cba") => "b",              // C2mb, C2cb
        (39, "bca") or (41, "bca") => "a",                // Cm2a, Cc2a
        (39, "a-cb") or (41, "a-cb") => "c",              // Ac2m, Ac2a
        _ => lattice == 'C' ? "a" : null,
    };
}
