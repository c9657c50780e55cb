using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Bravais.Crystallography;
using Bravais.Diffraction.Measured.Input;
using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Measured;

/// <summary>
/// Bruker (Siemens) DIFFRAC <c>.raw</c> binary files, little-endian, read as a stream:
/// <list type="bullet">
/// <item>version 3 (<c>RAW1.01</c>, DIFFRAC<sup>plus</sup>): a 712-byte file header (anode at byte 608; Kα mean, Kα1, Kα2,
/// Kβ and the Kα2/Kα1 ratio as doubles at 616–648), then per range a 304-byte header (steps at +4, 2θ start at +16,
/// step at +176, scan type at +196, record length at +252, size of the supplementary records at +256), the
/// supplementary records, and the counts as 32-bit floats;</item>
/// <item>version 4 (<c>RAW4.00</c>, DIFFRAC.SUITE): a 61-byte header, then tagged segments (type, length; type 30 holds the
/// tube: Kα mean, Kα1, Kα2, Kβ, ratio at +72…+104 and the anode at +116) until a range starts (type 0 or 160): scan
/// type name at +32, start angle at +72, step at +80, steps at +88, datum size at +136, size of the further range
/// headers at +140, counts after the 160-byte range header and those headers.</item>
/// </list>
/// The layout follows the DIFFRAC<sup>plus</sup> XCH manual (appendix A) as open readers (xylib, GSAS-II) read it. The
/// first range is read (a file of several ranges says so in the metadata): ranges of one file often overlap or differ
/// in counting time, so joining them would make a pattern no instrument measured. Refused with a message: versions 1
/// (<c>RAW </c>) and 2 (<c>RAW2</c>), unknown versions, a first range that is not a 2θ scan (rocking curves, φ/χ/z
/// scans, reciprocal-space maps), multi-column data records and datum sizes other than 4 bytes.
/// </summary>
public static class BrukerRawReader
{
    /// <summary>Version 3 scan types (range header +196) whose abscissa is 2θ.</summary>
    private static readonly Dictionary<int, string> ScanTypes = new()
    {
        [0] = "locked coupled", [1] = "unlocked coupled", [2] = "detector scan", [3] = "rocking curve", [4] = "chi scan",
        [5] = "phi scan", [6] = "x scan", [7] = "y scan", [8] = "z scan", [9] = "aux1 scan", [10] = "aux2 scan",
        [11] = "aux3 scan", [12] = "psi scan", [13] = "hkl scan", [14] = "reciprocal space scan",
        [20] = "unlocked coupled HR-XRD", [129] = "PSD fixed scan", [130] = "PSD fast scan",
    };

    /// <summary>Version 4 scan type names whose start angle and step are 2θ.</summary>
    private static readonly string[] TwoThetaScans = ["Locked Coupled", "Unlocked Coupled", "Detector Scan"];

    /// <summary>True when the bytes start like a Bruker RAW file of any version.</summary>
    public static bool LooksLikeRaw(ReadOnlySpan<byte> head) =>
        head.StartsWith("RAW1."u8) || head.StartsWith("RAW4."u8) || head.StartsWith("RAW2"u8)
        || (head.StartsWith("RAW "u8) && head[..Math.Min(head.Length, 256)].IndexOf((byte)0) >= 0);

    public static MeasuredPattern Read(Stream stream, string source, MeasuredReadOptions? options = null)
    {
        options ??= MeasuredReadOptions.Default;
        using var content = new ContentStream(stream, new ByteBudget(options.MaxDecompressedBytes), new SourceLocation(source), "file", leaveOpen: true);
        var c = new BinaryCursor(content, source);
        Span<byte> magic = stackalloc byte[7];
        if (!c.TryRead(magic[..4], "the magic number"))
            throw new DiffractionException("the file is empty", new SourceLocation(source));
        var version = Encoding.Latin1.GetString(magic[..4]);
        switch (version)
        {
            case "RAW ":
                throw new DiffractionException("Bruker RAW version 1 ('RAW ', DIFFRAC-AT) is not read; export the scan as .raw version 3/4, .brml or .xy", c.At("magic", 0));
            case "RAW2":
                throw new DiffractionException("Bruker RAW version 2 ('RAW2', DIFFRAC-AT) is not read; export the scan as .raw version 3/4, .brml or .xy", c.At("magic", 0));
            case "RAW1" or "RAW4":
                c.Read(magic[4..], "the magic number");
                var full = Encoding.Latin1.GetString(magic);
                if (full == "RAW1.01") return ReadVersion3(c, options);
                if (full == "RAW4.00") return ReadVersion4(c, options);
                throw new DiffractionException($"Bruker RAW version '{Printable(full)}' is not known (read: 'RAW1.01', version 3, and 'RAW4.00', version 4)", c.At("magic", 0));
            default:
                throw new DiffractionException($"not a Bruker RAW file: it starts with '{Printable(version)}', not 'RAW1.01' or 'RAW4.00'", c.At("magic", 0));
        }
    }

