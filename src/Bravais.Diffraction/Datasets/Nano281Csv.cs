using System.Globalization;
using Bravais.Crystallography.IO;
using System.Text;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// The NANO281/Kaggle table format, the one codec of it (reading: <see cref="Nano281CsvReader"/>): header
/// <c>id,formula,spacegroup_number,Bravais_lattice,y0..y{N−1}</c>, one structure a row. Intensities simulated here
/// (double) are written like C's and Python's <c>%g</c>: 6 significant digits, invariant culture, scientific form with a
/// lower-case <c>e</c> outside 1e-4 ≤ |y| &lt; 1e6 (e.g. <c>53.2454</c>, <c>4.53772e-05</c>, <c>0</c>) — the form of the
/// pymatgen-made NANO281 files; a table already held as floats (<see cref="PatternTable"/>) is written in the shortest
/// form that reads back to the same float. Ids and formulas holding a comma or quote are double-quoted.
/// </summary>
public static class Nano281Csv
{
    /// <summary>The header line for <paramref name="valueCount"/> intensity columns.</summary>
    public static string Header(int valueCount)
    {
        var sb = new StringBuilder("id,formula,spacegroup_number,Bravais_lattice", 48 + valueCount * 5);
        for (var i = 0; i < valueCount; i++) sb.Append(",y").Append(i.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>Appends one row (no line terminator) to <paramref name="sb"/>.</summary>
    public static void AppendRow(StringBuilder sb, string id, string formula, int spaceGroupNumber, BravaisLattice lattice, ReadOnlySpan<double> values)
    {
        AppendField(sb, id);
        sb.Append(',');
        AppendField(sb, formula);
        sb.Append(',').Append(spaceGroupNumber.ToString(CultureInfo.InvariantCulture)).Append(',').Append(lattice.Label());
        Span<char> buffer = stackalloc char[32];
        foreach (var v in values)
        {
            sb.Append(',');
            sb.Append(buffer[..FormatValue(v, buffer)]);
        }
    }

    /// <summary>One row as a string (no line terminator).</summary>
    public static string Row(string id, string formula, int spaceGroupNumber, BravaisLattice lattice, ReadOnlySpan<double> values)
    {
        var sb = new StringBuilder(64 + values.Length * 10);
        AppendRow(sb, id, formula, spaceGroupNumber, lattice, values);
        return sb.ToString();
    }

    /// <summary>Formats like <c>%g</c> into <paramref name="destination"/>; returns the number of characters written.</summary>
    public static int FormatValue(double value, Span<char> destination)
    {
        if (value == 0) { destination[0] = '0'; return 1; }
        if (!double.IsFinite(value)) throw new DiffractionException($"cannot write a non-finite intensity ({value})");
        value.TryFormat(destination, out var n, "G6", CultureInfo.InvariantCulture);
        for (var i = 0; i < n; i++)
            if (destination[i] == 'E') destination[i] = 'e';
        return n;
    }

    public static string FormatValue(double value)
    {
        Span<char> buffer = stackalloc char[32];
        return new string(buffer[..FormatValue(value, buffer)]);
    }

    /// <summary>The id of the first field of a row line (unquoting a quoted id).</summary>
    public static string IdOf(string line)
    {
        if (line.Length > 0 && line[0] == '"')
        {
            var sb = new StringBuilder();
            for (var i = 1; i < line.Length; i++)
            {
                if (line[i] == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                    else break;
                }
                else sb.Append(line[i]);
            }
            return sb.ToString();
        }
        var comma = line.IndexOf(',');
        return comma < 0 ? line : line[..comma];
    }

    /// <summary>Writes a whole table (gzip when the path ends in .gz) under a temporary name, renamed when complete.</summary>
    public static void Write(string path, PatternTable table) =>
        AtomicFile.Write(path, file =>
        {
            if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) { Write(file, table); return; }
            using var gz = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Optimal);
            Write(gz, table);
        });

    public static void Write(Stream stream, PatternTable table)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var sb = new StringBuilder();
        sb.Append(table.IdColumn).Append(",formula");
        if (table.HasSpaceGroups) sb.Append(",spacegroup_number");
        if (table.HasBravaisLattices) sb.Append(",Bravais_lattice");
        for (var c = 0; c < table.Columns; c++) sb.Append(",y").Append(c.ToString(CultureInfo.InvariantCulture));
        w.WriteLine(sb.ToString());
        Span<char> buffer = stackalloc char[32];
        for (var i = 0; i < table.Count; i++)
        {
            sb.Clear();
            AppendField(sb, table.Ids[i]);
            sb.Append(',');
            AppendField(sb, table.Formulas[i]);
            if (table.HasSpaceGroups) sb.Append(',').Append(table.SpaceGroupNumbers[i].ToString(CultureInfo.InvariantCulture));
            if (table.HasBravaisLattices) sb.Append(',').Append(table.BravaisLattices[i].Label());
            foreach (var v in table.Row(i))
            {
                v.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture);
                sb.Append(',').Append(buffer[..n]);
            }
            w.WriteLine(sb.ToString());
        }
    }

    /// <summary>Splits one line of the header; double-quoted fields (with "" escapes) are supported.</summary>
    public static List<string> SplitFields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>The number of comma-separated fields of a line (commas inside double-quoted fields do not count).</summary>
    public static int FieldCount(string line)
    {
        var count = 1;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted; // a doubled quote inside a field toggles twice
            else if (c == ',' && !quoted) count++;
        }
        return count;
    }

    private static void AppendField(StringBuilder sb, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\n\r") < 0) { sb.Append(value); return; }
        sb.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
    }
}
