using Bravais.Analysis.Prediction;
using Bravais.Crystallography;
using Bravais.Diffraction;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Profiles;
using Bravais.Learning.Data;

namespace Bravais.Cli.Commands;

/// <summary>Reading what <c>predict</c> and <c>evaluate</c> classify: the rows of a dataset table, or pattern files and folders.</summary>
internal static class PatternInputs
{
    /// <summary>
    /// A NANO281 table's rows. Tables carry no 2θ: the instrument is the one stated (<c>--preset</c>, <c>--grid</c>,
    /// <c>--wavelength</c>), else the model's when the column count matches, else the preset's for the default grid of that
    /// many columns.
    /// </summary>
    public static (PatternDataset Data, PatternInput.Row[] Rows) ReadRows(string path, Instrument? stated, Instrument model, CancellationToken cancellation)
    {
        var instrument = stated ?? (PatternCsv.IntensityColumns(path) == model.Grid.Count ? model : null);
        var data = PatternCsv.Read(path, instrument?.Grid, cancellation);
        if (instrument is not null) data = data with { Instrument = instrument };
        var rows = new PatternInput.Row[data.Count];
        for (var i = 0; i < rows.Length; i++) rows[i] = new PatternInput.Row(data.Ids[i], data.Instrument, data.Intensities.ReadOnlyRow(i).ToArray());
        return (data, rows);
    }

    /// <summary>Files as given, and the files inside folders (recursively, sorted).</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths) =>
        paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();

    /// <summary>A measured file as a model input; a file that cannot be read throws the reader's one-line error.</summary>
    public static PatternInput.Measurement Read(string file, MeasuredReadOptions options) => new(MeasuredPatternReader.Read(file, options));
}
