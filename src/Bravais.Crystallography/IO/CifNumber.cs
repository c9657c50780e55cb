using System.Globalization;

namespace Bravais.Crystallography.IO;

/// <summary>
/// CIF numbers: an invariant-culture decimal or exponent form, optionally followed by a standard
/// uncertainty in parentheses, e.g. <c>1.2345(6)</c>, <c>-0.5</c>, <c>.25</c>, <c>1.2E-3</c>, <c>12(2)</c>.
/// </summary>
public static class CifNumber
{
    public static bool TryParse(ReadOnlySpan<char> text, out double value) => TryParse(text, out value, out _);

    /// <summary>Parses a number; <paramref name="decimals"/> is the count of digits after the point in the mantissa (0 when none).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value, out int decimals)
    {
        decimals = 0;
        var s = text.Trim();
        if (s.Length > 0 && s[^1] == ')')
        {
            var open = s.LastIndexOf('(');
            if (open <= 0) { value = 0; return false; }
            foreach (var ch in s[(open + 1)..^1])
                if (!char.IsAsciiDigit(ch)) { value = 0; return false; }
            s = s[..open];
        }
        if (s.Length == 0) { value = 0; return false; }
        // reject things double.Parse accepts but a CIF number is not (NaN, Infinity, hex, thousands separators)
        foreach (var ch in s)
            if (!(char.IsAsciiDigit(ch) || ch is '.' or '+' or '-' or 'e' or 'E')) { value = 0; return false; }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return false;
        var dot = s.IndexOf('.');
        if (dot >= 0)
        {
            var i = dot + 1;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            decimals = i - dot - 1;
        }
        return true;
    }
}
