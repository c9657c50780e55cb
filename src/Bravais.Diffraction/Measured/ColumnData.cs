using Bravais.Crystallography;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// Checks and orders the (x, y, σ) columns any reader produced: no NaN/∞, enough points, abscissa strictly
/// monotonic (a strictly decreasing file, common for d-spacing lists, is reversed), and builds the pattern.
/// </summary>
internal static class ColumnData
{
    public static MeasuredPattern Build(
        string source, List<double> x, List<double> y, List<double>? sigma, List<int>? lines,
        Abscissa kind, Physics.Radiation? fileRadiation, Dictionary<string, string> metadata, MeasuredReadOptions options, string? block = null)
    {
        if (x.Count == 0) throw new DiffractionException("no data points found (the file is empty or holds only comments/headers)", new SourceLocation(source, block));
        for (var i = 0; i < x.Count; i++)
        {
            if (!double.IsFinite(x[i])) throw new DiffractionException($"abscissa is {x[i]} (not a finite number)", At(source, block, lines, i));
            if (!double.IsFinite(y[i])) throw new DiffractionException($"intensity is {y[i]} (not a finite number)", At(source, block, lines, i));
            if (sigma is not null && !(double.IsFinite(sigma[i]) && sigma[i] >= 0))
                throw new DiffractionException($"uncertainty is {sigma[i]} (must be finite and ≥ 0)", At(source, block, lines, i));
        }
        if (x.Count < options.MinimumPoints)
            throw new DiffractionException($"only {x.Count} data points (at least {options.MinimumPoints} are needed for a pattern)", lines is null ? new SourceLocation(source, block) : new SourceLocation(source, block, Line: lines[^1]));

        var decreasing = x.Count > 1 && x[1] < x[0];
        for (var i = 1; i < x.Count; i++)
        {
            var ok = decreasing ? x[i] < x[i - 1] : x[i] > x[i - 1];
            if (!ok)
                throw new DiffractionException(
                    $"abscissa is not strictly monotonic: {x[i]} follows {x[i - 1]}{(lines is null ? "" : $" (line {lines[i - 1]})")}", At(source, block, lines, i));
        }
        if (decreasing)
        {
            x.Reverse(); y.Reverse(); sigma?.Reverse();
            metadata["order"] = "reversed (file was decreasing)";
        }

        kind = options.Abscissa ?? kind;
        for (var i = 0; i < x.Count; i++)
        {
            var bad = kind switch
            {
                Abscissa.TwoThetaDegrees => x[i] is <= 0 or >= 180,
                _ => x[i] <= 0,
            };
            if (bad)
                throw new DiffractionException(
                    kind == Abscissa.TwoThetaDegrees ? $"2θ = {x[i]}° is outside (0, 180)" : $"{kind} value {x[i]} must be > 0",
                    At(source, block, lines, decreasing ? x.Count - 1 - i : i));
        }

        if (fileRadiation is { } fw) metadata["wavelength.file"] = fw.WavelengthAngstrom.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var radiation = options.Radiation ?? fileRadiation;
        return new MeasuredPattern(source, kind, x.ToArray(), y.ToArray(), sigma?.ToArray(), radiation, metadata);
    }

    /// <summary>Refuses one more point when <paramref name="count"/> points are held already and that is the limit.</summary>
    public static void CheckRoom(int count, MeasuredReadOptions options, string source, int? line = null)
    {
        if (count >= options.MaxPoints)
            throw new DiffractionException($"more than {options.MaxPoints:N0} data points (the limit, MeasuredReadOptions.MaxPoints)", new SourceLocation(source, Line: line));
    }

    /// <summary>A point count a binary header or element declares, checked before anything is allocated for it.</summary>
    public static void CheckDeclared(long count, string what, MeasuredReadOptions options, SourceLocation at)
    {
        if (count < 0) throw new DiffractionException($"{what} is {count} (must be ≥ 0)", at);
        if (count > options.MaxPoints)
            throw new DiffractionException($"{what} is {count:N0}, more than {options.MaxPoints:N0} data points (the limit, MeasuredReadOptions.MaxPoints)", at);
    }

    /// <summary>Where point <paramref name="i"/> is: its line, or for binary files (no lines) its number.</summary>
    private static SourceLocation At(string source, string? block, List<int>? lines, int i) =>
        lines is null ? new SourceLocation(source, block, Field: $"point {i + 1}") : new SourceLocation(source, block, Line: lines[i]);
}
