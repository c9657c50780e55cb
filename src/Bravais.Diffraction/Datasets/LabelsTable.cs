using System.Globalization;
using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Diffraction.Datasets;

/// <summary>One labelled structure or pattern: its id, space-group number, Bravais lattice and crystal system.</summary>
public sealed record StructureLabel(string Id, int SpaceGroup, BravaisLattice Lattice, CrystalSystem System);

/// <summary>
/// The one reader of <c>labels.tsv</c> files (the Materials Project set's, RRUFF's, a user's): tab-separated with a header
/// naming at least <c>id</c> (or <c>cod_id</c>) and <c>spacegroup_number</c>; <c>bravais_lattice</c> and
/// <c>crystal_system</c> are optional (derived from the space group when the column is absent or the field empty, taken as
/// given otherwise); other columns are ignored. Strict: a row that cannot be read is an error naming the file, line and
/// field. Blank lines are skipped; a later row of the same id replaces an earlier one.
/// </summary>
public static class LabelsTable
{
    public static IReadOnlyList<StructureLabel> Read(string path)
    {
        if (!File.Exists(path)) throw new DiffractionException("labels file not found", new SourceLocation(path));
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static IReadOnlyList<StructureLabel> Read(TextReader reader, string source)
    {
        var header = reader.ReadLine() ?? throw new DiffractionException("labels file is empty", new SourceLocation(source, Line: 1));
        var columns = header.Split('\t').Select(c => c.Trim()).ToArray();
        var id = Array.FindIndex(columns, c => c is "id" or "cod_id");
        var sg = Array.IndexOf(columns, "spacegroup_number");
        var bl = Array.IndexOf(columns, "bravais_lattice");
        var cs = Array.IndexOf(columns, "crystal_system");
        if (id < 0 || sg < 0)
            throw new DiffractionException("labels header needs the columns 'id' and 'spacegroup_number' (tab-separated; bravais_lattice and crystal_system are optional)", new SourceLocation(source, Line: 1));
        var needed = Math.Max(id, sg);
        var rows = new List<StructureLabel>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var f = line.Split('\t');
            if (f.Length <= needed)
                throw new DiffractionException($"row has {f.Length} fields; the header has {columns.Length}", new SourceLocation(source, Line: lineNumber));
            var name = f[id].Trim();
            if (name.Length == 0) throw new DiffractionException("empty id", new SourceLocation(source, Line: lineNumber, Field: columns[id]));
            if (!int.TryParse(f[sg], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 230)
                throw new DiffractionException($"'{f[sg]}' is not a space-group number 1–230", new SourceLocation(source, Line: lineNumber, Field: "spacegroup_number"));
            var lattice = SpaceGroups.ByNumber(number).BravaisLattice;
            if (bl >= 0 && bl < f.Length && f[bl].Trim().Length > 0 && !BravaisLattices.TryParse(f[bl].Trim(), out lattice))
                throw new DiffractionException($"'{f[bl]}' is not a Bravais lattice (aP mP mS oP oS oI oF tP tI hP hR cP cI cF)", new SourceLocation(source, Line: lineNumber, Field: "bravais_lattice"));
            var system = CrystalSystems.FromSpaceGroupNumber(number);
            if (cs >= 0 && cs < f.Length && f[cs].Trim().Length > 0 && !CrystalSystems.TryParse(f[cs].Trim(), out system))
                throw new DiffractionException($"'{f[cs]}' is not a crystal system", new SourceLocation(source, Line: lineNumber, Field: "crystal_system"));
            rows.Add(new StructureLabel(name, number, lattice, system));
        }
        return rows;
    }

    /// <summary>The labels by id (a later row of the same id wins).</summary>
    public static Dictionary<string, StructureLabel> ById(IEnumerable<StructureLabel> labels)
    {
        var map = new Dictionary<string, StructureLabel>(StringComparer.Ordinal);
        foreach (var l in labels) map[l.Id] = l;
        return map;
    }
}
