using System.Xml;
using Bravais.Crystallography;
using Bravais.Diffraction.Measured.Input;
using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// PANalytical XRDML (X'Pert / Empyrean / Aeris), the open XML format written by the most widespread lab
/// powder diffractometers and exported by HighScore. Reads the first 2θ scan: positions from
/// <c>startPosition</c>/<c>endPosition</c> (evenly spaced) or <c>listPositions</c>; intensities from
/// <c>intensities</c> or <c>counts</c>; the wavelength from <c>usedWavelength</c> (Kα1 when the
/// <c>intended</c> attribute says "K-Alpha 1", else the Kα doublet at <c>ratioKAlpha2KAlpha1</c>; see
/// <see cref="FileRadiation"/>). A first scan whose <c>scanAxis</c> is not a 2θ axis (Omega, Phi, Chi…) is refused. Elements are matched by local name, so every XRDML schema version (1.0–2.x) reads the
/// same. The XML is streamed (number lists are parsed in chunks) and a DTD is refused, so neither entity expansion nor
/// external entities can happen.
/// </summary>
public static class XrdmlReader
{
    public static MeasuredPattern Read(Stream stream, string source, MeasuredReadOptions? options = null)
    {
        options ??= MeasuredReadOptions.Default;
        var where = new SourceLocation(source);
        using var content = new ContentStream(stream, new ByteBudget(options.MaxDecompressedBytes), where, "file", leaveOpen: true);
        try
        {
            using var reader = PatternXml.Create(content);
            return Parse(reader, where, options);
        }
        catch (XmlException e) { throw PatternXml.NotWellFormed(e, where); }
    }

    private sealed class Scan
    {
        public int? Line, PointsLine, IntensityLine, ListLine, PositionsLine;
        public List<double>? Intensities, List;
        public string? Start, End, IntensityElement, Unit;
        public bool HasPoints, HasPositions;
    }

    private static MeasuredPattern Parse(XmlReader reader, SourceLocation where, MeasuredReadOptions options)
    {
        if (reader.MoveToContent() != XmlNodeType.Element) throw new DiffractionException("empty XML document", where);
        if (reader.LocalName != "xrdMeasurements")
            throw new DiffractionException($"root element is <{reader.LocalName}>, expected <xrdMeasurements> (is this an XRDML file?)", At(where, reader));
        var rootAt = At(where, reader);
        var metadata = new Dictionary<string, string> { ["format"] = "xrdml" };
        SourceLocation? measurementAt = null;
        Dictionary<string, string>? wavelength = null;
        SourceLocation? wavelengthAt = null;
        string? anode = null;
        Scan? scan = null;
        var scans = 0;

        PatternXml.ForEachChild(reader, r =>
        {
            if (r.LocalName != "xrdMeasurement" || measurementAt is not null) { r.Skip(); return; }
            measurementAt = At(where, r);
            PatternXml.ForEachChild(r, m =>
            {
                switch (m.LocalName)
                {
                    case "usedWavelength" when wavelength is null:
                        wavelengthAt = At(where, m);
                        wavelength = new Dictionary<string, string> { ["intended"] = m.GetAttribute("intended") ?? "" };
                        PatternXml.ForEachChild(m, w =>
                        {
                            var name = w.LocalName; // before ReadText moves the reader on
                            wavelength[name] = PatternXml.ReadText(w, where);
                        });
                        break;
                    case "incidentBeamPath":
                        PatternXml.ForEachChild(m, p =>
                        {
                            if (p.LocalName != "xRayTube") { p.Skip(); return; }
                            PatternXml.ForEachChild(p, t => { if (t.LocalName == "anodeMaterial") anode = PatternXml.ReadText(t, where); else t.Skip(); });
                        });
                        break;
                    case "scan":
                        scans++;
                        if (scans == 1) scan = ReadScan(m, where, options);
                        else m.Skip();
                        break;
                    default:
                        m.Skip();
                        break;
                }
            });
        });

        if (measurementAt is null) throw new DiffractionException("no <xrdMeasurement> element", rootAt);
        if (scan is null) throw new DiffractionException("no <scan> element", measurementAt);
        if (scans > 1) metadata["scans"] = $"{scans} (the first is read)";
        var radiation = wavelength is null ? null : Wavelength(wavelength, anode, wavelengthAt!, metadata);
        var scanAt = where with { Line = scan.Line, Field = "scan" };
        if (!scan.HasPoints) throw new DiffractionException("scan has no <dataPoints>", scanAt);
        var pointsAt = where with { Line = scan.PointsLine, Field = "dataPoints" };
        var intensities = scan.Intensities ?? throw new DiffractionException("no <intensities> or <counts> in <dataPoints>", pointsAt);
        if (scan.Unit is not null) metadata["intensity.unit"] = scan.Unit;
        if (!scan.HasPositions) throw new DiffractionException("no <positions axis=\"2Theta\"> in <dataPoints>", pointsAt);

        double[] twoTheta;
        if (scan.List is { } list)
        {
            if (list.Count != intensities.Count)
                throw new DiffractionException($"{list.Count} listed 2θ positions for {intensities.Count} intensities", where with { Line = scan.ListLine, Field = "listPositions" });
            twoTheta = [.. list];
        }
        else
        {
            var positionsAt = where with { Line = scan.PositionsLine, Field = "positions" };
            var start = Number(scan.Start, "startPosition", positionsAt);
            var end = Number(scan.End, "endPosition", positionsAt);
            var n = intensities.Count;
            twoTheta = new double[n];
            for (var i = 0; i < n; i++) twoTheta[i] = n == 1 ? start : start + (end - start) * i / (n - 1);
        }
        var lines = Enumerable.Repeat(scan.IntensityLine ?? 0, twoTheta.Length).ToList();
        return ColumnData.Build(where.File!, [.. twoTheta], intensities, null, lines, Abscissa.TwoThetaDegrees, radiation, metadata, options);
    }

