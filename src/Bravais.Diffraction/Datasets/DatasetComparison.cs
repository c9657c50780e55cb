using System.Globalization;
using System.IO.Compression;

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
            for (var i = 0; i < y.Length; i++) max = Math.Max(max, Math.Abs(y[i] - other.Y[i]));
            compared++;
            if (max <= tolerance) within++;
            diffs.Add((id, max));
            if (labels != other.Labels) labelDiffs.Add($"{id}: reference {labels}, candidate {other.Labels}");
        }
        var onlyCandidate = candidate.Keys.Count(k => !reference.ContainsKey(k));
        return new DatasetComparisonResult(compared, within, onlyReference, onlyCandidate, tolerance,
            diffs.OrderByDescending(d => d.Item2).Take(worst).ToList(), labelDiffs);
    }

    private static Dictionary<string, (string Labels, double[] Y)> ReadRows(string path)
    {
        if (!File.Exists(path)) throw new DiffractionException("file not found", new Crystallography.SourceLocation(path));
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        var rows = new Dictionary<string, (string, double[])>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length < 5) throw new DiffractionException("row has fewer than 5 columns", new Crystallography.SourceLocation(path, Line: lineNumber));
            var y = new double[fields.Length - 4];
            for (var i = 0; i < y.Length; i++)
                if (!double.TryParse(fields[i + 4], NumberStyles.Float, CultureInfo.InvariantCulture, out y[i]))
                    throw new DiffractionException($"'{fields[i + 4]}' is not a number", new Crystallography.SourceLocation(path, Line: lineNumber, Column: i + 5));
            rows[Nano281Csv.IdOf(line)] = ($"{fields[1]} {fields[2]} {fields[3]}", y);
        }
        return rows;
    }
}
