using System.Globalization;
using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// Space-group labels by structure id from a tab-separated file with a header naming at least the columns
/// <c>id</c> and <c>spacegroup_number</c> (others ignored), e.g. the MP set's labels.tsv. Used for P1 files whose
/// own symmetry says nothing.
/// </summary>
public sealed class SpaceGroupLabels
{
    private readonly Dictionary<string, int> _byId;

    private SpaceGroupLabels(Dictionary<string, int> byId) => _byId = byId;

    public int Count => _byId.Count;

    public bool TryGet(string id, out int spaceGroupNumber) => _byId.TryGetValue(id, out spaceGroupNumber);

    public static SpaceGroupLabels Read(string path)
    {
        if (!File.Exists(path)) throw new DiffractionException("labels file not found", new SourceLocation(path));
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new DiffractionException("labels file is empty", new SourceLocation(path, Line: 1));
        var columns = header.Split('\t');
        var idColumn = Array.FindIndex(columns, c => c.Trim() is "id" or "cod_id");
        var sgColumn = Array.FindIndex(columns, c => c.Trim() == "spacegroup_number");
        if (idColumn < 0 || sgColumn < 0)
            throw new DiffractionException("labels header needs the columns 'id' and 'spacegroup_number' (tab-separated)", new SourceLocation(path, Line: 1));
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length <= Math.Max(idColumn, sgColumn))
                throw new DiffractionException($"row has {fields.Length} fields; the header has {columns.Length}", new SourceLocation(path, Line: lineNumber));
            if (!int.TryParse(fields[sgColumn], NumberStyles.Integer, CultureInfo.InvariantCulture, out var sg) || sg is < 1 or > 230)
                throw new DiffractionException($"'{fields[sgColumn]}' is not a space-group number 1–230", new SourceLocation(path, Line: lineNumber, Field: "spacegroup_number"));
            byId[fields[idColumn]] = sg;
        }
        return new SpaceGroupLabels(byId);
    }

    /// <summary>The Bravais lattice of a space-group type (its standard setting's centring and crystal system).</summary>
    public static BravaisLattice LatticeOf(int spaceGroupNumber) => SpaceGroups.ByNumber(spaceGroupNumber).BravaisLattice;
}
