using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Bravais.Crystallography;
using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// PANalytical XRDML (X'Pert / Empyrean / Aeris), the open XML format written by the most widespread lab
/// powder diffractometers and exported by HighScore. Reads the first 2θ scan: positions from
/// <c>startPosition</c>/<c>endPosition</c> (evenly spaced) or <c>listPositions</c>; intensities from
/// <c>intensities</c> or <c>counts</c>; the wavelength from <c>usedWavelength</c> (Kα1 when the
/// <c>intended</c> attribute says "K-Alpha 1", else the Kα mean weighted by <c>ratioKAlpha2KAlpha1</c>).
/// Elements are matched by local name, so every XRDML schema version (1.0–2.x) reads the same.
/// </summary>
public static class XrdmlReader
{
    public static MeasuredPattern Read(Stream stream, string source, MeasuredReadOptions? options = null)
    {
        options ??= MeasuredReadOptions.Default;
        XDocument doc;
        try
        {
            doc = XDocument.Load(stream, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new DiffractionException($"not well-formed XML: {e.Message}", new SourceLocation(source, Line: e.LineNumber, Column: e.LinePosition), e);
        }
        var metadata = new Dictionary<string, string> { ["format"] = "xrdml" };
        var root = doc.Root ?? throw new DiffractionException("empty XML document", new SourceLocation(source));
        if (root.Name.LocalName != "xrdMeasurements")
            throw new DiffractionException($"root element is <{root.Name.LocalName}>, expected <xrdMeasurements> (is this an XRDML file?)", Where(source, root));

        var measurement = Child(root, "xrdMeasurement")
            ?? throw new DiffractionException("no <xrdMeasurement> element", Where(source, root));
        var wavelength = ReadWavelength(measurement, source, metadata);

        var scans = measurement.Elements().Where(e => e.Name.LocalName == "scan").ToList();
        if (scans.Count == 0) throw new DiffractionException("no <scan> element", Where(source, measurement));
        if (scans.Count > 1) metadata["scans"] = $"{scans.Count} (the first is read)";
        var scan = scans[0];
        var points = Child(scan, "dataPoints") ?? throw new DiffractionException("scan has no <dataPoints>", Where(source, scan));

        var intensityElement = Child(points, "intensities") ?? Child(points, "counts")
            ?? throw new DiffractionException("no <intensities> or <counts> in <dataPoints>", Where(source, points));
        var intensities = Numbers(intensityElement, source);
        var unit = (string?)intensityElement.Attribute("unit");
        if (unit is not null) metadata["intensity.unit"] = unit;

        var positions = points.Elements().FirstOrDefault(e => e.Name.LocalName == "positions" &&
                            string.Equals((string?)e.Attribute("axis"), "2Theta", StringComparison.OrdinalIgnoreCase))
            ?? throw new DiffractionException("no <positions axis=\"2Theta\"> in <dataPoints>", Where(source, points));
        double[] twoTheta;
        if (Child(positions, "listPositions") is { } list)
        {
            twoTheta = Numbers(list, source);
            if (twoTheta.Length != intensities.Length)
                throw new DiffractionException($"{twoTheta.Length} listed 2θ positions for {intensities.Length} intensities", Where(source, list));
        }
        else
        {
            var start = Number(Child(positions, "startPosition"), "startPosition", source, positions);
            var end = Number(Child(positions, "endPosition"), "endPosition", source, positions);
            twoTheta = new double[intensities.Length];
            var n = intensities.Length;
            for (var i = 0; i < n; i++) twoTheta[i] = n == 1 ? start : start + (end - start) * i / (n - 1);
        }

        var line = ((IXmlLineInfo)intensityElement).LineNumber;
        var lines = Enumerable.Repeat(line, twoTheta.Length).ToList();
        return ColumnData.Build(source, [.. twoTheta], [.. intensities], null, lines, Abscissa.TwoThetaDegrees, wavelength, metadata, options);
    }

    private static Radiation? ReadWavelength(XElement measurement, string source, Dictionary<string, string> metadata)
    {
        var used = Child(measurement, "usedWavelength");
        if (used is null) return null;
        var intended = (string?)used.Attribute("intended") ?? "";
        metadata["wavelength.intended"] = intended;
        var k1 = OptionalNumber(Child(used, "kAlpha1"));
        var k2 = OptionalNumber(Child(used, "kAlpha2"));
        var ratio = OptionalNumber(Child(used, "ratioKAlpha2KAlpha1")) ?? Anode.KAlpha2Ratio;
        if (k1 is null) return null;
        var normalised = intended.Replace(" ", "").Replace("-", "").ToLowerInvariant();
        try
        {
            if (normalised is "kalpha1") return new Radiation("Ka1 (file)", k1.Value);
            if (normalised is "kalpha2") return new Radiation("Ka2 (file)", k2 ?? k1.Value);
            if (normalised is "kbeta") return new Radiation("Kb (file)", OptionalNumber(Child(used, "kBeta")) ?? k1.Value);
            return k2 is null ? new Radiation("Ka1 (file)", k1.Value) : Radiation.Doublet("Ka (file)", k1.Value, k2.Value, ratio);
        }
        catch (DiffractionException e) { throw new DiffractionException(e.Reason, Where(source, used), e); }
    }

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static double[] Numbers(XElement element, string source)
    {
        var parts = element.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new DiffractionException($"'{parts[i]}' (value {i + 1} of <{element.Name.LocalName}>) is not a number", Where(source, element));
        return values;
    }

    private static double Number(XElement? element, string name, string source, XElement parent)
    {
        if (element is null) throw new DiffractionException($"<{name}> is missing", Where(source, parent));
        return double.TryParse(element.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw new DiffractionException($"<{name}> '{element.Value}' is not a number", Where(source, element));
    }

    private static double? OptionalNumber(XElement? element) =>
        element is not null && double.TryParse(element.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static SourceLocation Where(string source, XElement element)
    {
        var info = (IXmlLineInfo)element;
        return new SourceLocation(source, Line: info.HasLineInfo() ? info.LineNumber : null, Field: element.Name.LocalName);
    }
}
