using Bravais.Diffraction.Patterns;
using Bravais.Learning;
using Bravais.Learning.Data;
using Bravais.Learning.Persistence;

namespace Bravais.Cli.Commands;

/// <summary>Helpers shared by train / evaluate / predict: the 2θ grid option and reading data for a model.</summary>
internal static class LearningOptions
{
    /// <summary>Tables in a log file need not wrap at 80 columns.</summary>
    public static void WideWhenRedirected()
    {
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 160;
    }

    /// <summary>Parses "start:stop:step" (degrees) or "nano281".</summary>
    public static AngleGrid? ParseGrid(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Trim().Equals("nano281", StringComparison.OrdinalIgnoreCase)) return AngleGrid.Nano281;
        var parts = text.Split(':');
        if (parts.Length != 3 || !parts.All(p => double.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)))
            throw new LearningException($"--two-theta must be 'nano281' or start:stop:step in degrees, got '{text}'");
        var v = parts.Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return AngleGrid.FromRange(v[0], v[1], v[2]);
    }

    /// <summary>
    /// Reads a dataset to be scored by a model. NANO281 files do not carry 2θ, so when no grid is stated the
    /// model's grid is assumed if the column count matches; otherwise the grid mismatch is reported.
    /// </summary>
    public static PatternDataset ReadFor(TrainedModel model, string path, AngleGrid? stated)
    {
        var data = PatternCsv.Read(path, stated ?? AssumedGrid(model, path));
        model.CheckGrid(data, path);
        return data;
    }

    private static AngleGrid? AssumedGrid(TrainedModel model, string path)
    {
        var columns = CountIntensityColumns(path);
        return columns == model.Pipeline.Grid.Count ? model.Pipeline.Grid : null;
    }

    private static int CountIntensityColumns(string path)
    {
        if (!File.Exists(path)) return -1;
        using var file = File.OpenRead(path);
        using var gz = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(gz);
        try
        {
            var header = reader.ReadLine()?.Split(',') ?? [];
            return header.Count(h => h.Trim() is { Length: > 1 } t && t[0] is 'y' or 'Y' && t[1..].All(char.IsAsciiDigit));
        }
        catch (InvalidDataException) { return -1; }
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (Spectre tasks are thread-safe).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
