using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Bravais.Crystallography;
using Bravais.Diffraction.Measured.Input;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// Bruker <c>.brml</c> (DIFFRAC.SUITE): a zip archive of XML whose scans are <c>Experiment0/RawData0.xml</c>,
/// <c>RawData1.xml</c>, …. In a <c>RawData</c> document a <c>DataRoute</c> holds the <c>ScanInformation</c>, one
/// <c>Datum</c> row of comma-separated numbers per step, and <c>DataViews</c> saying which columns are what: typically
/// <c>MeasuredTime</c>, <c>AbsorptionFactor</c>, the varying axes (<c>TwoTheta</c>, <c>Theta</c>) and the recorded counts.
/// The 2θ of a step is its <c>TwoTheta</c> column (else <c>Reference + Start + i·Increment</c> of the TwoTheta scan
/// axis); the intensity is the counts times the absorption factor when there is one. A file without <c>DataViews</c>
/// is read in the column order DIFFRAC writes (time, absorption, 2θ, θ, counts), noted in the metadata. The tube's
/// <c>WaveLengthAlpha1/Alpha2/Beta</c>, <c>WaveLengthRatio</c> and <c>TubeMaterial</c> give the radiation
/// (<see cref="FileRadiation"/>).
/// The first scan (<c>RawData0</c>, its first route with rows) is read; more are noted in the metadata, not joined.
/// Refused with a message: a scan without a 2θ axis (rocking curves, φ/χ scans), still (PSD-fixed) scans and
/// scans whose counts are detector frames (several channels per step). The XML is streamed twice (layout, then rows),
/// so memory does not grow with the file beyond the points themselves.
/// </summary>
public static partial class BrmlReader
{
    public static MeasuredPattern Read(Stream seekable, string source, MeasuredReadOptions? options = null)
    {
        options ??= MeasuredReadOptions.Default;
        using var archive = PatternArchive.Open(seekable, source, options, "a .brml file");
        var scans = archive.Entries
            .Select(e => (Entry: e, Match: RawDataName().Match(e.FullName.Replace('\\', '/'))))
            .Where(p => p.Match.Success)
            .OrderBy(p => int.Parse(p.Match.Groups["e"].Value, CultureInfo.InvariantCulture))
            .ThenBy(p => int.Parse(p.Match.Groups["r"].Value, CultureInfo.InvariantCulture))
            .Select(p => p.Entry)
            .ToList();
        if (scans.Count == 0)
            throw new DiffractionException("no Experiment0/RawData0.xml in the archive (is this a Bruker .brml file?)", new SourceLocation(source));
        var metadata = new Dictionary<string, string> { ["format"] = "bruker brml" };
        if (scans.Count > 1) metadata["ranges"] = $"{scans.Count} (the first is read)";
        var entry = scans[0];
        metadata["entry"] = entry.FullName;
        var where = archive.Where(entry);

        BrmlLayout layout;
        try
        {
            using var stream = archive.Open(entry);
            using var reader = PatternXml.Create(stream);
            layout = BrmlLayout.Read(reader, where);
        }
        catch (XmlException e) { throw PatternXml.NotWellFormed(e, where); }

        var route = layout.Routes.FirstOrDefault(r => r.Datums > 0)
            ?? throw new DiffractionException("no <Datum> rows in any <DataRoute>: the scan holds no data", where);
        var columns = Columns.Of(route, where with { Line = route.Line, Field = "DataRoute" }, metadata);
        var radiation = FileRadiation.From(layout.Anode, layout.KAlpha1, layout.KAlpha2, layout.Ratio, layout.KBeta, null, metadata);

        var x = new List<double>(Math.Min(route.Datums, 1 << 16));
        var y = new List<double>(x.Capacity);
        var lines = new List<int>(x.Capacity);
        try
        {
            using var stream = archive.Open(entry, again: true);
            using var reader = PatternXml.Create(stream);
            reader.MoveToContent();
            var routeIndex = -1;
            PatternXml.ForEachChild(reader, child =>
            {
                if (child.LocalName != "DataRoutes") { child.Skip(); return; }
                PatternXml.ForEachChild(child, r =>
                {
                    if (r.LocalName != "DataRoute" || ++routeIndex != route.Index) { r.Skip(); return; }
                    PatternXml.ForEachChild(r, d =>
                    {
                        if (d.LocalName != "Datum") { d.Skip(); return; }
                        var line = PatternXml.Line(d) ?? 0;
                        columns.Add(PatternXml.ReadText(d, where, 1 << 16), x, y, where with { Line = line, Field = "Datum" }, options);
                        lines.Add(line);
                    });
                });
            });
        }
        catch (XmlException e) { throw PatternXml.NotWellFormed(e, where); }

        if (route.Points is { } declared && declared != x.Count.ToString(CultureInfo.InvariantCulture))
            metadata["points.declared"] = $"{declared} (the scan holds {x.Count} rows)";
        return ColumnData.Build(source, x, y, null, lines, Abscissa.TwoThetaDegrees, radiation, metadata, options, entry.FullName);
    }

