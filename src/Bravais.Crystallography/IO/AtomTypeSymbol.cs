using Bravais.Crystallography.Chemistry;

namespace Bravais.Crystallography.IO;

/// <summary>
/// Element (and charge, when written) from a CIF atom type symbol or site label: <c>Fe3+</c>, <c>O2-</c>,
/// <c>O-2</c>, <c>Fe1</c>, <c>Cl1A</c>, <c>Ow3</c> (water O), <c>D</c>, <c>FE1</c>.
/// </summary>
public static class AtomTypeSymbol
{
    /// <summary>
    /// Element from an <c>_atom_site_type_symbol</c>: the leading letters; a two-letter symbol when the first two
    /// letters (any case) are an element, else the first letter. A trailing charge like <c>3+</c> / <c>+3</c> /
    /// <c>-</c> becomes the oxidation state.
    /// </summary>
    public static bool TryParseTypeSymbol(string text, out string element, out double? oxidationState)
    {
        oxidationState = null;
        if (!TryLeadingElement(text, out element, out var end)) return false;
        oxidationState = ParseCharge(text.AsSpan(end));
        return true;
    }

    /// <summary>
    /// Element from an <c>_atom_site_label</c> (used when there is no type symbol): the first two letters in any
    /// case when they are an element (<c>Fe1</c>, <c>Cl1A</c>, <c>FE1</c>), else the first letter (<c>Ow3</c> → O,
    /// <c>OW1</c> → O, <c>C1A</c> → C). Like pymatgen, an upper-case <c>CA1</c> reads as calcium.
    /// </summary>
    public static bool TryParseLabel(string label, out string element) =>
        TryLeadingElement(label, out element, out _);

    private static bool TryLeadingElement(string text, out string element, out int end)
    {
        element = "";
        var s = text.AsSpan().Trim();
        var offset = text.Length - text.AsSpan().TrimStart().Length;
        var n = 0;
        while (n < s.Length && char.IsAsciiLetter(s[n])) n++;
        end = offset + n;
        if (n == 0) return false;
        if (n >= 2)
        {
            var two = Elements.Canonical(s[..2].ToString());
            if (two is not null && two.Length == 2) { element = two; return true; }
        }
        var one = Elements.Canonical(s[..1].ToString());
        if (one is null) return false;
        element = one;
        return true;
    }

    /// <summary>"3+" → 3, "+3" → 3, "2-" → −2, "-" → −1, "+" → 1; anything else → null.</summary>
    private static double? ParseCharge(ReadOnlySpan<char> rest)
    {
        rest = rest.Trim();
        if (rest.IsEmpty) return null;
        char sign;
        ReadOnlySpan<char> digits;
        if (rest[^1] is '+' or '-') { sign = rest[^1]; digits = rest[..^1]; }
        else if (rest[0] is '+' or '-') { sign = rest[0]; digits = rest[1..]; }
        else return null;
        var magnitude = 1.0;
        if (!digits.IsEmpty && !CifNumber.TryParse(digits, out magnitude)) return null;
        return sign == '-' ? -magnitude : magnitude;
    }
}
