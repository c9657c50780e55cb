using Bravais.Crystallography;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// Rigaku <c>.ras</c> (SmartLab, MiniFlex, Ultima): text in sections, <c>*RAS_DATA_START</c>, then per scan a
/// <c>*RAS_HEADER_START … *RAS_HEADER_END</c> block of <c>*KEY "value"</c> lines and a <c>*RAS_INT_START … *RAS_INT_END</c>
/// block of rows <c>2θ intensity [attenuator factor]</c>, and <c>*RAS_DATA_END</c>. The first scan is read (a file of
/// several says so in the metadata; scans of one file may overlap or differ in conditions, so they are not joined);
/// its axis (<c>MEAS_SCAN_AXIS_X</c>) must be a 2θ axis in degrees. The wavelength comes from
/// <c>HW_XG_WAVE_LENGTH_ALPHA1/ALPHA2/BETA</c>, <c>HW_XG_TARGET_NAME</c> and the line type
/// <c>MEAS_COND_XG_WAVE_TYPE</c> (see <see cref="FileRadiation"/>). A file without its closing
/// <c>*RAS_INT_END</c>/<c>*RAS_DATA_END</c> is truncated and refused.
/// </summary>
public static class RasReader
{
    public const string Magic = "*RAS_DATA_START";

    private enum Section { Before, Outside, Header, Data, Other }

    public static MeasuredPattern Read(TextReader reader, string source, MeasuredReadOptions? options = null)
    {
        options ??= MeasuredReadOptions.Default;
        var metadata = new Dictionary<string, string> { ["format"] = "rigaku ras" };
        var scan = new RigakuScan();
        var x = new List<double>(4096); var y = new List<double>(4096); var lines = new List<int>(4096);
        var section = Section.Before;
        string? otherEnd = null;
        var scans = 0;
        var lineNumber = 0;
        var openedAt = 0;
        var ended = false;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var t = line.Trim().TrimStart('\uFEFF');
            if (t.Length == 0) continue;
            var at = new SourceLocation(source, Line: lineNumber);
            if (ended) throw new DiffractionException("text after *RAS_DATA_END", at);
            switch (section)
            {
                case Section.Before:
                    if (t != Magic) throw new DiffractionException($"not a Rigaku RAS file: the first line is not {Magic}", at);
                    section = Section.Outside;
                    break;
                case Section.Outside:
                    openedAt = lineNumber;
                    if (t == "*RAS_HEADER_START") { scans++; section = Section.Header; }
                    else if (t == "*RAS_INT_START")
                    {
                        if (scans == 0) throw new DiffractionException("*RAS_INT_START before any *RAS_HEADER_START", at);
                        if (scans == 1) scan.CheckTwoTheta(at, metadata);
                        section = Section.Data;
                    }
                    else if (t == "*RAS_DATA_END") ended = true;
                    else if (t.StartsWith("*RAS_", StringComparison.Ordinal) && t.EndsWith("_START", StringComparison.Ordinal))
                    {
                        otherEnd = t[..^"_START".Length] + "_END";
                        section = Section.Other;
                    }
                    else throw new DiffractionException($"unexpected line '{Short(t)}' between sections (expected *RAS_HEADER_START, *RAS_INT_START or *RAS_DATA_END)", at);
                    break;
                case Section.Header:
                    if (t == "*RAS_HEADER_END") section = Section.Outside;
                    else if (scans == 1 && RigakuScan.TryParseHeader(t, out var key, out var value)) scan.Set(key, value);
                    break;
                case Section.Data:
                    if (t == "*RAS_INT_END") section = Section.Outside;
                    else if (scans == 1) RigakuScan.AddRow(t, lineNumber, x, y, lines, new SourceLocation(source), options);
                    break;
                case Section.Other:
                    if (t == otherEnd) section = Section.Outside;
                    break;
            }
        }
        var end = new SourceLocation(source, Line: lineNumber);
        if (section == Section.Before) throw new DiffractionException("the file is empty", end);
        if (section != Section.Outside)
            throw new DiffractionException($"the file ends inside the section opened on line {openedAt}: it is truncated", end);
        if (!ended) throw new DiffractionException("no *RAS_DATA_END: the file is truncated", end);
        if (scans == 0) throw new DiffractionException("no scan (*RAS_HEADER_START) in the file", end);
        if (scans > 1) metadata["scans"] = $"{scans} (the first is read)";
        scan.NoteCount(x.Count, metadata);
        return ColumnData.Build(source, x, y, null, lines, Abscissa.TwoThetaDegrees, scan.Radiation(metadata), metadata, options);
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
