using System.Xml;
using Bravais.Crystallography;
using Bravais.Diffraction.Measured.Input;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// What a Bruker <c>RawData*.xml</c> says about its data, read in a first streaming pass that skips the rows: each
/// <c>DataRoute</c>'s <c>ScanInformation</c> (scan name, mode, points, scan axes with start/stop/increment/reference),
/// its <c>DataViews</c> (which columns of a <c>Datum</c> row are the time, the absorption factor, the varying axes and the
/// recorded counts) and how many <c>Datum</c> rows it has; and the tube (<c>TubeMaterial</c>,
/// <c>WaveLengthAlpha1/Alpha2/Beta</c>, <c>WaveLengthRatio</c>) wherever it is stated outside the routes.
/// </summary>
internal sealed class BrmlLayout
{
    internal sealed class Axis
    {
        public string Id = "";
        public string? Start, Stop, Increment, Reference, Unit;
    }

    internal sealed class View
    {
        public string Type = "";
        public string? LogicName, RecordingName, RecordingCategory;
        public int Start, Length;
        public List<string> Fields { get; } = [];
    }

    internal sealed class Route
    {
        public int Index;
        public string? ScanName, ScanMode, Points;
        public int? Line;
        public int Datums;
        public List<Axis> Axes { get; } = [];
        public List<View> Views { get; } = [];
    }

    public List<Route> Routes { get; } = [];
    public string? Anode;
    public double? KAlpha1, KAlpha2, KBeta, Ratio;

    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    public static BrmlLayout Read(XmlReader reader, SourceLocation where)
    {
        if (reader.MoveToContent() != XmlNodeType.Element) throw new DiffractionException("empty XML document", where);
        if (reader.LocalName != "RawData")
            throw new DiffractionException($"root element is <{reader.LocalName}>, expected <RawData>", where with { Line = PatternXml.Line(reader) });
        var layout = new BrmlLayout();
        PatternXml.ForEachChild(reader, child =>
        {
            if (child.LocalName == "DataRoutes")
                PatternXml.ForEachChild(child, r => { if (r.LocalName == "DataRoute") layout.ReadRoute(r, where); else r.Skip(); });
            else layout.FindTube(child, where, 0);
        });
        return layout;
    }

    private void ReadRoute(XmlReader reader, SourceLocation where)
    {
        var route = new Route { Index = Routes.Count, Line = PatternXml.Line(reader) };
        Routes.Add(route);
        PatternXml.ForEachChild(reader, r =>
        {
            switch (r.LocalName)
            {
                case "ScanInformation":
                    route.ScanName = r.GetAttribute("VisibleName") ?? r.GetAttribute("ScanName");
                    PatternXml.ForEachChild(r, s =>
                    {
                        switch (s.LocalName)
                        {
                            case "ScanMode": route.ScanMode = PatternXml.ReadText(s, where).Trim(); break;
                            case "MeasurementPoints": route.Points = PatternXml.ReadText(s, where).Trim(); break;
                            case "ScanAxes": PatternXml.ForEachChild(s, a => { if (a.LocalName == "ScanAxisInfo") route.Axes.Add(ReadAxis(a, where)); else a.Skip(); }); break;
                            default: s.Skip(); break;
                        }
                    });
                    break;
                case "Datum":
                    route.Datums++;
                    r.Skip();
                    break;
                case "DataViews":
                    PatternXml.ForEachChild(r, v => { if (v.LocalName == "RawDataView") route.Views.Add(ReadView(v, where)); else v.Skip(); });
                    break;
                default:
                    r.Skip();
                    break;
            }
        });
    }

    private static Axis ReadAxis(XmlReader reader, SourceLocation where)
    {
        var axis = new Axis { Id = reader.GetAttribute("AxisId") ?? reader.GetAttribute("AxisName") ?? "", Unit = reader.GetAttribute("Unit") };
        PatternXml.ForEachChild(reader, e =>
        {
            switch (e.LocalName)
            {
                case "Start": axis.Start = PatternXml.ReadText(e, where); break;
                case "Stop": axis.Stop = PatternXml.ReadText(e, where); break;
                case "Increment": axis.Increment = PatternXml.ReadText(e, where); break;
                case "Reference": axis.Reference = PatternXml.ReadText(e, where); break;
                case "Unit": axis.Unit ??= e.GetAttribute("Base"); e.Skip(); break;
                default: e.Skip(); break;
            }
        });
        return axis;
    }

    private static View ReadView(XmlReader reader, SourceLocation where)
    {
        var type = reader.GetAttribute("type", XsiNamespace) ?? "";
        var view = new View
        {
            Type = type[(type.IndexOf(':') + 1)..],
            LogicName = reader.GetAttribute("LogicName"),
            Start = Int(reader.GetAttribute("Start"), "Start", where with { Line = PatternXml.Line(reader), Field = "RawDataView" }),
            Length = reader.GetAttribute("Length") is { } length ? Int(length, "Length", where with { Line = PatternXml.Line(reader), Field = "RawDataView" }) : 1,
        };
        PatternXml.ForEachChild(reader, e =>
        {
            if (e.LocalName == "Varying")
                PatternXml.ForEachChild(e, f =>
                {
                    if (f.LocalName == "FieldDefinitions") view.Fields.Add(f.GetAttribute("AxisId") ?? f.GetAttribute("FieldName") ?? "");
                    f.Skip();
                });
            else if (e.LocalName == "Recording")
            {
                view.RecordingName = e.GetAttribute("LogicName");
                view.RecordingCategory = e.GetAttribute("Category");
                e.Skip();
            }
            else e.Skip();
        });
        return view;
    }

    /// <summary>Real files state the tube about eight levels down; deeper nesting is skipped (no unbounded recursion).</summary>
    private const int MaxTubeDepth = 24;

    /// <summary>Takes the first tube values stated anywhere under the element the reader is on.</summary>
    private void FindTube(XmlReader reader, SourceLocation where, int depth)
    {
        switch (reader.LocalName)
        {
            case "TubeMaterial" when Anode is null: Anode = PatternXml.ReadText(reader, where).Trim(); return;
            case "WaveLengthAlpha1": KAlpha1 ??= Wavelength(reader); break;
            case "WaveLengthAlpha2": KAlpha2 ??= Wavelength(reader); break;
            case "WaveLengthBeta": KBeta ??= Wavelength(reader); break;
            case "WaveLengthRatio": Ratio ??= PatternXml.Number(reader.GetAttribute("Value")); break;
        }
        if (depth >= MaxTubeDepth) { reader.Skip(); return; }
        PatternXml.ForEachChild(reader, child => FindTube(child, where, depth + 1));
    }

    private static double? Wavelength(XmlReader reader)
    {
        var value = PatternXml.Number(reader.GetAttribute("Value"));
        var unit = reader.GetAttribute("Unit") ?? "";
        return unit.Trim().Equals("nm", StringComparison.OrdinalIgnoreCase) ? value * 10 : value;
    }

    private static int Int(string? text, string name, SourceLocation at) =>
        int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1_000_000
            ? v : throw new DiffractionException($"{name} '{text}' is not a column index", at);
}
