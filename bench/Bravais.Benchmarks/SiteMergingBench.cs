using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Structures;

namespace Bravais.Benchmarks;

/// <summary>
/// Site merging and whole-file reading of huge P1 structures (issue 18: 100k atoms took 45 s, a 50 MB CIF of 1.27 M
/// atoms about 2 hours). Atoms at a solid's density (<see cref="RandomP1"/>), 5 % of them listed twice (so merging has
/// work to do). Run:
/// <c>dotnet run -c Release --project bench/Bravais.Benchmarks -- site-merging [--write DIR] [--sizes 100000,1270000]</c>;
/// with --write the CIFs are kept in DIR so an older build can read the same files (<c>bravais info DIR/p1-100000.cif</c>).
/// Wall-clock and CPU seconds, medians of 3 runs (1 for whole files); Stopwatch, not BenchmarkDotNet: a run takes seconds.
/// </summary>
public static class SiteMergingBench
{
    public static void Run(string[] args)
    {
        var write = Option(args, "--write");
        var sizes = (Option(args, "--sizes") ?? "100000,1270000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var dir = write ?? Directory.CreateTempSubdirectory("bravais-bench-merge-").FullName;
        Directory.CreateDirectory(dir);
        Console.WriteLine($"{Environment.ProcessorCount} cores; merging on one thread; 1 atom / 15 Å³ on a jittered grid; 5 % of the atoms listed twice");
        try
        {
            foreach (var n in sizes)
            {
                var (lattice, sites) = RandomP1(n, seed: 18);
                var times = new List<(double Wall, double Cpu)>();
                var kept = 0;
                for (var run = 0; run < 3; run++)
                {
                    var (wall, cpu) = Time(() => kept = SiteMerger.MergeCoincident(lattice, sites, StructureExpander.DefaultToleranceAngstrom).Length);
                    times.Add((wall, cpu));
                }
                times.Sort();
                Console.WriteLine(FormattableString.Invariant(
                    $"merge {sites.Length,9:N0} sites (a = {lattice.A:0.0} Å): {times[1].Wall:0.000} s wall, {times[1].Cpu:0.000} s CPU (median of 3), {kept:N0} sites kept"));

                var path = Path.Combine(dir, $"p1-{n}.cif");
                WriteCif(path, lattice, sites);
                StructureReadResult? result = null;
                var (readWall, readCpu) = Time(() => result = StructureFiles.ReadFile(path).Single());
                Console.WriteLine(FormattableString.Invariant(
                    $"read  {path} ({new FileInfo(path).Length / 1e6:0.0} MB): {readWall:0.00} s wall, {readCpu:0.00} s CPU, {result!.Structure?.SiteCount ?? 0:N0} sites{(result.IsSuccess ? "" : $", failed: {result.Error!.Message}")}"));
            }
        }
        finally
        {
            if (write is null) Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Wall-clock and process CPU seconds of <paramref name="work"/> (CPU time is what a loaded shared machine does not distort).</summary>
    private static (double Wall, double Cpu) Time(Action work)
    {
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        work();
        var wall = clock.Elapsed.TotalSeconds;
        return (wall, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>
    /// About n atoms like a dense solid: one per 15 Å³, on a cubic grid of 2.47 Å moved randomly by up to ±0.4 Å (so no
    /// two distinct atoms come within 1.6 Å), in random order; 5 % are repeats of earlier ones moved by under 0.01 Å.
    /// </summary>
    public static (Lattice Lattice, ImmutableArray<Site> Sites) RandomP1(int n, int seed)
    {
        var random = new Random(seed);
        var m = (int)Math.Round(Math.Cbrt(n));
        var lattice = Lattice.Cubic(m * Math.Cbrt(15.0));
        var jitter = 0.4 / lattice.A;
        string[] elements = ["Si", "O", "O", "Al", "Na"];
        var distinct = new List<Site>(m * m * m);
        for (var i = 0; i < m; i++)
        for (var j = 0; j < m; j++)
        for (var k = 0; k < m; k++)
        {
            var p = new Vec3((i + 0.5) / m, (j + 0.5) / m, (k + 0.5) / m) + new Vec3(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5) * (2 * jitter);
            distinct.Add(Site.Single(elements[random.Next(elements.Length)], p.Wrapped(), $"A{distinct.Count}"));
        }
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(distinct));
        var builder = ImmutableArray.CreateBuilder<Site>(distinct.Count * 21 / 20 + 1);
        foreach (var site in distinct)
        {
            builder.Add(site);
            if (random.NextDouble() < 0.05)
            {
                var earlier = builder[random.Next(builder.Count)];
                var move = new Vec3(random.NextDouble(), random.NextDouble(), random.NextDouble()) * (0.005 / lattice.A);
                builder.Add(earlier with { Fractional = (earlier.Fractional + move).Wrapped() });
            }
        }
        return (lattice, builder.ToImmutable());
    }

    private static void WriteCif(string path, Lattice lattice, ImmutableArray<Site> sites)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var inv = CultureInfo.InvariantCulture;
        w.Write(string.Format(inv, "data_p1_{0}\n_symmetry_space_group_name_H-M 'P 1'\n_cell_length_a {1:0.######}\n_cell_length_b {1:0.######}\n_cell_length_c {1:0.######}\n", sites.Length, lattice.A));
        w.Write("_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_symmetry_equiv_pos_as_xyz\n'x, y, z'\n");
        w.Write("loop_\n_atom_site_type_symbol\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n");
        foreach (var s in sites)
            w.Write(string.Format(inv, "{0} {1} {2:0.########} {3:0.########} {4:0.########} 1\n", s.Occupants[0].Element, s.Label, s.Fractional.X, s.Fractional.Y, s.Fractional.Z));
    }
}
