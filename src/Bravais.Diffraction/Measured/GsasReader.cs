using System.Globalization;
using Bravais.Crystallography;
using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// GSAS raw powder data (.gsa, .gss, .gsas, .fxye, .raw from GSAS-II exports and many synchrotron beamlines,
/// e.g. APS 11-BM): a title line, optional comment/instrument lines, then a
/// <c>BANK ibank nchan nrec BINTYP bcoef1 bcoef2 … TYPE</c> record. Constant-wavelength banks are read:
/// BINTYP CONS/CONST with TYPE STD (ten 8-column fields: I2 count + F6 intensity), ESD (five F8 intensity/σ
/// pairs) or FXYE (free-format x y σ); x and the CONS start/step are in centidegrees. The first bank is read;
/// time-of-flight banks are refused with a clear message, and a bank with fewer channels than it declares (a truncated
/// file) is an error. "Instrument parameter" and comment lines are searched
/// for a wavelength ("Lam", "lambda", "Cu Ka").
/// </summary>
public static class GsasReader
{
    public static MeasuredPattern Read(TextReader reader, string source, MeasuredReadOptions? options = null)
    {
        options ??= MeasuredReadOptions.Default;
        var metadata = new Dictionary<string, string> { ["format"] = "gsas" };
        Radiation? wavelength = null;
        string? line;
        var lineNumber = 0;
        string[]? bank = null;
        var bankLine = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var t = line.Trim();
            if (t.StartsWith("BANK", StringComparison.OrdinalIgnoreCase))
            {
                bank = t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                bankLine = lineNumber;
                break;
            }
            if (lineNumber == 1) metadata["title"] = t;
            if (wavelength is null && Radiation.TryFindInText(t, out var w)) wavelength = w;
        }
        if (bank is null) throw new DiffractionException("no BANK record found (is this a GSAS raw file?)", new SourceLocation(source, Line: lineNumber));
        if (bank.Length < 6)
            throw new DiffractionException("BANK record needs at least: BANK ibank nchan nrec BINTYP bcoef1 bcoef2", new SourceLocation(source, Line: bankLine));

        var nchan = Int(bank[2], "nchan", source, bankLine);
        var binType = bank[4].ToUpperInvariant();
        var dataType = bank.Length > 5 && !IsNumber(bank[^1]) ? bank[^1].ToUpperInvariant() : "STD";
        metadata["bank"] = bank[1];
        metadata["gsas.type"] = $"{binType} {dataType}";
        if (binType is "TIME_MAP" or "RALF" or "SLOG")
            throw new DiffractionException($"BANK uses {binType} (time-of-flight) binning; only constant-wavelength (CONS) banks are read — export d-spacing text instead", new SourceLocation(source, Line: bankLine));
        if (binType is not ("CONS" or "CONST"))
            throw new DiffractionException($"unknown BINTYP '{bank[4]}' (expected CONS)", new SourceLocation(source, Line: bankLine, Field: "BINTYP"));

        ColumnData.CheckDeclared(nchan, "the BANK record's nchan", options, new SourceLocation(source, Line: bankLine, Field: "nchan"));
        var capacity = Math.Min(nchan, 1 << 16); // the header may lie: grow as points arrive
        var x = new List<double>(capacity); var y = new List<double>(capacity); var s = new List<double>(capacity);
        var lines = new List<int>(capacity);
        double start = 0, step = 0;
        if (dataType != "FXYE")
        {
            if (bank.Length < 7) throw new DiffractionException("CONS bank needs bcoef1 (start) and bcoef2 (step)", new SourceLocation(source, Line: bankLine));
            start = Double(bank[5], "bcoef1", source, bankLine) / 100;
            step = Double(bank[6], "bcoef2", source, bankLine) / 100;
            if (!(step > 0)) throw new DiffractionException($"step {bank[6]} centidegrees must be > 0", new SourceLocation(source, Line: bankLine, Field: "bcoef2"));
        }

        while (x.Count < nchan && (line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.TrimStart().StartsWith("BANK", StringComparison.OrdinalIgnoreCase))
            {
                metadata["banks"] = "several (the first is read)";
                break;
            }
            if (line.Length > 80) line = line[..80]; // columns 73–80 may hold a sequence number in old files
            switch (dataType)
            {
                case "STD":
                    for (var c = 0; c + 2 <= line.Length && x.Count < nchan; c += 8)
                    {
                        var field = line.Substring(c, Math.Min(8, line.Length - c));
                        if (field.Trim().Length == 0) continue;
                        var countText = field.Length >= 2 ? field[..2].Trim() : "";
                        var count = countText.Length == 0 ? 1 : Int(countText, "ncount", source, lineNumber);
                        var value = Double(field.Length > 2 ? field[2..] : field, "intensity", source, lineNumber);
                        x.Add(start + step * x.Count); y.Add(value); s.Add(Math.Sqrt(Math.Max(value, 0) / Math.Max(count, 1))); lines.Add(lineNumber);
                    }
                    break;
                case "ESD":
                    for (var c = 0; c + 8 <= line.Length + 7 && x.Count < nchan; c += 16)
                    {
                        if (c >= line.Length) break;
                        var yi = Double(line.Substring(c, Math.Min(8, line.Length - c)), "intensity", source, lineNumber);
                        var si = c + 8 < line.Length ? Double(line.Substring(c + 8, Math.Min(8, line.Length - c - 8)), "esd", source, lineNumber) : Math.Sqrt(Math.Max(yi, 0));
                        x.Add(start + step * x.Count); y.Add(yi); s.Add(si); lines.Add(lineNumber);
                    }
                    break;
                case "FXYE":
                {
                    var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (f.Length == 0) continue;
                    if (f.Length < 3) throw new DiffractionException($"FXYE line needs x y esd, found {f.Length} value(s)", new SourceLocation(source, Line: lineNumber));
                    x.Add(Double(f[0], "x", source, lineNumber) / 100); y.Add(Double(f[1], "y", source, lineNumber)); s.Add(Double(f[2], "esd", source, lineNumber)); lines.Add(lineNumber);
                    break;
                }
                default:
                    throw new DiffractionException($"GSAS data type '{dataType}' is not supported (STD, ESD and FXYE are)", new SourceLocation(source, Line: bankLine));
            }
        }
        if (x.Count < nchan)
            throw new DiffractionException($"the bank declares {nchan} channels but the file holds {x.Count}: it is truncated", new SourceLocation(source, Line: lineNumber));
        return ColumnData.Build(source, x, y, s, lines, Abscissa.TwoThetaDegrees, wavelength, metadata, options);
    }

    private static bool IsNumber(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static int Int(string s, string field, string source, int line) =>
        int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
            : throw new DiffractionException($"'{s.Trim()}' is not an integer", new SourceLocation(source, Line: line, Field: field));

    private static double Double(string s, string field, string source, int line) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new DiffractionException($"'{s.Trim()}' is not a number", new SourceLocation(source, Line: line, Field: field));
}
