using System.Globalization;
using System.IO.Compression;
using System.Text;
using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Patterns;
using Bravais.Learning.Models;

namespace Bravais.Learning.Data;

/// <summary>
/// Reads and writes NANO281/Kaggle pattern tables: <c>id,formula,spacegroup_number,Bravais_lattice,y0..yN</c>
/// (first column <c>id</c> or <c>cod_id</c>; any N), plain or gzip (by the <c>.gz</c> suffix or the gzip magic bytes).
/// Every row is kept or the read fails: a malformed row raises a <see cref="LearningException"/> naming the
/// file, line, column and offending value. Floats are written with the invariant culture in round-trip form.
/// </summary>
public static class PatternCsv
{

    /// <summary>Reads a file. <paramref name="grid"/> states the 2θ grid of the y columns (NANO281 files do not carry it); null = <see cref="PatternDataset.DefaultGrid"/>.</summary>
    public static PatternDataset Read(string path, AngleGrid? grid = null, CancellationToken cancellation = default)
    {
        if (!File.Exists(path)) throw new LearningException("file not found", new SourceLocation(path));
        using var file = File.OpenRead(path);
        return Read(file, path, grid, cancellation);
    }

    public static PatternDataset Read(Stream stream, string name, AngleGrid? grid = null, CancellationToken cancellation = default)
    {
        using var reader = new StreamReader(OpenMaybeGzip(stream), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        string? header;
        try { header = reader.ReadLine(); }
        catch (InvalidDataException e) { throw new LearningException($"not a readable gzip file ({e.Message})", new SourceLocation(name), e); }
        if (header is null) throw new LearningException("empty file (no header line)", new SourceLocation(name, Line: 1));
        var columns = SplitFields(header);
        // leading columns: the id, then any of formula / spacegroup_number / Bravais_lattice (unlabelled files for prediction may lack the labels)
        var leading = 1;
        int formulaColumn = -1, groupColumn = -1, latticeColumn = -1;
        for (; leading < columns.Count; leading++)
        {
            var h = columns[leading].Trim();
            if (h.Equals("formula", StringComparison.OrdinalIgnoreCase)) formulaColumn = leading;
            else if (h.Equals("spacegroup_number", StringComparison.OrdinalIgnoreCase)) groupColumn = leading;
            else if (h.Equals("Bravais_lattice", StringComparison.OrdinalIgnoreCase)) latticeColumn = leading;
            else break;
        }
        var LeadingColumns = leading;
        if (columns.Count <= LeadingColumns)
            throw new LearningException($"header has no intensity columns; expected id,formula,spacegroup_number,Bravais_lattice,y0..yN", new SourceLocation(name, Line: 1));
        var idColumn = columns[0].Trim();
        if (idColumn is not ("id" or "cod_id"))
            throw new LearningException($"first column is '{idColumn}'; expected 'id' or 'cod_id'", new SourceLocation(name, Line: 1, Column: 1));
        for (var c = LeadingColumns; c < columns.Count; c++)
        {
            var h = columns[c].Trim();
            if (!(h.Length > 1 && (h[0] is 'y' or 'Y') && h[1..].All(char.IsAsciiDigit)))
                throw new LearningException($"column {c + 1} is '{h}'; expected an intensity column y0..yN (leading columns: id, formula, spacegroup_number, Bravais_lattice)", new SourceLocation(name, Line: 1, Column: c + 1));
        }
        var nY = columns.Count - LeadingColumns;
        var theGrid = grid ?? PatternDataset.DefaultGrid(nY);
        if (theGrid.Count != nY)
            throw new LearningException($"the file has {nY} intensity columns but the stated 2θ grid {theGrid} has {theGrid.Count} points", new SourceLocation(name, Line: 1));

        var ids = new List<string>(); var formulas = new List<string>(); var groups = new List<int>(); var lattices = new List<BravaisLattice>();
        var values = new List<float>(1 << 20);
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue; // a trailing empty line is not a row
            if ((lineNumber & 1023) == 0) cancellation.ThrowIfCancellationRequested();
            var fields = SplitFields(line);
            Location Where(int column) => new(name, lineNumber, column, column < columns.Count ? columns[column].Trim() : $"#{column + 1}");
            if (fields.Count != columns.Count)
                throw new LearningException($"row has {fields.Count} fields; the header has {columns.Count}", new SourceLocation(name, Line: lineNumber));
            var id = fields[0].Trim();
            if (id.Length == 0) throw Error(Where(0), "empty id", fields[0]);
            var sg = 0;
            if (groupColumn > 0 && (!int.TryParse(fields[groupColumn], NumberStyles.Integer, CultureInfo.InvariantCulture, out sg) || sg is < 1 or > 230))
                throw Error(Where(groupColumn), "space-group number must be an integer 1–230", fields[groupColumn]);
            var lattice = default(BravaisLattice);
            if (latticeColumn > 0 && !BravaisLattices.TryParse(fields[latticeColumn], out lattice))
                throw Error(Where(latticeColumn), "not a Bravais lattice label (aP mP mS oP oS oI oF tP tI hP hR cP cI cF)", fields[latticeColumn]);
            ids.Add(id); formulas.Add(formulaColumn > 0 ? fields[formulaColumn].Trim() : ""); groups.Add(sg); lattices.Add(lattice);
            for (var c = LeadingColumns; c < fields.Count; c++)
            {
                if (!float.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
                {
                    // a value beyond float range (e.g. 1e-320 underflows fine, 1e+40 overflows) or text
                    if (double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Abs(d) < 1e-30) v = 0;
                    else throw Error(Where(c), "intensity is not a finite number", fields[c]);
                }
                values.Add(v);
            }
        }
        if (ids.Count == 0) throw new LearningException("no data rows", new SourceLocation(name, Line: lineNumber));
        return new PatternDataset(ids.ToArray(), formulas.ToArray(), groups.ToArray(), lattices.ToArray(),
            new FeatureMatrix(values.ToArray(), ids.Count, nY), Diffraction.Profiles.PatternPresets.InstrumentFor(theGrid), idColumn)
        {
            HasSpaceGroups = groupColumn > 0,
            HasBravaisLattices = latticeColumn > 0,
        };
    }

    private readonly record struct Location(string File, int Line, int Column, string Field);

    private static LearningException Error(Location at, string reason, string value) =>
        new($"row {at.Line - 1}: {reason}, got '{Truncate(value)}'", new SourceLocation(at.File, Line: at.Line, Column: at.Column + 1, Field: at.Field));

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>Writes the dataset (gzip when the path ends in .gz). Written to a temporary file and renamed, so a reader never sees half a file.</summary>
    public static void Write(string path, PatternDataset data)
    {
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var file = File.Create(temp))
            {
                Stream target = file;
                GZipStream? gz = null;
                if (full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) target = gz = new GZipStream(file, CompressionLevel.Optimal);
                Write(target, data);
                gz?.Dispose();
            }
            File.Move(temp, full, overwrite: true);
        }
        finally { if (File.Exists(temp)) File.Delete(temp); }
    }

    public static void Write(Stream stream, PatternDataset data)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var sb = new StringBuilder();
        sb.Append(data.IdColumn).Append(",formula");
        if (data.HasSpaceGroups) sb.Append(",spacegroup_number");
        if (data.HasBravaisLattices) sb.Append(",Bravais_lattice");
        for (var c = 0; c < data.Intensities.Columns; c++) sb.Append(",y").Append(c.ToString(CultureInfo.InvariantCulture));
        w.WriteLine(sb.ToString());
        Span<char> buffer = stackalloc char[32];
        for (var i = 0; i < data.Count; i++)
        {
            sb.Clear();
            sb.Append(Quote(data.Ids[i])).Append(',').Append(Quote(data.Formulas[i]));
            if (data.HasSpaceGroups) sb.Append(',').Append(data.SpaceGroupNumbers[i].ToString(CultureInfo.InvariantCulture));
            if (data.HasBravaisLattices) sb.Append(',').Append(data.BravaisLattices[i].Label());
            foreach (var v in data.Intensities.ReadOnlyRow(i))
            {
                v.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture);
                sb.Append(',').Append(buffer[..n]);
            }
            w.WriteLine(sb.ToString());
        }
    }

    /// <summary>SHA-256 of a file's bytes, lower-case hex: the training-data fingerprint stored in model files.</summary>
    public static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
    }

    internal static Stream OpenMaybeGzip(Stream stream)
    {
        var buffered = stream.CanSeek ? stream : new BufferedStream(stream);
        if (!buffered.CanSeek)
        {
            var copy = new MemoryStream();
            buffered.CopyTo(copy);
            copy.Position = 0;
            buffered = copy;
        }
        var start = buffered.Position;
        var b0 = buffered.ReadByte(); var b1 = buffered.ReadByte();
        buffered.Position = start;
        return b0 == 0x1f && b1 == 0x8b ? new GZipStream(buffered, CompressionMode.Decompress) : buffered;
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Splits one CSV line; double-quoted fields (with "" escapes) are supported for ids and formulas.</summary>
    internal static List<string> SplitFields(string line)
    {
        var fields = new List<string>(190);
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                fields.Add(sb.ToString());
                if (i < line.Length && line[i] == ',') { i++; continue; }
                if (i >= line.Length) break;
                // text after a closing quote: keep it as part of the field up to the next comma
                var rest = line.IndexOf(',', i);
                fields[^1] += rest < 0 ? line[i..] : line[i..rest];
                if (rest < 0) break;
                i = rest + 1;
                continue;
            }
            var comma = line.IndexOf(',', i);
            if (comma < 0) { fields.Add(line[i..]); break; }
            fields.Add(line[i..comma]);
            i = comma + 1;
        }
        return fields;
    }
}
