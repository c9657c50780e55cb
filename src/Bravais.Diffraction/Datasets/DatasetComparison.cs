namespace Bravais.Diffraction.Datasets;

/// <summary>Per-row agreement of two NANO281 tables with the same grid, matched by id.</summary>
public sealed record DatasetComparisonResult(int Compared, int Within, int OnlyInReference, int OnlyInCandidate, double Tolerance,
    IReadOnlyList<(string Id, double MaxAbsDifference)> Worst, IReadOnlyList<string> LabelDifferences)
{
    public double Fraction => Compared == 0 ? 0 : (double)Within / Compared;
}

/// <summary>Compares a built data set with a reference one (e.g. the pymatgen-made NANO281 rows): max |Δy| per row.</summary>
public static class DatasetComparison
{
    public static DatasetComparisonResult Compare(string referencePath, string candidatePath, double tolerance = 0.05, int worst = 10)
    {
        var reference = ReadRows(referencePath);
        var candidate = ReadRows(candidatePath);
        int compared = 0, within = 0, onlyReference = 0;
        var diffs = new List<(string, double)>();
        var labelDiffs = new List<string>();
        foreach (var (id, (labels, y)) in reference)
        {
            if (!candidate.TryGetValue(id, out var other)) { onlyReference++; continue; }
            if (other.Y.Length != y.Length)
                throw new DiffractionException($"row {id} has {y.Length} values in the reference and {other.Y.Length} in the candidate", new Crystallography.SourceLocation(candidatePath));
            var max = 0.0;
            for (var i = 0; i < y.Length; i++) max = Math.Max(max, Math.Abs((double)y[i] - other.Y[i]));
            compared++;
            if (max <= tolerance) within++;
            diffs.Add((id, max));
            if (labels != other.Labels) labelDiffs.Add($"{id}: reference {labels}, candidate {other.Labels}");
        }
        var onlyCandidate = candidate.Keys.Count(k => !reference.ContainsKey(k));
        return new DatasetComparisonResult(compared, within, onlyReference, onlyCandidate, tolerance,
            diffs.OrderByDescending(d => d.Item2).Take(worst).ToList(), labelDiffs);
    }

    /// <summary>Every row by id (a later row of the same id wins), read with the format's one reader.</summary>
    private static Dictionary<string, (string Labels, float[] Y)> ReadRows(string path)
    {
        var table = Nano281CsvReader.Read(path);
        var rows = new Dictionary<string, (string, float[])>(StringComparer.Ordinal);
        for (var i = 0; i < table.Count; i++)
            rows[table.Ids[i]] = ($"{table.Formulas[i]} {(table.HasSpaceGroups ? table.SpaceGroupNumbers[i] : "")} {(table.HasBravaisLattices ? table.BravaisLattices[i] : "")}", table.Row(i).ToArray());
        return rows;
    }
}
