using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Bravais.Crystallography;
using Bravais.Diffraction.Measured;
using CsCheck;
using Xunit;

namespace Bravais.Diffraction.Tests.Measured;

/// <summary>
/// Property tests (CsCheck) of every measured-pattern reader — text columns, XRDML, GSAS, Bruker BRML and RAW v3/v4,
/// Rigaku RAS and RASX — on random mutations of valid files: for the text inside them truncation, character flips
/// (NUL included), numbers made huge, negative, NaN or endless, deleted, duplicated and swapped lines, lines of other
/// files and long repeats; for binary files byte flips, truncation, inserted and deleted bytes and header integers set
/// to 0, −1, 2³¹−1 or −2³¹; for archives their entries mutated and the archive bytes damaged; and gzip around any of them
/// damaged. A reader never throws anything but a <see cref="BravaisException"/>, never allocates more than a bound, and
/// what it accepts is a pattern (enough points, finite, 2θ strictly increasing in (0°, 180°)). 600 files per reader
/// in CI (about a second each); BRAVAIS_FUZZ_ITERATIONS raises it, BRAVAIS_FUZZ_SEED=random draws new inputs, and a
/// failure prints the CsCheck seed that repeats it.
/// </summary>
public sealed class PatternReaderPropertyTests
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("BRAVAIS_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 600;
    /// <summary>CI's fixed seed; BRAVAIS_FUZZ_SEED=random explores new inputs (a failure prints the seed to repeat it).</summary>
    private static readonly string? Seed = Environment.GetEnvironmentVariable("BRAVAIS_FUZZ_SEED") switch { null or "" => "0N0XIzNsQ0O2", "random" => null, var s => s };
    /// <summary>The inputs are at most a few hundred kB; 64 MB is far beyond what reading them needs.</summary>
    private const long AllocationBound = 64L << 20;

    private static readonly string XySeed = "# Cu Ka\n2theta intensity\n" + TempFiles.XyLines(60, sigma: true);
    private static readonly string GsasSeed = "Si test, lambda = 1.5406\nBANK 1 40 40 CONS 1000 5 0 0 FXYE\n"
        + string.Concat(Enumerable.Range(0, 40).Select(i => FormattableString.Invariant($"{1000 + 5 * i} {50 + 10 * i} {Math.Sqrt(50 + 10 * i):0.00}\n")));
    private static readonly string XrdmlSeed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xrdMeasurements xmlns="http://www.xrdml.com/XRDMeasurement/1.5">
          <xrdMeasurement measurementType="Scan">
            <usedWavelength intended="K-Alpha"><kAlpha1 unit="Angstrom">1.5405980</kAlpha1><kAlpha2 unit="Angstrom">1.5444260</kAlpha2><ratioKAlpha2KAlpha1>0.5</ratioKAlpha2KAlpha1></usedWavelength>
            <incidentBeamPath><xRayTube><anodeMaterial>Cu</anodeMaterial></xRayTube></incidentBeamPath>
            <scan appendNumber="0"><dataPoints>
              <positions axis="2Theta" unit="deg"><startPosition>10.00</startPosition><endPosition>40.00</endPosition></positions>
              <intensities unit="counts">
        """ + string.Join(' ', Enumerable.Range(0, 40).Select(i => (100 + 7 * i % 90).ToString(System.Globalization.CultureInfo.InvariantCulture))) + """
        </intensities>
            </dataPoints></scan>
          </xrdMeasurement>
        </xrdMeasurements>
        """;
    private static readonly string RasSeed = Encoding.UTF8.GetString(ReaderFixtures.Bytes("si.ras"));
    private static readonly string[] Texts = [XySeed, GsasSeed, XrdmlSeed, RasSeed];

    private static readonly string[] Replacements =
        ["1e308", "-1e308", "1e999", "NaN", "-Infinity", "0", "-0", "-5", "4.9e-324", "2147483648", "-2147483649", "99999999999999999999999", "", "x", new string('9', 5000)];

    private static readonly Gen<(int Kind, int A, int B)> Mutation = Gen.Select(Gen.Int[0, 9], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue]);

    private static string MutateText(string text, (int Kind, int A, int B)[] mutations)
    {
        foreach (var (kind, a, b) in mutations)
        {
            if (text.Length == 0) break;
            var lines = text.Split('\n').ToList();
            switch (kind)
            {
                case 0: text = text[..(a % text.Length)]; break;
                case 1: text = text.Remove(a % text.Length, 1).Insert(a % text.Length, ((char)(b % 0x250)).ToString()); break; // NUL included
                case 2:
                {
                    var numbers = Regex.Matches(text, @"-?\d+(\.\d+)?([eE][-+]?\d+)?");
                    if (numbers.Count == 0) break;
                    var m = numbers[a % numbers.Count];
                    text = text[..m.Index] + Replacements[b % Replacements.Length] + text[(m.Index + m.Length)..];
                    break;
                }
                case 3: lines.Insert(a % lines.Count, lines[b % lines.Count]); text = string.Join('\n', lines); break;
                case 4: lines.RemoveAt(a % lines.Count); text = string.Join('\n', lines); break;
                case 5: (lines[a % lines.Count], lines[b % lines.Count]) = (lines[b % lines.Count], lines[a % lines.Count]); text = string.Join('\n', lines); break;
                case 6:
                {
                    var other = Texts[b % Texts.Length].Split('\n');
                    lines.Insert(a % lines.Count, other[(b / 7) % other.Length]);
                    text = string.Join('\n', lines);
                    break;
                }
                case 7: lines.InsertRange(a % lines.Count, Enumerable.Repeat(lines[b % lines.Count], 1 + b % 2000)); text = string.Join('\n', lines); break;
                case 8: if (lines[a % lines.Count].Length > 0) text = text.Replace(lines[a % lines.Count], "", StringComparison.Ordinal); break;
                default: text = text.Insert(a % text.Length, "<x>&amp;</x>\0\r"); break;
            }
        }
        return text;
    }

    private static byte[] MutateBytes(byte[] bytes, (int Kind, int A, int B)[] mutations)
    {
        var list = bytes.ToList();
        foreach (var (kind, a, b) in mutations)
        {
            if (list.Count == 0) break;
            var at = a % list.Count;
            switch (kind % 6)
            {
                case 0: list.RemoveRange(at, list.Count - at); break;
                case 1: list[at] = (byte)b; break;
                case 2: list.InsertRange(at, Enumerable.Repeat((byte)b, 1 + b % 64)); break;
                case 3: list.RemoveRange(at, Math.Min(list.Count - at, 1 + b % 64)); break;
                default:
                {
                    if (at + 4 > list.Count) break;
                    var value = (b % 4) switch { 0 => 0, 1 => -1, 2 => int.MaxValue, _ => int.MinValue };
                    Span<byte> v = stackalloc byte[4];
                    BinaryPrimitives.WriteInt32LittleEndian(v, value);
                    for (var i = 0; i < 4; i++) list[at + i] = v[i];
                    break;
                }
            }
        }
        return [.. list];
    }

    /// <summary>Reads the bytes as <paramref name="name"/>; any exception but a BravaisException, too much allocation or a bad pattern fails.</summary>
    private static void ReadBounded(byte[] bytes, string name, string what)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var p = MeasuredPatternReader.Read(new MemoryStream(bytes), name);
            Assert.True(p.Count >= MeasuredReadOptions.Default.MinimumPoints, what);
            for (var i = 0; i < p.Count; i++)
            {
                Assert.True(double.IsFinite(p.X[i]) && double.IsFinite(p.Intensity[i]), what);
                Assert.True(p.X[i] is > 0 and < 180, what);
                if (i > 0) Assert.True(p.X[i] > p.X[i - 1], what);
            }
        }
        catch (BravaisException) { }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{e.GetType().Name} escaped the reader: {e.Message}\n{e.StackTrace}\n--- input ---\n{what}");
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= AllocationBound, $"allocated {allocated:N0} bytes\n--- input ---\n{what}");
    }

    private static string Describe(string text) => text.Length <= 3000 ? text : text[..3000] + $"… ({text.Length:N0} characters)";

    private static void FuzzText(string seed, string name) =>
        Mutation.Array[1, 4].Sample(mutations =>
        {
            var text = MutateText(seed, mutations);
            ReadBounded(Encoding.UTF8.GetBytes(text), name, Describe(text));
        }, seed: Seed, iter: Iterations, threads: 1);

    [Fact] public void MutatedTextColumnFilesFailOnlyWithBravaisErrors() => FuzzText(XySeed, "fuzz.xy");
    [Fact] public void MutatedGsasFilesFailOnlyWithBravaisErrors() => FuzzText(GsasSeed, "fuzz.gsa");
    [Fact] public void MutatedXrdmlFilesFailOnlyWithBravaisErrors() => FuzzText(XrdmlSeed, "fuzz.xrdml");
    [Fact] public void MutatedRasFilesFailOnlyWithBravaisErrors() => FuzzText(RasSeed, "fuzz.ras");

    [Theory]
    [InlineData("si-v3.raw")]
    [InlineData("si-v4.raw")]
    public void MutatedBrukerRawFilesFailOnlyWithBravaisErrors(string fixture)
    {
        var seed = ReaderFixtures.Bytes(fixture);
        Mutation.Array[1, 4].Sample(mutations =>
            ReadBounded(MutateBytes(seed, mutations), "fuzz.raw", $"{fixture} with {string.Join(", ", mutations)}"),
            seed: Seed, iter: Iterations, threads: 1);
    }

    [Theory]
    [InlineData("si.brml", "Experiment0/RawData0.xml")]
    [InlineData("si.rasx", "Data0/Profile0.txt")]
    [InlineData("si.rasx", "Data0/MesurementConditions0.xml")]
    public void ArchivesWithMutatedEntriesFailOnlyWithBravaisErrors(string fixture, string entry)
    {
        var zip = ReaderFixtures.Bytes(fixture);
        var text = ReaderFixtures.Entry(zip, entry);
        Mutation.Array[1, 4].Sample(mutations =>
        {
            var mutated = MutateText(text, mutations);
            ReadBounded(ReaderFixtures.RewriteZip(zip, new Dictionary<string, string?> { [entry] = mutated }), "fuzz" + Path.GetExtension(fixture), $"{fixture}:{entry}\n{Describe(mutated)}");
        }, seed: Seed, iter: Iterations / 2, threads: 1);
    }

    [Theory]
    [InlineData("si.brml")]
    [InlineData("si.rasx")]
    public void DamagedArchivesFailOnlyWithBravaisErrors(string fixture)
    {
        var zip = ReaderFixtures.Bytes(fixture);
        Mutation.Array[1, 3].Sample(mutations =>
            ReadBounded(MutateBytes(zip, mutations), "fuzz" + Path.GetExtension(fixture), $"{fixture} with {string.Join(", ", mutations)}"),
            seed: Seed, iter: Iterations / 2, threads: 1);
    }

    [Fact]
    public void DamagedGzipAroundEveryFormatFailsOnlyWithBravaisErrors()
    {
        (string Name, byte[] Bytes)[] seeds =
        [
            ("fuzz.xy.gz", ReaderFixtures.Gzip(Encoding.UTF8.GetBytes(XySeed))), ("fuzz.xrdml.gz", ReaderFixtures.Gzip(Encoding.UTF8.GetBytes(XrdmlSeed))),
            ("fuzz.raw.gz", ReaderFixtures.Gzip(ReaderFixtures.Bytes("si-v3.raw"))), ("fuzz.brml.gz", ReaderFixtures.Gzip(ReaderFixtures.Bytes("si.brml"))),
            ("fuzz.ras.gz", ReaderFixtures.Gzip(ReaderFixtures.Bytes("si.ras"))),
        ];
        Gen.Select(Gen.Int[0, seeds.Length - 1], Mutation.Array[1, 2]).Sample((which, mutations) =>
        {
            var (name, bytes) = seeds[which];
            ReadBounded(MutateBytes(bytes, mutations), name, $"{name} with {string.Join(", ", mutations)}");
        }, seed: Seed, iter: Iterations, threads: 1);
    }
}
