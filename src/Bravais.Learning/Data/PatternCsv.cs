using Bravais.Crystallography;
using Bravais.Diffraction.Datasets;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Profiles;
using Bravais.Learning.Models;
using Bravais.Learning.Features;

namespace Bravais.Learning.Data;

/// <summary>
/// NANO281 tables as learning data: <see cref="Nano281CsvReader"/> and <see cref="Nano281Csv"/> (the one codec of the
/// format, in Bravais.Diffraction) turned into and from a <see cref="PatternDataset"/>, whose intensities share the
/// table's array. The 2θ grid is stated by the caller (tables do not carry it); default <see cref="PatternDataset.DefaultGrid"/>.
/// </summary>
public static class PatternCsv
{
    public static PatternDataset Read(string path, AngleGrid? grid = null, CancellationToken cancellation = default) =>
        FromTable(Nano281CsvReader.Read(path, cancellation), path, grid);

    public static PatternDataset Read(Stream stream, string name, AngleGrid? grid = null, CancellationToken cancellation = default) =>
        FromTable(Nano281CsvReader.Read(stream, name, cancellation), name, grid);

    /// <summary>The number of intensity columns a table's header names.</summary>
    public static int IntensityColumns(string path) => Nano281CsvReader.IntensityColumns(path);

    private static PatternDataset FromTable(PatternTable table, string name, AngleGrid? grid)
    {
        var theGrid = grid ?? PatternDataset.DefaultGrid(table.Columns);
        if (theGrid.Count != table.Columns)
            throw new LearningException($"the file has {table.Columns} intensity columns but the stated 2θ grid {theGrid} has {theGrid.Count} points", new SourceLocation(name, Line: 1));
        return new PatternDataset(table.Ids, table.Formulas, table.SpaceGroupNumbers, table.BravaisLattices,
            new FeatureMatrix(table.Values, table.Count, table.Columns), PatternPresets.InstrumentFor(theGrid), table.IdColumn)
        {
            HasSpaceGroups = table.HasSpaceGroups,
            HasBravaisLattices = table.HasBravaisLattices,
        };
    }

    /// <summary>The dataset as a table (sharing its intensities).</summary>
    public static PatternTable ToTable(PatternDataset data) =>
        new(data.IdColumn, data.Ids, data.Formulas, data.SpaceGroupNumbers, data.BravaisLattices, data.Intensities.Values, data.Intensities.Columns,
            data.HasSpaceGroups, data.HasBravaisLattices);

    /// <summary>Writes the dataset (gzip when the path ends in .gz) under a temporary name, renamed when complete.</summary>
    public static void Write(string path, PatternDataset data) => Nano281Csv.Write(path, ToTable(data));

    public static void Write(Stream stream, PatternDataset data) => Nano281Csv.Write(stream, ToTable(data));

    /// <summary>SHA-256 of a file's bytes, lower-case hex: the training-data fingerprint stored in model files.</summary>
    public static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
    }
}