    private static Scan ReadScan(XmlReader reader, SourceLocation where, MeasuredReadOptions options)
    {
        var scan = new Scan { Line = PatternXml.Line(reader) };
        // Gonio is the coupled θ–2θ scan; 2Theta, 2Theta-Omega and Omega-2Theta step 2θ too
        if (reader.GetAttribute("scanAxis") is { Length: > 0 } axis && axis != "Gonio" && !axis.Contains("2Theta", StringComparison.OrdinalIgnoreCase))
            throw new DiffractionException($"the first scan's axis is '{axis}', not 2θ (read: Gonio, 2Theta, Omega-2Theta and 2Theta-Omega scans)", where with { Line = scan.Line, Field = "scan" });
        PatternXml.ForEachChild(reader, s =>
        {
            if (s.LocalName != "dataPoints" || scan.HasPoints) { s.Skip(); return; }
            scan.HasPoints = true;
            scan.PointsLine = PatternXml.Line(s);
            PatternXml.ForEachChild(s, p =>
            {
                switch (p.LocalName)
                {
                    case "positions" when !scan.HasPositions && string.Equals(p.GetAttribute("axis"), "2Theta", StringComparison.OrdinalIgnoreCase):
                        scan.HasPositions = true;
                        scan.PositionsLine = PatternXml.Line(p);
                        PatternXml.ForEachChild(p, q =>
                        {
                            switch (q.LocalName)
                            {
                                case "startPosition": scan.Start = PatternXml.ReadText(q, where); break;
                                case "endPosition": scan.End = PatternXml.ReadText(q, where); break;
                                case "listPositions":
                                    scan.ListLine = PatternXml.Line(q);
                                    scan.List = [];
                                    PatternXml.ReadNumbers(q, scan.List, options.MaxPoints, where);
                                    break;
                                default: q.Skip(); break;
                            }
                        });
                        break;
                    case "intensities" when scan.IntensityElement is not "intensities": // preferred over counts
                    case "counts" when scan.IntensityElement is null:
                        scan.IntensityElement = p.LocalName;
                        scan.IntensityLine = PatternXml.Line(p);
                        scan.Unit = p.GetAttribute("unit");
                        scan.Intensities = [];
                        PatternXml.ReadNumbers(p, scan.Intensities, options.MaxPoints, where);
                        break;
                    default:
                        p.Skip();
                        break;
                }
            });
        });
        return scan;
    }

    private static Radiation? Wavelength(Dictionary<string, string> used, string? anode, SourceLocation at, Dictionary<string, string> metadata)
    {
        var intended = used["intended"];
        metadata["wavelength.intended"] = intended;
        double? Value(string name) => used.TryGetValue(name, out var t) ? PatternXml.Number(t) : null;
        if (Value("kAlpha1") is null) return null;
        try
        {
            return FileRadiation.From(anode, Value("kAlpha1"), Value("kAlpha2"), Value("ratioKAlpha2KAlpha1"), Value("kBeta"), intended, metadata);
        }
        catch (DiffractionException e) { throw new DiffractionException(e.Reason, at, e); }
    }

    private static double Number(string? text, string name, SourceLocation at)
    {
        if (text is null) throw new DiffractionException($"<{name}> is missing", at);
        return PatternXml.Number(text) ?? throw new DiffractionException($"<{name}> '{text}' is not a number", at with { Field = name });
    }

    private static SourceLocation At(SourceLocation where, XmlReader reader) => where with { Line = PatternXml.Line(reader), Field = reader.LocalName };
}