    /// <summary>Which columns of a <c>Datum</c> row hold 2θ, the counts and the absorption factor.</summary>
    private sealed class Columns
    {
        private int? _twoTheta, _absorption;
        private int _counts, _width;
        private double _start, _increment;

        public static Columns Of(BrmlLayout.Route route, SourceLocation at, Dictionary<string, string> metadata)
        {
            if (route.ScanName is { } name) metadata["scan.type"] = name;
            if (route.ScanMode is { } mode)
            {
                metadata["scan.mode"] = mode;
                if (mode.Equals("StillScan", StringComparison.OrdinalIgnoreCase))
                    throw new DiffractionException("a still (PSD-fixed) scan: one detector frame, not a 2θ scan; only scans stepping in 2θ are read", at);
            }
            var c = new Columns();
            var twoThetaAxis = route.Axes.FirstOrDefault(a => IsTwoTheta(a.Id));
            foreach (var view in route.Views)
            {
                if (view.Type.Equals("FixedRawDataView", StringComparison.OrdinalIgnoreCase) && view.LogicName == "AbsorptionFactor") c._absorption = view.Start;
                for (var k = 0; k < view.Fields.Count && k < view.Length; k++)
                    if (IsTwoTheta(view.Fields[k])) c._twoTheta ??= view.Start + k;
            }
            var recorded = route.Views.Where(v => v.Type.Equals("RecordedRawDataView", StringComparison.OrdinalIgnoreCase)).ToList();
            if (route.Views.Count == 0)
            {
                metadata["columns"] = "no DataViews: DIFFRAC's order assumed (time, absorption, 2θ, θ, counts)";
                (c._twoTheta, c._absorption, c._counts) = (2, 1, 4);
            }
            else
            {
                var counts = recorded.FirstOrDefault(v => v.RecordingCategory == "Count" || (v.RecordingName ?? "").Contains("Counter", StringComparison.OrdinalIgnoreCase))
                    ?? recorded.FirstOrDefault()
                    ?? throw new DiffractionException("no RecordedRawDataView in <DataViews>: the counts cannot be found", at);
                if (counts.Length != 1)
                    throw new DiffractionException($"the counts are a detector frame of {counts.Length} channels per step, not one count per 2θ step; only 0D/integrated scans are read", at);
                c._counts = counts.Start;
            }
            if (c._twoTheta is null)
            {
                var axes = route.Axes.Count == 0 ? "none" : string.Join(", ", route.Axes.Select(a => a.Id));
                if (twoThetaAxis is null) throw new DiffractionException($"not a 2θ scan (scan axes: {axes}); only scans stepping in 2θ are read", at);
                var start = PatternXml.Number(twoThetaAxis.Start);
                var increment = PatternXml.Number(twoThetaAxis.Increment);
                if (start is null || increment is not { } inc || inc == 0 || !double.IsFinite(inc))
                    throw new DiffractionException("the TwoTheta scan axis has no usable Start and Increment, and no Datum column holds 2θ", at);
                c._start = start.Value + (PatternXml.Number(twoThetaAxis.Reference) ?? 0);
                c._increment = inc;
                metadata["columns"] = "2θ from the TwoTheta scan axis (start, increment)";
            }
            if (twoThetaAxis?.Unit is { Length: > 0 } unit && !(unit is "°" || unit.StartsWith("deg", StringComparison.OrdinalIgnoreCase)))
                throw new DiffractionException($"the TwoTheta axis unit is '{unit}', not degrees", at);
            c._width = Math.Max(c._counts, Math.Max(c._twoTheta ?? 0, c._absorption ?? 0)) + 1;
            return c;
        }

        private static bool IsTwoTheta(string id) => id.Equals("TwoTheta", StringComparison.OrdinalIgnoreCase) || id.Equals("2Theta", StringComparison.OrdinalIgnoreCase);

        public void Add(string row, List<double> x, List<double> y, SourceLocation at, MeasuredReadOptions options)
        {
            var fields = row.Split(',');
            if (fields.Length < _width)
                throw new DiffractionException($"a Datum row has {fields.Length} values; the DataViews need {_width}", at);
            if (x.Count >= options.MaxPoints) ColumnData.CheckRoom(x.Count, options, at.File!, at.Line);
            var counts = Value(fields, _counts, at);
            if (_absorption is { } a && Value(fields, a, at) is var factor && factor > 0) counts *= factor;
            x.Add(_twoTheta is { } t ? Value(fields, t, at) : _start + _increment * x.Count);
            y.Add(counts);
        }

        private static double Value(string[] fields, int column, SourceLocation at) =>
            double.TryParse(fields[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw new DiffractionException($"'{(fields[column].Length > 40 ? fields[column][..40] + "…" : fields[column].Trim())}' (value {column + 1} of the Datum row) is not a number", at with { Column = column + 1 });
    }

    [GeneratedRegex(@"^(?:.*/)?Experiment(?<e>\d{1,6})/RawData(?<r>\d{1,6})\.xml$", RegexOptions.IgnoreCase)]
    private static partial Regex RawDataName();
}
