using System.Globalization;
using System.Text;
using Bravais.Crystallography;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Symmetry;
using nietras.SeparatedValues;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// Reads NANO281/Kaggle tables (<see cref="Nano281Csv"/>'s format): first column <c>id</c> or <c>cod_id</c>, then any of
/// formula / spacegroup_number / Bravais_lattice, then <c>y0..yN</c> (any N); plain or gzip (by the magic bytes; a
/// truncated gzip file is an error, not a shorter table); double-quoted fields with <c>""</c> escapes. Parsed with Sep
/// (fast, allocation-free per field). Every row is kept or the read fails: a malformed row is a
/// <see cref="DiffractionException"/> naming the file, line, column and offending value.
/// </summary>
public static class Nano281CsvReader
{
    public static PatternTable Read(string path, CancellationToken cancellation = default)
    {
        if (!File.Exists(path)) throw new DiffractionException("file not found", new SourceLocation(path));
        using var file = File.OpenRead(path);
        return Read(file, path, cancellation);
    }

    /// <summary>The number of intensity columns the header names, without reading the rows.</summary>
    public static int IntensityColumns(string path)
    {
        if (!File.Exists(path)) throw new DiffractionException("file not found", new SourceLocation(path));
        using var file = File.OpenRead(path);
        using var text = OpenText(file, path);
        var header = ReadHeader(text, path);
        return header.Count - header.Leading;
    }

    public static PatternTable Read(Stream stream, string name, CancellationToken cancellation = default)
    {
        using var text = OpenText(stream, name);
        var header = ReadHeader(text, name);
        var (columns, leading) = (header.Names, header.Leading);
        var nY = columns.Length - leading;
        var ids = new List<string>(); var formulas = new List<string>(); var groups = new List<int>(); var lattices = new List<BravaisLattice>();
        var values = new List<float>(1 << 20);
        Span<float> row = new float[nY];
        try
        {
            using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true, CultureInfo = CultureInfo.InvariantCulture }).From(text);
            foreach (var r in reader)
            {
                var line = r.LineNumberToExcl; // Sep counts from the line after the header, which was read before it saw the text
                if (r.ColCount == 1 && r.Span.Trim().Length == 0) continue; // a blank line is not a row
                if ((r.RowIndex & 1023) == 0) cancellation.ThrowIfCancellationRequested();
                SourceLocation Where(int column) => new(name, Line: line, Column: column + 1, Field: column < columns.Length ? columns[column] : $"#{column + 1}");
                if (r.ColCount != columns.Length)
                    throw new DiffractionException($"row has {r.ColCount} fields; the header has {columns.Length}", new SourceLocation(name, Line: line));
                var id = r[0].Span.Trim().ToString();
                if (id.Length == 0) throw Error(Where(0), line, "empty id", r[0].ToString());
                var sg = 0;
                if (header.Group > 0 && (!int.TryParse(r[header.Group].Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out sg) || sg is < 1 or > 230))
                    throw Error(Where(header.Group), line, "space-group number must be an integer 1–230", r[header.Group].ToString());
                var lattice = default(BravaisLattice);
                if (header.Lattice > 0 && !BravaisLattices.TryParse(r[header.Lattice].ToString(), out lattice))
                    throw Error(Where(header.Lattice), line, "not a Bravais lattice label (aP mP mS oP oS oI oF tP tI hP hR cP cI cF)", r[header.Lattice].ToString());
                for (var c = 0; c < nY; c++)
                {
                    var col = r[leading + c];
                    var field = col.Span;
                    if (!col.TryParse<float>(out var v) || !float.IsFinite(v))
                    {
                        // beyond float range: a value that underflows (1e-320) is 0; one that overflows (1e+40), or text, is an error
                        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Abs(d) < 1e-30) v = 0;
                        else throw Error(Where(leading + c), line, "intensity is not a finite number", field.ToString());
                    }
                    row[c] = v;
                }
                ids.Add(id); formulas.Add(header.Formula > 0 ? r[header.Formula].Span.Trim().ToString() : ""); groups.Add(sg); lattices.Add(lattice);
                foreach (var v in row) values.Add(v);
            }
        }
        catch (InvalidDataException e) { throw new DiffractionException($"not a readable gzip file ({e.Message})", new SourceLocation(name), e); }
        if (ids.Count == 0) throw new DiffractionException("no data rows", new SourceLocation(name, Line: 2));
        return new PatternTable(columns[0], [.. ids], [.. formulas], [.. groups], [.. lattices], [.. values], nY, header.Group > 0, header.Lattice > 0);
    }

    private sealed record Header(string[] Names, int Leading, int Formula, int Group, int Lattice)
    {
        public int Count => Names.Length;
    }

    private static Header ReadHeader(TextReader text, string name)
    {
        string? line;
        try { line = text.ReadLine(); }
        catch (InvalidDataException e) { throw new DiffractionException($"not a readable gzip file ({e.Message})", new SourceLocation(name), e); }
        if (line is null) throw new DiffractionException("empty file (no header line)", new SourceLocation(name, Line: 1));
        var columns = Nano281Csv.SplitFields(line).Select(c => c.Trim()).ToArray();
        // leading columns: the id, then any of formula / spacegroup_number / Bravais_lattice (unlabelled files may lack the labels)
        int leading = 1, formula = -1, group = -1, lattice = -1;
        for (; leading < columns.Length; leading++)
        {
            var h = columns[leading];
            if (h.Equals("formula", StringComparison.OrdinalIgnoreCase)) formula = leading;
            else if (h.Equals("spacegroup_number", StringComparison.OrdinalIgnoreCase)) group = leading;
            else if (h.Equals("Bravais_lattice", StringComparison.OrdinalIgnoreCase)) lattice = leading;
            else break;
        }
        if (columns.Length <= leading)
            throw new DiffractionException("header has no intensity columns; expected id,formula,spacegroup_number,Bravais_lattice,y0..yN", new SourceLocation(name, Line: 1));
        if (columns[0] is not ("id" or "cod_id"))
            throw new DiffractionException($"first column is '{columns[0]}'; expected 'id' or 'cod_id'", new SourceLocation(name, Line: 1, Column: 1));
        for (var c = leading; c < columns.Length; c++)
        {
            var h = columns[c];
            if (!(h.Length > 1 && (h[0] is 'y' or 'Y') && h[1..].All(char.IsAsciiDigit)))
                throw new DiffractionException($"column {c + 1} is '{h}'; expected an intensity column y0..yN (leading columns: id, formula, spacegroup_number, Bravais_lattice)", new SourceLocation(name, Line: 1, Column: c + 1));
        }
        return new Header(columns, leading, formula, group, lattice);
    }

    private static DiffractionException Error(SourceLocation at, int line, string reason, string value) =>
        new($"row {line - 1}: {reason}, got '{(value.Length > 40 ? value[..40] + "…" : value)}'", at);

    /// <summary>Text of a plain or gzip stream (by the magic bytes); a gzip file is checked against its trailer at the end.</summary>
    private static StreamReader OpenText(Stream stream, string name)
    {
        var seekable = stream.CanSeek ? stream : Copy(stream);
        var start = seekable.Position;
        var b0 = seekable.ReadByte(); var b1 = seekable.ReadByte();
        seekable.Position = start;
        Stream content = b0 == 0x1f && b1 == 0x8b
            ? new GzipTrailerCheckingStream(seekable, leaveOpen: seekable == stream)
            : seekable;
        return new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    private static MemoryStream Copy(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
