using System.Globalization;
using System.Text;
using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Datasets;
using Xunit;

namespace Bravais.Diffraction.Tests.Datasets;

/// <summary>Issue 18: resume that retries, ids unique across files, small commits, stop requests, time limits, ragged merges.</summary>
public sealed class DatasetResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bravais-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A P1 block like pymatgen writes for MP structures (block named after the formula).</summary>
    private static string Block(string name, Structure s, double scale = 1)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append($"data_{name}\n_symmetry_space_group_name_H-M 'P 1'\n_symmetry_Int_Tables_number 1\n");
        sb.Append(string.Format(inv, "_cell_length_a {0}\n_cell_length_b {1}\n_cell_length_c {2}\n", s.Lattice.A * scale, s.Lattice.B * scale, s.Lattice.C * scale));
        sb.Append(string.Format(inv, "_cell_angle_alpha {0}\n_cell_angle_beta {1}\n_cell_angle_gamma {2}\n", s.Lattice.Alpha, s.Lattice.Beta, s.Lattice.Gamma));
        sb.Append("loop_\n_atom_site_type_symbol\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n");
        var i = 0;
        foreach (var site in s.Sites)
            sb.Append(string.Format(inv, "{0} {0}{1} {2} {3} {4} 1\n", site.Occupants[0].Element, i++, site.Fractional.X, site.Fractional.Y, site.Fractional.Z));
        return sb.ToString();
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Ids(string csv) => File.ReadLines(csv).Skip(1).Select(Nano281Csv.IdOf).ToArray();

    [Fact]
    public void A_failed_input_once_fixed_appears_in_the_next_run()
    {
        var good = Write("in/a.cif", Block("NaCl", StructureFixtures.NaCl()));
        var bad = Write("in/b.cif", "data_CsCl\n_cell_length_a 4.1\n"); // no cell, no atoms
        var output = Path.Combine(_dir, "out.csv");
        var first = DatasetBuilder.Build(new DatasetBuildOptions([Path.Combine(_dir, "in")], output) { Jobs = 1 });
        Assert.Equal((1, 1), (first.Written, first.Failed));
        Assert.Equal(bad, Assert.Single(first.Failures).File);
        Assert.Single(File.ReadAllLines(DatasetOutput.ErrorsPathFor(output)).Skip(1));

        File.WriteAllText(bad, Block("CsCl", StructureFixtures.CsCl()));
        var second = DatasetBuilder.Build(new DatasetBuildOptions([Path.Combine(_dir, "in")], output) { Jobs = 1 });
        Assert.Equal((1, 0, 1), (second.Written, second.Failed, second.AlreadyDone));
        Assert.Equal(["a", "b"], Ids(output));
        // the sidecar no longer lists the fixed input
        Assert.Equal([DatasetOutput.ErrorsHeader], File.ReadAllLines(DatasetOutput.ErrorsPathFor(output)));
        _ = good;
    }

    [Fact]
    public void Single_structure_files_are_named_after_the_file_and_clashing_block_names_are_qualified()
    {
        // pymatgen names each MP structure's block after its formula: two polymorphs in two files, both data_NaCl
        Write("mp/mp-22862.cif", Block("NaCl", StructureFixtures.NaCl()));
        Write("mp/mp-1185319.cif", Block("NaCl", StructureFixtures.NaCl(), scale: 1.05));
        // multi-block files keep their block names (the MP chunks, whose blocks are MP ids); a repeated name is qualified
        Write("chunks/c1.cif", Block("mp-1", StructureFixtures.CsCl()) + Block("I", StructureFixtures.Silicon()));
        Write("chunks/c2.cif", Block("mp-2", StructureFixtures.Magnesium()) + Block("I", StructureFixtures.NaCl()));
        var output = Path.Combine(_dir, "out.csv");
        var summary = DatasetBuilder.Build(new DatasetBuildOptions([Path.Combine(_dir, "chunks"), Path.Combine(_dir, "mp")], output) { Jobs = 2 });
        Assert.Equal(0, summary.Failed);
        Assert.Equal(["mp-1", "I", "mp-2", "c2/I", "mp-1185319", "mp-22862"], Ids(output));
        // every shard names the structures the same way: the shards' ids are a partition of the full set's
        var parts = Enumerable.Range(0, 3).SelectMany(i =>
        {
            var part = Path.Combine(_dir, $"part{i}.csv");
            DatasetBuilder.Build(new DatasetBuildOptions([Path.Combine(_dir, "chunks"), Path.Combine(_dir, "mp")], part) { Jobs = 1, Shard = new DatasetShard(i, 3) });
            return Ids(part);
        }).Order(StringComparer.Ordinal);
        Assert.Equal(Ids(output).Order(StringComparer.Ordinal), parts);
    }

    [Fact]
    public void The_same_file_given_twice_is_read_once()
    {
        var file = Write("in/a.cif", Block("NaCl", StructureFixtures.NaCl()));
        var output = Path.Combine(_dir, "out.csv");
        var summary = DatasetBuilder.Build(new DatasetBuildOptions([file, Path.Combine(_dir, "in"), file], output) { Jobs = 1 });
        Assert.Equal((1, 0), (summary.Written, summary.Failed));
        Assert.Equal(["a"], Ids(output));
    }

    private string ManyInputs(int count)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++) sb.Append(Block($"s{i:D3}", StructureFixtures.NaCl(), scale: 1 + 0.002 * i));
        return Write("many.cif", sb.ToString());
    }

    [Fact]
    public void A_stop_request_finishes_the_batch_in_progress_and_the_resumed_output_is_identical()
    {
        var input = ManyInputs(40);
        var full = Path.Combine(_dir, "full.csv");
        DatasetBuilder.Build(new DatasetBuildOptions([input], full) { Jobs = 2, BatchSize = 8 });

        var output = Path.Combine(_dir, "stopped.csv");
        using var stop = new CancellationTokenSource();
        var reports = 0;
        var progress = new Synchronous<DatasetBuildProgress>(p => { if (++reports == 3) stop.Cancel(); }); // after two batches
        var interrupted = DatasetBuilder.Build(new DatasetBuildOptions([input], output) { Jobs = 2, BatchSize = 8 }, progress, stop.Token);
        Assert.True(interrupted.Interrupted);
        Assert.Equal(0, interrupted.Written % 8); // whole batches only
        Assert.InRange(interrupted.Written, 16, 32);
        var resumed = DatasetBuilder.Build(new DatasetBuildOptions([input], output) { Jobs = 2, BatchSize = 8 });
        Assert.False(resumed.Interrupted);
        Assert.Equal(40, interrupted.Written + resumed.Written);
        Assert.Equal(File.ReadAllBytes(full), File.ReadAllBytes(output));
    }

    [Fact]
    public void A_structure_over_the_time_limit_fails_with_the_reason_and_the_batch_goes_on()
    {
        // 27,000 atoms in a 68 Å cell: 5·10⁵ half-space reflections × 27,000 atoms, 10¹⁰ complex products — seconds even
        // on a fast machine, far beyond the 0.5 s limit; NaCl and CsCl take milliseconds
        var random = new Random(5);
        var inv = CultureInfo.InvariantCulture;
        var slow = new StringBuilder("data_slow\n_symmetry_space_group_name_H-M 'P 1'\n_symmetry_Int_Tables_number 1\n_cell_length_a 68\n_cell_length_b 68\n_cell_length_c 68\n");
        slow.Append("_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n");
        for (int i = 0, m = 30; i < m * m * m; i++)
            slow.Append(string.Format(inv, "Si {0:0.#####} {1:0.#####} {2:0.#####}\n", (i % m + 0.3 * random.NextDouble()) / m, (i / m % m + 0.3 * random.NextDouble()) / m, (i / m / m + 0.3 * random.NextDouble()) / m));
        var input = Write("mix.cif", Block("first", StructureFixtures.NaCl()) + slow + Block("last", StructureFixtures.CsCl()));
        var output = Path.Combine(_dir, "out.csv");
        var summary = DatasetBuilder.Build(new DatasetBuildOptions([input], output) { Jobs = 2, TimeLimitPerStructure = TimeSpan.FromSeconds(0.5) });
        Assert.Equal(["first", "last"], Ids(output));
        var failure = Assert.Single(summary.Failures);
        Assert.Equal(("slow", "took longer than the time limit of 0.5 s per structure (--time-limit)"), (failure.Block, failure.Reason));
    }

    [Fact]
    public void An_inconsistent_structure_is_never_a_row()
    {
        var input = Write("bad.cif", Block("NaCl", StructureFixtures.NaCl()).Replace("_symmetry_Int_Tables_number 1", "_symmetry_Int_Tables_number 225"));
        var summary = DatasetBuilder.Build(new DatasetBuildOptions([input], Path.Combine(_dir, "out.csv")) { Jobs = 1 });
        Assert.Equal(0, summary.Written);
        Assert.Equal("the declared space-group number 225 disagrees with the symbol 'P 1', which names group 1", Assert.Single(summary.Failures).Reason);
    }

    [Fact]
    public void Merge_leaves_out_ragged_rows_naming_file_and_line()
    {
        var input = ManyInputs(3);
        var shard = Path.Combine(_dir, "shard.csv");
        DatasetBuilder.Build(new DatasetBuildOptions([input], shard) { Jobs = 1 });
        var lines = File.ReadAllLines(shard);
        lines[2] = lines[2][..lines[2].LastIndexOf(',')]; // the second row loses its last value
        File.WriteAllLines(shard, lines);
        var summary = DatasetMerger.Merge([shard], Path.Combine(_dir, "merged.csv"));
        Assert.Equal(2, summary.Rows);
        Assert.Equal($"{shard}, line 3: row has 183 fields, the header 184; left out", Assert.Single(summary.Ragged).Message);
        Assert.Equal(["s000", "s002"], Ids(Path.Combine(_dir, "merged.csv")));
    }

    private sealed class Synchronous<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
