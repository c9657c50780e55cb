using System.Globalization;
using System.IO.Compression;
using Bravais.Crystallography.Symmetry;
using Bravais.Learning.Models;

namespace Bravais.Benchmarks.Neural;

/// <summary>
/// A minimal NANO281 CSV reader for the neural acceptance harness (the product reader lives in the
/// learning pipeline): <c>id,formula,spacegroup_number,Bravais_lattice,y0..yN</c>, plain or gzip.
/// </summary>
public static class Nano281Csv
{
    public sealed record Data(FeatureMatrix X, BravaisLattice[] Lattices, int[] SpaceGroups, string[] Ids);

    public static Data Read(string path, int limit = int.MaxValue)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine()?.Split(',') ?? throw new InvalidDataException($"{path}: empty file");
        var first = Array.FindIndex(header, h => h == "y0");
        if (first < 0) throw new InvalidDataException($"{path}: no y0 column");
        var sgColumn = Array.IndexOf(header, "spacegroup_number");
        var bravaisColumn = Array.IndexOf(header, "Bravais_lattice");
        var columns = header.Length - first;
        var values = new List<float>();
        var lattices = new List<BravaisLattice>();
        var groups = new List<int>();
        var ids = new List<string>();
        string? line;
        var row = 1;
        while ((line = reader.ReadLine()) is not null && lattices.Count < limit)
        {
            row++;
            var parts = line.Split(',');
            if (parts.Length != header.Length) throw new InvalidDataException($"{path} row {row}: {parts.Length} fields, header has {header.Length}");
            ids.Add(parts[0]);
            lattices.Add(BravaisLattices.Parse(parts[bravaisColumn]));
            groups.Add(int.Parse(parts[sgColumn], CultureInfo.InvariantCulture));
            for (var c = first; c < parts.Length; c++)
                values.Add(float.TryParse(parts[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new InvalidDataException($"{path} row {row} column {header[c]}: '{parts[c]}' is not a number"));
        }
        return new Data(new FeatureMatrix([.. values], lattices.Count, columns), [.. lattices], [.. groups], [.. ids]);
    }

    /// <summary>The first column (id) of every row of a NANO281 CSV, in file order.</summary>
    public static string[] ReadIds(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        var ids = new List<string>();
        string? line;
        while ((line = reader.ReadLine()) is not null) ids.Add(line[..Math.Max(0, line.IndexOf(','))]);
        return [.. ids];
    }

    /// <summary>The rows of <paramref name="data"/> in the order of <paramref name="ids"/>; every id must be present.</summary>
    public static Data AlignTo(Data data, string[] ids)
    {
        var index = new Dictionary<string, int>(data.Ids.Length);
        for (var i = 0; i < data.Ids.Length; i++) index[data.Ids[i]] = i;
        var missing = ids.Where(id => !index.ContainsKey(id)).Take(5).ToArray();
        if (missing.Length > 0) throw new InvalidDataException($"{missing.Length}+ reference ids are not in the data, e.g. {string.Join(", ", missing)}");
        var order = ids.Select(id => index[id]).ToArray();
        return new Data(data.X.SelectRows(order), [.. order.Select(i => data.Lattices[i])], [.. order.Select(i => data.SpaceGroups[i])], ids);
    }

    /// <summary>Seeded stratified split into train / validation / test index lists (fractions of each class).</summary>
    public static (int[] Train, int[] Validation, int[] Test) Split(int[] labels, double validation, double test, int seed)
    {
        var rng = new Random(seed);
        List<int> tr = [], va = [], te = [];
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            rng.Shuffle(members);
            var nTest = (int)Math.Round(members.Length * test);
            var nVal = (int)Math.Round(members.Length * validation);
            te.AddRange(members.Take(nTest));
            va.AddRange(members.Skip(nTest).Take(nVal));
            tr.AddRange(members.Skip(nTest + nVal));
        }
        tr.Sort(); va.Sort(); te.Sort();
        return ([.. tr], [.. va], [.. te]);
    }
}
