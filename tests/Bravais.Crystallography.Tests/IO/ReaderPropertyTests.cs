using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Structures;
using CsCheck;
using Xunit;

namespace Bravais.Crystallography.Tests.IO;

/// <summary>
/// Property tests (CsCheck) of the structure readers on random mutations of valid files — truncation, byte flips,
/// huge numbers, NaN/Infinity, deleted loops, duplicated and shuffled lines, lines of other files, long repeats:
/// a reader never throws anything but the project's own <see cref="BravaisException"/>, never allocates more than a
/// bound, and whatever it accepts keeps the promised invariants (plausible cell, occupancies in (0, 1.05], positions
/// in [0, 1)). The iteration counts keep CI time bounded (a few seconds each); BRAVAIS_FUZZ_ITERATIONS raises them for
/// longer runs outside CI, and a failure prints the CsCheck seed that reproduces it.
/// </summary>
public class ReaderPropertyTests
{
    /// <summary>1,500 mutated files per reader in CI; BRAVAIS_FUZZ_ITERATIONS=100000 for a longer run.</summary>
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("BRAVAIS_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 1500;
    /// <summary>A read may allocate at most this much (the inputs are a few kB; 64 MB is 10,000 times that).</summary>
    private const long AllocationBound = 64L << 20;

    private static readonly string[] Cifs = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "IO", "Structures"), "*.cif")
        .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    private static readonly string[] Poscars =
    [
        "NaCl\n1.0\n 5.64 0 0\n 0 5.64 0\n 0 0 5.64\nNa Cl\n4 4\nDirect\n0 0 0\n0 .5 .5\n.5 0 .5\n.5 .5 0\n.5 .5 .5\n.5 0 0\n0 .5 0\n0 0 .5\n",
        "scaled\n-160\n 2 0 0\n 0 2 0\n 0 0 2\nSi\n2\nSelective dynamics\nCartesian\n0 0 0 T T T\n0.5 0.5 0.5 F F F\n",
        "three scales\n1.0 1.1 0.9\n 3.2 0 0\n -1.6 2.77 0\n 0 0 5.2\nMg_pv O\n2 2\nDirect\n0.333 0.667 0.25\n0.667 0.333 0.75\n0 0 0\n0 0 0.5\n",
    ];

    private static readonly string[] Replacements =
        ["1e308", "-1e308", "1e999", "NaN", "Infinity", "-Infinity", "99999999999999999999999", "0", "-0", "4.9e-324", "2147483648", "-2147483649", "1/0", "?", ".", "''", "5000", "1e-9"];

    /// <summary>One mutation: a kind and two random numbers that say where and what.</summary>
    private static readonly Gen<(int Kind, int A, int B)> Mutation = Gen.Select(Gen.Int[0, 9], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue]);

    private static string Mutate(string text, (int Kind, int A, int B)[] mutations, string[] others)
    {
        foreach (var (kind, a, b) in mutations)
        {
            if (text.Length == 0) break;
            var lines = text.Split('\n').ToList();
            switch (kind)
            {
                case 0: text = text[..(a % text.Length)]; break;                                      // truncate
                case 1: text = text.Remove(a % text.Length, 1).Insert(a % text.Length, ((char)(b % 0x250)).ToString()); break; // flip a character
                case 2:                                                                                // a number made huge, NaN, …
                {
                    var numbers = Regex.Matches(text, @"-?\d+(\.\d+)?([eE][-+]?\d+)?(\(\d+\))?");
                    if (numbers.Count == 0) break;
                    var m = numbers[a % numbers.Count];
                    text = text[..m.Index] + Replacements[b % Replacements.Length] + text[(m.Index + m.Length)..];
                    break;
                }
                case 3: text = string.Join('\n', lines.Where((l, i) => !(l.Trim() == "loop_" && (a & 1) == 0) && i != a % lines.Count)); break; // delete loop_ headers
                case 4: lines.Insert(a % lines.Count, lines[b % lines.Count]); text = string.Join('\n', lines); break; // duplicate a line (a tag)
                case 5: lines.RemoveAt(a % lines.Count); text = string.Join('\n', lines); break;     // delete a line
                case 6: (lines[a % lines.Count], lines[b % lines.Count]) = (lines[b % lines.Count], lines[a % lines.Count]); text = string.Join('\n', lines); break;
                case 7:                                                                                // a line of another file
                {
                    var other = others[b % others.Length].Split('\n');
                    lines.Insert(a % lines.Count, other[(b / 7) % other.Length]);
                    text = string.Join('\n', lines);
                    break;
                }
                case 8: lines.InsertRange(a % lines.Count, Enumerable.Repeat(lines[b % lines.Count], 1 + b % 2000)); text = string.Join('\n', lines); break; // a long repeat
                default: text = text.Replace("'", "", StringComparison.Ordinal); break;              // quotes lost
            }
        }
        return text;
    }

    private static void AssertInvariants(Structure s)
    {
        Assert.InRange(s.SiteCount, 1, StructureLimits.MaxSites);
        Assert.Null(CellLimits.Check(s.Lattice));
        foreach (var site in s.Sites)
        {
            Assert.True(site.Fractional.X is >= 0 and < 1 && site.Fractional.Y is >= 0 and < 1 && site.Fractional.Z is >= 0 and < 1, $"{site.Label} at {site.Fractional}");
            Assert.InRange(site.TotalOccupancy, double.Epsilon, 1 + SiteMerger.OccupancyTolerance);
        }
    }

    /// <summary>Runs <paramref name="read"/>; any exception but a <see cref="BravaisException"/>, or too much allocation, fails with the input.</summary>
    private static void Bounded(string what, Action read)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try { read(); }
        catch (BravaisException) { }
        catch (Exception e) { throw new Xunit.Sdk.XunitException($"{e.GetType().Name} escaped the reader: {e.Message}\n--- input ---\n{what}"); }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= AllocationBound, $"allocated {allocated:N0} bytes\n--- input ---\n{what}");
    }

    [Fact]
    public void Mutated_CIFs_fail_only_with_the_projects_errors_within_bounded_memory()
    {
        Gen.Select(Gen.Int[0, Cifs.Length - 1], Mutation.Array[1, 4]).Sample((index, mutations) =>
        {
            var text = Mutate(Cifs[index], mutations, Cifs);
            Bounded(text, () =>
            {
                foreach (var parsed in CifReader.ReadResults(new StringReader(text), "fuzz.cif"))
                {
                    if (parsed.Block is null) { Assert.IsAssignableFrom<BravaisException>(parsed.Error); continue; }
                    foreach (var lenient in (bool[])[false, true])
                    {
                        var r = CifStructureBuilder.Read(parsed.Block, new StructureReadOptions { Lenient = lenient });
                        if (r.Structure is { } s) { if (!lenient) AssertInvariants(s); }
                        else Assert.IsAssignableFrom<BravaisException>(r.Error);
                    }
                }
            });
        }, seed: "0N0XIzNsQ0O2", iter: Iterations, threads: 1);
    }

    [Fact]
    public void Mutated_POSCARs_fail_only_with_the_projects_errors_within_bounded_memory()
    {
        Gen.Select(Gen.Int[0, Poscars.Length - 1], Mutation.Array[1, 4]).Sample((index, mutations) =>
        {
            var text = Mutate(Poscars[index], mutations, Poscars);
            Bounded(text, () => AssertInvariants(PoscarReader.Read(new StringReader(text), "POSCAR")));
        }, seed: "0N0XIzNsQ0O2", iter: Iterations, threads: 1);
    }

    [Fact]
    public void Damaged_gzip_files_end_in_a_failed_result_never_an_exception()
    {
        var raw = new MemoryStream();
        using (var gz = new GZipStream(raw, CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(Encoding.UTF8.GetBytes(string.Concat(Cifs)));
        var bytes = raw.ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"bravais-fuzz-{Guid.NewGuid():N}.cif.gz");
        try
        {
            Gen.Select(Gen.Int[0, 1], Gen.Int[0, bytes.Length - 1], Gen.Byte).Sample((truncate, position, value) =>
            {
                var damaged = truncate == 1 ? bytes[..position] : bytes.ToArray();
                if (truncate == 0) damaged[position] = value;
                File.WriteAllBytes(path, damaged);
                Bounded($"{(truncate == 1 ? "truncated at" : "byte changed at")} {position}", () =>
                {
                    foreach (var r in StructureFiles.ReadFile(path))
                        if (r.Structure is { } s) AssertInvariants(s);
                        else Assert.IsAssignableFrom<BravaisException>(r.Error);
                });
            }, seed: "0N0XIzNsQ0O2", iter: Math.Max(300, Iterations / 5), threads: 1);
        }
        finally { File.Delete(path); }
    }
}
