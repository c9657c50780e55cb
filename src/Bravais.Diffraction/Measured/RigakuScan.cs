using System.Globalization;
using Bravais.Crystallography;
using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// What Rigaku's two formats (.ras text, .rasx archive) share: the header keys of a scan (<c>*KEY "value"</c> in .ras,
/// the same keys or their XML elements in .rasx), the check that the scan axis is 2θ in degrees, the radiation, and the
/// data rows <c>2θ  intensity  [attenuator factor]</c> (the intensity is the count times the factor, as Rigaku's
/// software shows it).
/// </summary>
internal sealed class RigakuScan
{
    public string? Axis, Unit, WaveType, Anode, DeclaredCount;
    public double? KAlpha1, KAlpha2, KBeta;

    /// <summary>Takes a <c>.ras</c>-style key (without the star) and its value.</summary>
    public void Set(string key, string value)
    {
        switch (key)
        {
            case "MEAS_SCAN_AXIS_X_INTERNAL": Axis = value; break;
            case "MEAS_SCAN_AXIS_X": Axis ??= value; break;
            case "MEAS_SCAN_UNIT_X": Unit = value; break;
            case "MEAS_COND_XG_WAVE_TYPE": WaveType = value; break;
            case "HW_XG_WAVE_TYPE": WaveType ??= value; break;
            case "HW_XG_TARGET_NAME": Anode = value; break;
            case "HW_XG_WAVE_LENGTH_ALPHA1": KAlpha1 = Number(value); break;
            case "HW_XG_WAVE_LENGTH_ALPHA2": KAlpha2 = Number(value); break;
            case "HW_XG_WAVE_LENGTH_BETA": KBeta = Number(value); break;
            case "MEAS_DATA_COUNT": DeclaredCount = value; break;
        }
    }

    /// <summary>A header line <c>*KEY "value"</c>; a value "日本語|English" keeps its English part.</summary>
    public static bool TryParseHeader(string line, out string key, out string value)
    {
        key = value = "";
        var t = line.Trim();
        if (!t.StartsWith('*')) return false;
        var space = t.IndexOfAny([' ', '\t']);
        key = space < 0 ? t[1..] : t[1..space];
        value = space < 0 ? "" : t[(space + 1)..].Trim();
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
        var bar = value.LastIndexOf('|');
        if (bar >= 0) value = value[(bar + 1)..];
        value = value.Trim();
        return key.Length > 0;
    }

    /// <summary>Refuses scans whose abscissa is not 2θ in degrees.</summary>
    public void CheckTwoTheta(SourceLocation where, Dictionary<string, string> metadata)
    {
        if (Axis is { Length: > 0 } axis)
        {
            metadata["scan.axis"] = axis;
            var a = axis.Replace("-", "").Replace(" ", "").Replace("/", "");
            if (!(a.StartsWith("TwoTheta", StringComparison.OrdinalIgnoreCase) || a.StartsWith("2Theta", StringComparison.OrdinalIgnoreCase)))
                throw new DiffractionException($"the scan axis is '{axis}', not 2θ (read: TwoThetaTheta, TwoThetaOmega, TwoTheta and other 2θ scans)", where);
        }
        else metadata["scan.axis"] = "not stated (2θ assumed)";
        if (Unit is { Length: > 0 } unit && !unit.StartsWith("deg", StringComparison.OrdinalIgnoreCase))
            throw new DiffractionException($"the scan axis unit is '{unit}', not degrees", where);
    }

    public Radiation? Radiation(Dictionary<string, string> metadata) =>
        FileRadiation.From(Anode, KAlpha1, KAlpha2, null, KBeta, WaveType, metadata);

    /// <summary>Notes a data count that differs from the header's <c>MEAS_DATA_COUNT</c>.</summary>
    public void NoteCount(int count, Dictionary<string, string> metadata)
    {
        if (DeclaredCount is { } d && int.TryParse(d, NumberStyles.Integer, CultureInfo.InvariantCulture, out var declared) && declared != count)
            metadata["points.declared"] = $"{declared} (the data block holds {count})";
    }

    /// <summary>One data row: 2θ, intensity and an optional attenuator factor (whitespace or comma separated).</summary>
    public static void AddRow(string line, int lineNumber, List<double> x, List<double> y, List<int> lines, SourceLocation where, MeasuredReadOptions options)
    {
        var fields = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
            throw new DiffractionException($"a data row needs 2θ and intensity, found {fields.Length} value(s)", where with { Line = lineNumber });
        var angle = Parse(fields[0], 1, where, lineNumber);
        var intensity = Parse(fields[1], 2, where, lineNumber);
        if (fields.Length >= 3) intensity *= Parse(fields[2], 3, where, lineNumber);
        if (x.Count >= options.MaxPoints) ColumnData.CheckRoom(x.Count, options, where.File!, lineNumber);
        x.Add(angle);
        y.Add(intensity);
        lines.Add(lineNumber);
    }

    private static double Parse(string text, int column, SourceLocation where, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new DiffractionException($"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not a number (column {column})", where with { Line = line, Column = column });

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
