using System.Globalization;
using Bravais.Crystallography;
using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// Two- or three-column text (.xy, .xye, .dat, .txt, .csv): abscissa, intensity and an optional standard
/// uncertainty. Comment lines start with #, !, ;, %, ' or //; non-numeric lines before the data are headers.
/// Columns may be separated by whitespace, commas, semicolons or tabs; with semicolons a decimal comma is
/// accepted (European spreadsheet export). Header and comment text is searched for a wavelength
/// ("lambda = 1.5406", "Cu Ka") and for the abscissa name (2theta, Q, d).
/// </summary>
public static class TextColumnsReader
{
    private static readonly string[] CommentPrefixes = ["#", "!", ";", "%", "'", "//"];

    public static MeasuredPattern Read(TextReader reader, string source, MeasuredReadOptions? options = null)
    {
        options ??= MeasuredReadOptions.Default;
        var x = new List<double>(4096); var y = new List<double>(4096); var s = new List<double>(4096);
        var lines = new List<int>(4096);
        var metadata = new Dictionary<string, string> { ["format"] = "text columns" };
        Radiation? wavelength = null;
        Abscissa kind = Abscissa.TwoThetaDegrees;
        var columns = 0;
        var lineNumber = 0;
        var headerLines = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var t = line.Trim();
            if (t.Length == 0) continue;
            if (IsComment(t) || (x.Count == 0 && !StartsNumeric(t)))
            {
                if (x.Count > 0) continue; // comment inside or after the data
                headerLines++;
                if (wavelength is null && Radiation.TryFindInText(t, out var w)) wavelength = w;
                if (HeaderAbscissa(t) is { } a) kind = a;
                continue;
            }
            var fields = Split(t, out var decimalComma);
            var values = new double[Math.Min(fields.Length, 3)];
            for (var f = 0; f < values.Length; f++)
            {
                var text = decimalComma ? fields[f].Replace(',', '.') : fields[f];
                if (!TryParseNumber(text, out values[f]))
                {
                    throw new DiffractionException($"'{fields[f]}' is not a number (column {f + 1})", new SourceLocation(source, Line: lineNumber, Column: f + 1));
                }
            }
            if (fields.Length < 2)
                throw new DiffractionException("only one column: expected abscissa and intensity (and optionally uncertainty)", new SourceLocation(source, Line: lineNumber));
            if (columns == 0) columns = Math.Min(fields.Length, 3);
            else if (fields.Length < columns)
                throw new DiffractionException($"{fields.Length} columns where earlier lines have {columns}", new SourceLocation(source, Line: lineNumber));
            ColumnData.CheckRoom(x.Count, options, source, lineNumber);
            x.Add(values[0]); y.Add(values[1]);
            if (columns >= 3) s.Add(values[2]);
            lines.Add(lineNumber);
        }
        if (headerLines > 0) metadata["header.lines"] = headerLines.ToString(CultureInfo.InvariantCulture);
        metadata["columns"] = columns.ToString(CultureInfo.InvariantCulture);
        return ColumnData.Build(source, x, y, columns >= 3 ? s : null, lines, kind, wavelength, metadata, options);
    }

    private static bool IsComment(string t)
    {
        foreach (var p in CommentPrefixes) if (t.StartsWith(p, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>A line is data when its first field is a number (NaN/inf included: they are data, rejected later as non-finite).</summary>
    private static bool StartsNumeric(string t)
    {
        var first = Split(t, out var decimalComma)[0];
        return TryParseNumber(decimalComma ? first.Replace(',', '.') : first, out _);
    }

    private static bool TryParseNumber(string text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        var t = text.Trim().ToLowerInvariant();
        value = t switch
        {
            "nan" or "-nan" or "+nan" => double.NaN,
            "inf" or "+inf" or "infinity" => double.PositiveInfinity,
            "-inf" or "-infinity" => double.NegativeInfinity,
            _ => 0,
        };
        return t is "nan" or "-nan" or "+nan" or "inf" or "+inf" or "infinity" or "-inf" or "-infinity";
    }

    private static string[] Split(string t, out bool decimalComma)
    {
        decimalComma = false;
        if (t.Contains(';'))
        {
            var parts = t.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            decimalComma = parts.Any(p => p.Contains(',')) && !parts.Any(p => p.Contains('.'));
            return parts;
        }
        if (t.Contains(','))
            return t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>A column-name header such as "2theta intensity", "Q(1/A),I" or "d_spacing counts".</summary>
    private static Abscissa? HeaderAbscissa(string t)
    {
        var first = t.TrimStart('#', '!', ';', '%', '\'', '/', ' ').Split([' ', '\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is null) return null;
        var name = first.ToLowerInvariant();
        var cut = name.IndexOfAny(['(', '[', '/']);
        if (cut > 0) name = name[..cut];
        return name switch
        {
            "2theta" or "2θ" or "twotheta" or "2th" or "tth" or "angle" => Abscissa.TwoThetaDegrees,
            "q" => Abscissa.QInverseAngstrom,
            "d" or "d_spacing" or "dspacing" or "d-spacing" => Abscissa.DSpacingAngstrom,
            _ => null,
        };
    }
}
