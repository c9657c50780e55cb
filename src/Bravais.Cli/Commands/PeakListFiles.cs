using System.Globalization;
using Bravais.Analysis;
using Bravais.Analysis.Indexing;
using Bravais.Crystallography;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;

namespace Bravais.Cli.Commands;

/// <summary>
/// Peak lists as <c>bravais index</c> accepts them instead of patterns: the TSV of <c>bravais simulate --format tsv</c>
/// (two_theta, d, intensity, hkl, multiplicity) and of <c>bravais peaks --format tsv</c> (file, two_theta, esd, d, …).
/// Positions are taken from the d column, so the list can be indexed at any wavelength.
/// </summary>
public static class PeakListFiles
{
    /// <summary>Whether the file starts with one of the two peak-list headers.</summary>
    public static bool IsPeakList(string path)
    {
        using var reader = new StreamReader(path);
        var first = reader.ReadLine() ?? "";
        return first.StartsWith(SimulateCommand.PeakTsvHeader, StringComparison.Ordinal) || first.StartsWith(PeaksCommand.TsvHeader, StringComparison.Ordinal);
    }

    /// <summary>The peaks (2θ at <paramref name="wavelengthAngstrom"/>), keeping those at least <paramref name="minRelativeIntensity"/> of the strongest.</summary>
    public static List<ObservedPeak> Read(string path, double wavelengthAngstrom, double minRelativeIntensity)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split('\t');
        int dColumn = Array.IndexOf(header, "d"), intensityColumn = Array.IndexOf(header, header[0] == "file" ? "height" : "intensity"), esdColumn = Array.IndexOf(header, "esd");
        var rows = new List<(double D, double I, double Esd)>();
        for (var n = 1; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n])) continue;
            var f = lines[n].Split('\t');
            if (f.Length <= Math.Max(dColumn, intensityColumn)
                || !double.TryParse(f[dColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !(d > 0)
                || !double.TryParse(f[intensityColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var intensity))
                throw new AnalysisException("expected a positive d and an intensity", new SourceLocation(path, Line: n + 1));
            var esd = esdColumn >= 0 && double.TryParse(f[esdColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var e) ? e : 0;
            rows.Add((d, intensity, esd));
        }
        var max = rows.Count > 0 ? rows.Max(r => r.I) : 0;
        return rows.Where(r => r.I >= minRelativeIntensity * max)
            .Select(r => (TwoTheta: Bragg.TwoThetaDegrees(r.D, wavelengthAngstrom), r.I, r.Esd))
            .Where(r => double.IsFinite(r.TwoTheta))
            .Select(r => new ObservedPeak(r.TwoTheta, r.I, r.Esd)).OrderBy(p => p.TwoThetaDegrees).ToList();
    }
}
