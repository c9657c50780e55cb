using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;
using Bravais.Crystallography;
using Bravais.Diffraction.Measured.Input;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// Rigaku <c>.rasx</c> (SmartLab Studio II): a zip archive with one folder per scan, <c>Data0/Profile0.txt</c> (rows
/// <c>2θ intensity [attenuator factor]</c>, tab separated, UTF-8 with a byte-order mark) and
/// <c>Data0/MesurementConditions0.xml</c> (Rigaku's spelling; <c>MeasurementConditions0.xml</c> is accepted too):
/// <c>ScanInformation/AxisName</c> and <c>PositionUnit</c>, <c>HWConfigurations/XrayGenerator</c> with
/// <c>TargetName</c>, <c>WaveType</c> and <c>WavelengthKalpha1/Kalpha2/Kbeta</c>, and a <c>RASHeader</c> of the .ras keys
/// (whose <c>MEAS_COND_XG_WAVE_TYPE</c> wins). The first scan is read (several are noted in the metadata), its axis must
/// be 2θ in degrees; an archive holding detector images (<c>Image0.bin</c>) instead of a profile is refused. The archive
/// is read within the zip-bomb limits of <see cref="MeasuredReadOptions"/>.
/// </summary>
public static partial class RasxReader
{
    /// <summary>The conditions are a few tens of kB; 16 MB is plenty and bounds a hostile one.</summary>
    private const long MaxConditionsBytes = 16L << 20;

