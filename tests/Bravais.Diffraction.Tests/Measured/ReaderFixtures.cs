using System.Globalization;
using System.IO.Compression;
using System.Text;
using Bravais.Diffraction.Measured;
using Xunit;

namespace Bravais.Diffraction.Tests.Measured;

/// <summary>
/// The diffractometer files of Measured/Fixtures (written by tools/measured/make_reader_fixtures.py: silicon (111) and
/// (220) by Bragg's law at the file's Kα1 on 40 counts, 2θ 25–50° in 0.05° steps) and their readings by the generator
/// (<c>oracle/*.expected.tsv</c>) and by independent readers (xylib's xyconv for RAW v3, xrayutilities for RAS).
/// </summary>
internal static class ReaderFixtures
{
    public const double SiliconA = 5.4309;
    public const int Points = 501;

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Measured", "Fixtures", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    /// <summary>Two columns of numbers after '#' comments; of a multi-block xyconv file, only block <paramref name="block"/>.</summary>
    public static (double[] X, double[] Y) Columns(string oracle, int block = 0, int yColumn = 1, int? factorColumn = null)
    {
        var x = new List<double>(); var y = new List<double>();
        var current = 0;
        var sawBlocks = false;
        foreach (var line in File.ReadLines(Path(System.IO.Path.Combine("oracle", oracle))))
        {
            if (line.StartsWith("### block #", StringComparison.Ordinal))
            {
                current = int.Parse(line["### block #".Length..].Trim(), CultureInfo.InvariantCulture);
                sawBlocks = true;
                continue;
            }
            if (line.Length == 0 || line[0] == '#' || (sawBlocks && current != block)) continue;
            var f = line.Split('\t', ' ').Where(s => s.Length > 0).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            x.Add(f[0]);
            y.Add(f[yColumn] * (factorColumn is { } c ? f[c] : 1));
        }
        return (x.ToArray(), y.ToArray());
    }

    /// <summary>The reading equals the oracle point for point (2θ to <paramref name="xDigits"/> decimals, intensities exactly).</summary>
    public static void AssertSame((double[] X, double[] Y) oracle, MeasuredPattern p, int xDigits = 6)
    {
        Assert.Equal(oracle.X.Length, p.Count);
        for (var i = 0; i < p.Count; i++)
        {
            Assert.Equal(oracle.X[i], p.X[i], xDigits);
            Assert.Equal(oracle.Y[i], p.Intensity[i]);
        }
    }

    /// <summary>The strongest point lies within a step of Si (111) by Bragg's law at <paramref name="wavelength"/>.</summary>
    public static void AssertSilicon111(MeasuredPattern p, double wavelength)
    {
        var d111 = SiliconA / Math.Sqrt(3);
        var expected = 2 * Math.Asin(wavelength / (2 * d111)) * 180 / Math.PI;
        var strongest = p.X[Array.IndexOf(p.Intensity, p.Intensity.Max())];
        Assert.InRange(strongest, expected - 0.05, expected + 0.05);
    }

    /// <summary>A copy of a zip archive with entries replaced (text), removed (null) or added.</summary>
    public static byte[] RewriteZip(byte[] zip, IReadOnlyDictionary<string, string?> changes)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                if (changes.TryGetValue(entry.FullName, out var replacement))
                {
                    if (replacement is not null) Add(target, entry.FullName, replacement);
                    continue;
                }
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }
            foreach (var (name, text) in changes)
                if (text is not null && source.GetEntry(name) is null) Add(target, name, text);
        }
        return output.ToArray();
    }

    /// <summary>The text of one entry of a zip archive.</summary>
    public static string Entry(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var s = zip.CreateEntry(name).Open();
        s.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>gzip of <paramref name="bytes"/>.</summary>
    public static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(bytes);
        return output.ToArray();
    }

    /// <summary>A stream that cannot seek (an upload, a pipe), to exercise the streaming paths.</summary>
    public sealed class OneWay(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
