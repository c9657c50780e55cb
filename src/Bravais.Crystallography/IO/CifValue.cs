namespace Bravais.Crystallography.IO;

/// <summary>How a CIF value was written: bare word, single- or double-quoted string, or semicolon text field.</summary>
public enum CifValueKind : byte { Bare, SingleQuoted, DoubleQuoted, TextField }

/// <summary>
/// One CIF value as written (quotes and semicolons removed) with the line it started on.
/// Only a bare <c>?</c> is "unknown" and only a bare <c>.</c> "inapplicable"; quoted ones are text.
/// </summary>
public readonly record struct CifValue(string Text, CifValueKind Kind, int Line)
{
    public bool IsUnknown => Kind == CifValueKind.Bare && Text == "?";
    public bool IsInapplicable => Kind == CifValueKind.Bare && Text == ".";

    /// <summary>True for <c>?</c> or <c>.</c>: the value says nothing.</summary>
    public bool IsNull => Kind == CifValueKind.Bare && Text.Length == 1 && Text[0] is '?' or '.';

    /// <summary>The numeric value, ignoring a standard uncertainty in parentheses ("1.2345(6)" → 1.2345).</summary>
    public bool TryGetNumber(out double value) => CifNumber.TryParse(Text, out value);

    public override string ToString() => Text;
}