    public static MeasuredPattern Read(Stream seekable, string source, MeasuredReadOptions? options = null)
    {
        options ??= MeasuredReadOptions.Default;
        using var archive = PatternArchive.Open(seekable, source, options, "a .rasx file");
        var profiles = archive.Entries
            .Select(e => (Entry: e, Match: ProfileName().Match(e.FullName.Replace('\\', '/'))))
            .Where(p => p.Match.Success)
            .OrderBy(p => int.Parse(p.Match.Groups["d"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(p => int.Parse(p.Match.Groups["p"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        if (profiles.Count == 0)
        {
            var image = archive.Entries.FirstOrDefault(e => e.Name.StartsWith("Image", StringComparison.OrdinalIgnoreCase));
            throw new DiffractionException(image is not null
                ? $"the archive holds a 2D detector image ({image.FullName}), not a 1D profile; only profiles (DataN/ProfileN.txt) are read"
                : "no Data0/Profile0.txt in the archive (is this a Rigaku .rasx file?)", new SourceLocation(source));
        }
        var metadata = new Dictionary<string, string> { ["format"] = "rigaku rasx" };
        if (profiles.Count > 1) metadata["scans"] = $"{profiles.Count} (the first is read)";
        var profile = profiles[0];
        metadata["entry"] = profile.Entry.FullName;

        var scan = new RigakuScan();
        var folder = profile.Match.Groups["folder"].Value;
        var number = profile.Match.Groups["p"].Value;
        var conditions = archive.Find($"{folder}MesurementConditions{number}.xml") ?? archive.Find($"{folder}MeasurementConditions{number}.xml");
        if (conditions is null) metadata["conditions"] = "missing (2θ in degrees assumed, no wavelength)";
        else ReadConditions(archive, conditions, scan);
        scan.CheckTwoTheta(archive.Where(conditions ?? profile.Entry), metadata);

        var x = new List<double>(4096); var y = new List<double>(4096); var lines = new List<int>(4096);
        var where = archive.Where(profile.Entry);
        using (var text = new GuardedTextReader(archive.Open(profile.Entry), source, profile.Entry.FullName))
        {
            string? line;
            var lineNumber = 0;
            while ((line = text.ReadLine()) is not null)
            {
                lineNumber++;
                var t = line.Trim().TrimStart('\uFEFF');
                if (t.Length == 0 || t[0] is '*' or '#') continue;
                RigakuScan.AddRow(t, lineNumber, x, y, lines, where, options);
            }
        }
        scan.NoteCount(x.Count, metadata);
        return ColumnData.Build(source, x, y, null, lines, Abscissa.TwoThetaDegrees, scan.Radiation(metadata), metadata, options, profile.Entry.FullName);
    }

    private static void ReadConditions(PatternArchive archive, ZipArchiveEntry entry, RigakuScan scan)
    {
        var where = archive.Where(entry);
        try
        {
            using var stream = archive.Open(entry, MaxConditionsBytes);
            using var reader = PatternXml.Create(stream);
            if (reader.MoveToContent() != XmlNodeType.Element) throw new DiffractionException("empty XML document", where);
            var header = new Dictionary<string, string>();
            PatternXml.ForEachChild(reader, section =>
            {
                switch (section.LocalName)
                {
                    case "ScanInformation":
                        PatternXml.ForEachChild(section, e =>
                        {
                            var name = e.LocalName; // read before ReadText moves the reader on
                            var value = PatternXml.ReadText(e, where).Trim();
                            if (name == "AxisName") scan.Axis = value;
                            else if (name == "PositionUnit") scan.Unit = value;
                            else if (name == "DataCount") scan.DeclaredCount = value;
                        });
                        break;
                    case "HWConfigurations":
                        PatternXml.ForEachChild(section, hw =>
                        {
                            if (hw.LocalName != "XrayGenerator") { hw.Skip(); return; }
                            PatternXml.ForEachChild(hw, g =>
                            {
                                var name = g.LocalName;
                                var value = PatternXml.ReadText(g, where).Trim();
                                switch (name)
                                {
                                    case "TargetName": scan.Set("HW_XG_TARGET_NAME", value); break;
                                    case "WaveType": scan.Set("HW_XG_WAVE_TYPE", value); break;
                                    case "WavelengthKalpha1": scan.Set("HW_XG_WAVE_LENGTH_ALPHA1", value); break;
                                    case "WavelengthKalpha2": scan.Set("HW_XG_WAVE_LENGTH_ALPHA2", value); break;
                                    case "WavelengthKbeta": scan.Set("HW_XG_WAVE_LENGTH_BETA", value); break;
                                }
                            });
                        });
                        break;
                    case "RASHeader":
                        PatternXml.ForEachChild(section, pair =>
                        {
                            var strings = new List<string>(2);
                            PatternXml.ForEachChild(pair, s => strings.Add(PatternXml.ReadText(s, where)));
                            if (strings.Count >= 2) header[strings[0].Trim().TrimStart('*')] = strings[1];
                        });
                        break;
                    default:
                        section.Skip();
                        break;
                }
            });
            // the RAS header's measurement condition names the line actually used (a monochromator's Kα1)
            foreach (var key in (string[])["MEAS_COND_XG_WAVE_TYPE", "HW_XG_TARGET_NAME", "HW_XG_WAVE_LENGTH_ALPHA1", "HW_XG_WAVE_LENGTH_ALPHA2", "HW_XG_WAVE_LENGTH_BETA"])
                if (header.TryGetValue(key, out var value) && RigakuScan.TryParseHeader($"*{key} \"{value}\"", out var k, out var v) && v.Length > 0 && (key == "MEAS_COND_XG_WAVE_TYPE" || !HasValue(scan, key)))
                    scan.Set(k, v);
        }
        catch (XmlException e) { throw PatternXml.NotWellFormed(e, where); }
    }

    private static bool HasValue(RigakuScan scan, string key) => key switch
    {
        "HW_XG_TARGET_NAME" => scan.Anode is not null,
        "HW_XG_WAVE_LENGTH_ALPHA1" => scan.KAlpha1 is not null,
        "HW_XG_WAVE_LENGTH_ALPHA2" => scan.KAlpha2 is not null,
        "HW_XG_WAVE_LENGTH_BETA" => scan.KBeta is not null,
        _ => false,
    };

    [GeneratedRegex(@"^(?<folder>(?:.*/)?Data(?<d>\d{1,6})/)Profile(?<p>\d{1,6})\.txt$", RegexOptions.IgnoreCase)]
    private static partial Regex ProfileName();
}