    private static MeasuredPattern ReadVersion3(BinaryCursor c, MeasuredReadOptions options)
    {
        var metadata = new Dictionary<string, string> { ["format"] = "bruker raw v3" };
        c.SkipTo(8, "file header");
        var status = c.Int32("file status");
        metadata["raw.status"] = status switch { 1 => "done", 2 => "active", 3 => "aborted", 4 => "interrupted", _ => status.ToString(CultureInfo.InvariantCulture) };
        var ranges = c.Int32("range count");
        if (ranges < 1) throw new DiffractionException($"the file holds no ranges (range count {ranges})", c.At("range count", 12));
        if (ranges > 1) metadata["ranges"] = $"{ranges} (the first is read)";
        Put(metadata, "date", c.Text(10, "measurement date") + " " + c.Text(10, "measurement time"));
        c.SkipTo(326, "file header");
        Put(metadata, "sample", c.Text(60, "sample id"));
        c.SkipTo(608, "file header");
        var anode = c.Text(4, "anode");
        c.SkipTo(616, "file header");
        var mean = c.Double("Kα mean");
        var k1 = c.Double("Kα1");
        var k2 = c.Double("Kα2");
        var kb = c.Double("Kβ");
        var ratio = c.Double("Kα2/Kα1 ratio");
        if (double.IsFinite(mean) && mean > 0) metadata["wavelength.kalpha.mean"] = mean.ToString("R", CultureInfo.InvariantCulture);
        c.SkipTo(712, "file header");

        const long range = 712;
        var headerLength = c.Int32("range header length");
        if (headerLength != 304)
            throw new DiffractionException($"range header length is {headerLength}, expected 304 for version 3", c.At("range header length", range));
        var steps = c.Int32("step count");
        ColumnData.CheckDeclared(steps, "the step count", options, c.At("step count", range + 4));
        c.SkipTo(range + 16, "range header");
        var start = c.Double("2θ start");
        c.SkipTo(range + 176, "range header");
        var step = c.Double("step size");
        c.SkipTo(range + 192, "range header");
        Put(metadata, "step.time", c.Single("time per step"));
        var scanType = c.Int32("scan type");
        var name = ScanTypes.GetValueOrDefault(scanType, $"type {scanType}");
        metadata["scan.type"] = name;
        if (scanType is not (0 or 1 or 2))
            throw new DiffractionException($"the first range is a {name}, not a 2θ scan (read: locked coupled, unlocked coupled, detector scan)", c.At("scan type", range + 196));
        c.SkipTo(range + 240, "range header");
        var usedLambda = c.Double("used wavelength");
        var varying = c.Int32("varying parameters");
        var recordLength = c.Int32("data record length");
        var supplementary = c.Int32("supplementary header size");
        if (varying != 0 || recordLength is not (0 or 4))
            throw new DiffractionException($"the range holds multi-column data records (record length {recordLength}, varying parameters {varying}); only counts-only records are read", c.At("data record length", range + 252));
        c.SkipTo(range + 304, "range header");
        c.Skip(supplementary, "supplementary range headers");

        var radiation = FileRadiation.From(anode, k1, k2, ratio, kb, null, metadata) ?? Single(usedLambda, metadata);
        var (x, y) = Counts(c, start, step, steps);
        return ColumnData.Build(c.Source, x, y, null, null, Abscissa.TwoThetaDegrees, radiation, metadata, options);
    }

