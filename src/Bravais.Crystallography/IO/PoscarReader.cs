using System.Collections.Immutable;
using Bravais.Crystallography.Chemistry;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;

namespace Bravais.Crystallography.IO;

/// <summary>
/// VASP POSCAR/CONTCAR: comment, scale (one value; negative = target cell volume in Å³; or three per-axis
/// factors), three lattice vectors, the element line (VASP 5; VASP 4 files need <c>elementNames</c>), counts,
/// optional "Selective dynamics", "Direct" or "Cartesian" (K), then one position per atom (flags ignored).
/// Velocities and predictor-corrector blocks after the positions are ignored.
/// </summary>
public static class PoscarReader
{
    public static Structure Read(string path, IReadOnlyList<string>? elementNames = null)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path, Path.GetFileName(path), elementNames);
    }

    public static Structure Read(TextReader reader, string? fileName, string? id = null, IReadOnlyList<string>? elementNames = null)
    {
        var lines = new LineSource(reader, fileName);
        var comment = lines.Next("comment line").Text.Trim();

        var scaleLine = lines.Next("scale factor");
        var scaleTokens = Tokens(scaleLine.Text);
        if (scaleTokens.Length is not (1 or 3))
            throw lines.Error($"scale line must hold 1 or 3 numbers, found {scaleTokens.Length}", scaleLine.Number);
        var scales = scaleTokens.Select(t => ParseDouble(lines, t, scaleLine.Number, "scale factor")).ToArray();

        var rows = new Vec3[3];
        for (var i = 0; i < 3; i++)
        {
            var l = lines.Next($"lattice vector {i + 1}");
            var t = Tokens(l.Text);
            if (t.Length < 3) throw lines.Error($"lattice vector {i + 1} needs 3 numbers, found {t.Length}", l.Number);
            rows[i] = new Vec3(ParseDouble(lines, t[0], l.Number, "lattice"), ParseDouble(lines, t[1], l.Number, "lattice"), ParseDouble(lines, t[2], l.Number, "lattice"));
        }
        var raw = Mat3.FromRows(rows[0], rows[1], rows[2]);
        // Cartesian lengths (lattice vectors and Cartesian positions) are multiplied component-wise by this
        Vec3 factor;
        if (scales.Length == 3)
        {
            if (scales.Any(s => s <= 0)) throw lines.Error("per-axis scale factors must be positive", scaleLine.Number);
            factor = new Vec3(scales[0], scales[1], scales[2]);
        }
        else if (scales[0] < 0)
        {
            var volume = Math.Abs(raw.Determinant);
            if (volume < 1e-9) throw lines.Error("lattice vectors are degenerate", scaleLine.Number + 1);
            var f = Math.Cbrt(-scales[0] / volume);
            factor = new Vec3(f, f, f);
        }
        else if (scales[0] == 0) throw lines.Error("scale factor is zero", scaleLine.Number);
        else factor = new Vec3(scales[0], scales[0], scales[0]);
        var matrix = Mat3.FromRows(Scale(rows[0], factor), Scale(rows[1], factor), Scale(rows[2], factor));

        Lattice lattice;
        try { lattice = Lattice.FromMatrix(matrix); }
        catch (CrystallographyException e) { throw lines.Error(e.Reason, scaleLine.Number + 1); }
        if (CellLimits.Check(lattice) is { } problem) throw lines.Error(problem.Reason, scaleLine.Number + 1);

        // VASP 5: a line of element symbols before the counts
        var next = lines.Next("element symbols or atom counts");
        var tokens = Tokens(next.Text);
        string[] species;
        int[] counts;
        if (tokens.Length > 0 && !int.TryParse(tokens[0], out _))
        {
            species = tokens.Select(s => StripPotcarSuffix(s)).ToArray();
            for (var i = 0; i < species.Length; i++)
                if (Elements.Canonical(species[i]) is not { } canonical)
                    throw lines.Error($"'{tokens[i]}' on the element line is not an element symbol", next.Number);
                else species[i] = canonical;
            var countLine = lines.Next("atom counts");
            counts = ParseCounts(lines, countLine);
            if (counts.Length != species.Length)
                throw lines.Error($"{species.Length} element symbols but {counts.Length} atom counts", countLine.Number);
        }
        else
        {
            counts = ParseCounts(lines, next);
            if (elementNames is null)
                throw lines.Error("VASP 4 format: no element line before the atom counts; add the line of element symbols (VASP 5) or pass the element names to PoscarReader.Read", next.Number);
            if (elementNames.Count != counts.Length)
                throw lines.Error($"{elementNames.Count} element names given but the file has {counts.Length} atom counts", next.Number);
            species = elementNames.Select(n => Elements.Canonical(n) ?? throw lines.Error($"'{n}' is not an element symbol", next.Number)).ToArray();
        }

        var mode = lines.Next("coordinate mode");
        var modeText = mode.Text.TrimStart();
        if (modeText.Length > 0 && modeText[0] is 's' or 'S')
        {
            mode = lines.Next("coordinate mode");
            modeText = mode.Text.TrimStart();
        }
        if (modeText.Length == 0) throw lines.Error("expected 'Direct' or 'Cartesian'", mode.Number);
        var cartesian = modeText[0] is 'c' or 'C' or 'k' or 'K';
        if (!cartesian && modeText[0] is not ('d' or 'D'))
            throw lines.Error($"expected 'Direct' or 'Cartesian', found '{modeText.Trim()}'", mode.Number);

        var total = counts.Sum(); // ≤ StructureLimits.MaxSites (ParseCounts)
        var sites = ImmutableArray.CreateBuilder<Site>(Math.Min(total, 1 << 16)); // never trust a count for memory
        var inverse = lattice.Matrix.Inverse();
        for (var s = 0; s < species.Length; s++)
        for (var k = 0; k < counts[s]; k++)
        {
            var l = lines.Next($"position of atom {sites.Count + 1} of {total}");
            var t = Tokens(l.Text);
            if (t.Length < 3) throw lines.Error($"atom position needs 3 numbers, found {t.Length}", l.Number);
            var p = new Vec3(ParseDouble(lines, t[0], l.Number, "position"), ParseDouble(lines, t[1], l.Number, "position"), ParseDouble(lines, t[2], l.Number, "position"));
            if (cartesian) p = Scale(p, factor) * inverse;
            if (!(Math.Abs(p.X) <= StructureLimits.MaxFractionalCoordinate && Math.Abs(p.Y) <= StructureLimits.MaxFractionalCoordinate && Math.Abs(p.Z) <= StructureLimits.MaxFractionalCoordinate))
                throw lines.Error(FormattableString.Invariant($"atom position '{l.Text.Trim()}' is not within {StructureLimits.MaxFractionalCoordinate} cells of the origin"), l.Number);
            sites.Add(Site.Single(species[s], p.Wrapped(), $"{species[s]}{k + 1}"));
        }
        var structureId = id ?? (string.IsNullOrEmpty(comment) ? fileName ?? "POSCAR" : comment);
        return new Structure(structureId, lattice, sites.ToImmutable());
    }

    private static Vec3 Scale(Vec3 v, Vec3 f) => new(v.X * f.X, v.Y * f.Y, v.Z * f.Z);

    private static string StripPotcarSuffix(string s)
    {
        // pymatgen/VASP 6 may write "Fe_pv" or "Fe/1a2b3c"
        var cut = s.IndexOfAny(['_', '/']);
        return cut > 0 ? s[..cut] : s;
    }

    private static int[] ParseCounts(LineSource lines, (string Text, int Number) line)
    {
        var t = Tokens(line.Text);
        if (t.Length == 0) throw lines.Error("expected atom counts", line.Number);
        var counts = new int[t.Length];
        for (var i = 0; i < t.Length; i++)
            if (!int.TryParse(t[i], out counts[i]) || counts[i] < 0)
                throw lines.Error($"atom count '{t[i]}' is not a non-negative integer", line.Number);
        var sum = counts.Sum(c => (long)c);
        if (sum == 0) throw lines.Error("no atoms (all counts are zero)", line.Number);
        if (sum > StructureLimits.MaxSites)
            throw lines.Error($"{sum} atoms is more than the limit of {StructureLimits.MaxSites} sites a structure may have", line.Number);
        return counts;
    }

    private static double ParseDouble(LineSource lines, string token, int line, string what) =>
        CifNumber.TryParse(token, out var v) && double.IsFinite(v) ? v : throw lines.Error($"{what}: '{token}' is not a number", line);

    private static string[] Tokens(string line)
    {
        var hash = line.IndexOfAny(['#', '!']);
        if (hash >= 0) line = line[..hash];
        return line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
    }

    private sealed class LineSource(TextReader reader, string? fileName)
    {
        private int _number;

        public (string Text, int Number) Next(string what)
        {
            var text = reader.ReadLine();
            _number++;
            if (text is null) throw Error($"file ends where the {what} was expected", _number);
            return (text, _number);
        }

        public CrystallographyException Error(string reason, int line) => new(reason, new SourceLocation(fileName, Line: line));
    }
}