    private static MeasuredPattern ReadVersion4(BinaryCursor c, MeasuredReadOptions options)
    {
        var metadata = new Dictionary<string, string> { ["format"] = "bruker raw v4" };
        c.SkipTo(12, "file header");
        Put(metadata, "date", c.Text(12, "measurement date") + " " + c.Text(10, "measurement time"));
        c.SkipTo(61, "file header");
        Radiation? tube = null;
        uint type;
        while (true)
        {
            var at = c.Offset;
            type = c.UInt32("segment type");
            if (type is 0 or 160) break;
            var length = c.UInt32("segment length");
            if (length < 8) throw new DiffractionException($"segment of type {type} has length {length} (< 8)", c.At("segment length", at + 4));
            switch (type)
            {
                case 10 when length >= 36 && length - 36 <= 4096: // a named text value
                    c.Skip(4, "text segment");
                    var tag = c.Text(24, "text segment name");
                    Put(metadata, "raw." + tag, c.Text((int)length - 36, "text segment value"));
                    break;
                case 30 when length >= 120: // the tube
                    c.Skip(64, "hardware segment");
                    var mean = c.Double("Kα mean");
                    var k1 = c.Double("Kα1");
                    var k2 = c.Double("Kα2");
                    var kb = c.Double("Kβ");
                    var ratio = c.Double("Kα2/Kα1 ratio");
                    c.Skip(4, "hardware segment");
                    var anode = c.Text(4, "anode");
                    c.Skip(length - 120, "hardware segment");
                    if (double.IsFinite(mean) && mean > 0) metadata["wavelength.kalpha.mean"] = mean.ToString("R", CultureInfo.InvariantCulture);
                    tube ??= FileRadiation.From(anode, k1, k2, ratio, kb, null, metadata);
                    break;
                default:
                    c.Skip(length - 8, $"segment of type {type}");
                    break;
            }
        }

        var range = c.Offset - 4;
        c.SkipTo(range + 32, "range header");
        var scan = c.Text(24, "scan type");
        metadata["scan.type"] = scan;
        c.SkipTo(range + 72, "range header");
        var start = c.Double("start angle");
        var step = c.Double("step size");
        var steps = c.UInt32("step count");
        ColumnData.CheckDeclared(steps, "the step count", options, c.At("step count", range + 88));
        Put(metadata, "step.time", c.Single("time per step"));
        c.SkipTo(range + 112, "range header");
        var usedLambda = c.Double("used wavelength");
        c.SkipTo(range + 136, "range header");
        var datumSize = c.UInt32("datum size");
        var further = c.UInt32("further range header size");
        c.SkipTo(range + 160, "range header");
        if (!TwoThetaScans.Contains(scan, StringComparer.OrdinalIgnoreCase))
            throw new DiffractionException($"the first range is a '{Printable(scan)}' scan, not a 2θ scan (read: {string.Join(", ", TwoThetaScans)})", c.At("scan type", range + 32));
        if (datumSize != 4)
            throw new DiffractionException($"datum size is {datumSize} bytes; only 4-byte counts are read", c.At("datum size", range + 136));
        c.Skip(further, "further range headers");

        var radiation = tube ?? Single(usedLambda, metadata);
        var (x, y) = Counts(c, start, step, (int)steps);
        Span<byte> next = stackalloc byte[4];
        if (c.TryRead(next, "the next range")) metadata["ranges"] = "several (the first is read)";
        return ColumnData.Build(c.Source, x, y, null, null, Abscissa.TwoThetaDegrees, radiation, metadata, options);
    }

    /// <summary><paramref name="steps"/> 32-bit float counts at 2θ = start + i·step.</summary>
    private static (List<double> X, List<double> Y) Counts(BinaryCursor c, double start, double step, int steps)
    {
        if (!double.IsFinite(start) || !double.IsFinite(step) || step == 0)
            throw new DiffractionException(FormattableString.Invariant($"2θ start {start}° and step {step}° do not make a scan"), c.At("range header"));
        var capacity = Math.Min(steps, 1 << 16); // the header may lie: grow as counts arrive
        var x = new List<double>(capacity);
        var y = new List<double>(capacity);
        Span<byte> block = stackalloc byte[4096];
        while (x.Count < steps)
        {
            var n = Math.Min(block.Length / 4, steps - x.Count);
            var got = c.ReadUpTo(block[..(4 * n)]);
            if (got < 4 * n)
                throw new DiffractionException($"the file ends after {x.Count + got / 4} of {steps} counts: it is truncated", c.At("the counts"));
            for (var i = 0; i < n; i++)
            {
                x.Add(start + step * x.Count);
                y.Add(BinaryPrimitives.ReadSingleLittleEndian(block[(4 * i)..]));
            }
        }
        return (x, y);
    }

    private static Radiation? Single(double lambda, Dictionary<string, string> metadata)
    {
        if (!(lambda is >= Radiation.MinWavelengthAngstrom and <= Radiation.MaxWavelengthAngstrom)) return null;
        metadata["wavelength.source"] = "the range's used wavelength (the file states no tube lines)";
        return new Radiation(FormattableString.Invariant($"{lambda:0.######} Å (file)"), lambda);
    }

    private static void Put(Dictionary<string, string> metadata, string key, string value)
    {
        if (!string.IsNullOrWhiteSpace(value)) metadata[key] = Printable(value.Trim());
    }

    private static void Put(Dictionary<string, string> metadata, string key, float value)
    {
        if (float.IsFinite(value)) metadata[key] = value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Printable(string s) => new(s.Select(ch => ch is >= ' ' and < '\u007f' ? ch : '?').ToArray());
}
