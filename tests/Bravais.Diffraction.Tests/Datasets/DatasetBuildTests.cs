using System.Globalization;
using System.IO.Compression;
using System.Text;
using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Datasets;
using Bravais.Diffraction.Profiles;
using Xunit;

namespace Bravais.Diffraction.Tests.Datasets;

/// <summary>The data-set builder end to end on small CIF files written by the test: rows, errors, resume, shards, merge.</summary>
public sealed class DatasetBuildTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bravais-dataset-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A P1 CIF block listing every site of <paramref name="s"/> (like the MP files).</summary>
    private static string P1Block(string name, Structure s)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine($"data_{name}");
        sb.AppendLine("_symmetry_space_group_name_H-M   'P 1'");
        sb.AppendLine(string.Format(inv, "_cell_length_a {0}\n_cell_length_b {1}\n_cell_length_c {2}", s.Lattice.A, s.Lattice.B, s.Lattice.C));
        sb.AppendLine(string.Format(inv, "_cell_angle_alpha {0}\n_cell_angle_beta {1}\n_cell_angle_gamma {2}", s.Lattice.Alpha, s.Lattice.Beta, s.Lattice.Gamma));
        sb.AppendLine("_symmetry_Int_Tables_number 1");
        sb.AppendLine("loop_\n _symmetry_equiv_pos_site_id\n _symmetry_equiv_pos_as_xyz\n  1  'x, y, z'");
        sb.AppendLine("loop_\n _atom_site_type_symbol\n _atom_site_label\n _atom_site_fract_x\n _atom_site_fract_y\n _atom_site_fract_z\n _atom_site_occupancy");
        var i = 0;
        foreach (var site in s.Sites)
            sb.AppendLine(string.Format(inv, "  {0} {0}{1} {2} {3} {4} 1", site.Occupants[0].Element, i++, site.Fractional.X, site.Fractional.Y, site.Fractional.Z));
        return sb.ToString();
    }

    private string WriteInputs()
    {
        var text = P1Block("nacl-1", StructureFixtures.NaCl()) + P1Block("cscl-2", StructureFixtures.CsCl())
            + "data_broken-3\n_cell_length_a 4.0\n" // no cell, no atoms: must become one error line
            + P1Block("si-4", StructureFixtures.Silicon()) + P1Block("mg-5", StructureFixtures.Magnesium());
        var path = Path.Combine(_dir, "inputs.cif.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var w = new StreamWriter(gz)) w.Write(text);
        File.WriteAllText(Path.Combine(_dir, "labels.tsv"), "id\tchunk\tspacegroup_number\nnacl-1\tx\t225\ncscl-2\tx\t221\nsi-4\tx\t227\nmg-5\tx\t194\n");
        return path;
    }

    private DatasetBuildOptions Options(string input, string output) =>
        new([input], output) { Labels = SpaceGroupLabels.Read(Path.Combine(_dir, "labels.tsv")), Jobs = 2, BatchSize = 2 };

    private static string[] Lines(string path)
    {
        Stream s = File.OpenRead(path);
        if (path.EndsWith(".gz")) s = new GZipStream(s, CompressionMode.Decompress);
        using var r = new StreamReader(s);
        return r.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Builds_rows_in_input_order_with_labels_and_an_error_sidecar()
    {
        var input = WriteInputs();
        var output = Path.Combine(_dir, "data.csv");
        var summary = DatasetBuilder.Build(Options(input, output));
        Assert.Equal(4, summary.Written);
        Assert.Equal(1, summary.Failed);
        var lines = Lines(output);
        Assert.Equal(Nano281Csv.Header(180), lines[0]);
        Assert.Equal(["nacl-1", "cscl-2", "si-4", "mg-5"], lines.Skip(1).Select(Nano281Csv.IdOf));
        Assert.StartsWith("nacl-1,NaCl,225,cF,", lines[1]);
        Assert.StartsWith("mg-5,Mg,194,hP,", lines[4]);
        // the row is the preset's pattern of the same structure
        var y = PatternPresets.Nano281.Render(StructureFixtures.NaCl()).Intensity;
        var written = lines[1].Split(',').Skip(4).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        for (var i = 0; i < 180; i++) Assert.True(Math.Abs(written[i] - y[i]) <= 1e-5 * Math.Max(1, y[i]));
        var errors = File.ReadAllLines(Path.Combine(_dir, "data.errors.tsv"));
        Assert.Equal(DatasetOutput.ErrorsHeader, errors[0]);
        Assert.Single(errors.Skip(1));
        Assert.Contains("\tbroken-3\t", errors[1]);
    }

    [Fact]
    public void Rerunning_resumes_and_an_interrupted_last_line_is_cut_off()
    {
        var input = WriteInputs();
        var output = Path.Combine(_dir, "data.csv");
        DatasetBuilder.Build(Options(input, output));
        var complete = File.ReadAllText(output);
        // simulate a run killed while writing: drop the last two rows, leave half a line
        var lines = complete.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        File.WriteAllText(output, string.Join('\n', lines.Take(3)) + "\n" + lines[3][..50]);
        var summary = DatasetBuilder.Build(Options(input, output));
        Assert.Equal(2, summary.Written);   // si-4 and mg-5 again
        // issue 18: a recorded failure is tried again (it used to count as done: AlreadyDone 3, Failed 0)
        Assert.Equal(2, summary.AlreadyDone); // nacl-1 and cscl-2
        Assert.Equal(1, summary.Failed);      // broken-3, still broken
        Assert.Equal(complete, File.ReadAllText(output));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_dir, "data.errors.tsv")).Length);
        // a third run has nothing left to do but the broken block
        var third = DatasetBuilder.Build(Options(input, output));
        Assert.Equal(0, third.Written);
        Assert.Equal(complete, File.ReadAllText(output));
    }

    [Fact]
    public void Shards_are_disjoint_and_merge_to_the_full_set()
    {
        var input = WriteInputs();
        var full = Path.Combine(_dir, "full.csv");
        DatasetBuilder.Build(Options(input, full));
        var shards = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var path = Path.Combine(_dir, $"part{i}.csv.gz");
            DatasetBuilder.Build(Options(input, path) with { Shard = new DatasetShard(i, 3) });
            shards.Add(path);
        }
        var shardIds = shards.Select(s => Lines(s).Skip(1).Select(Nano281Csv.IdOf).ToList()).ToList();
        Assert.Equal(4, shardIds.Sum(s => s.Count));
        Assert.Equal(4, shardIds.SelectMany(s => s).Distinct().Count());
        var merged = Path.Combine(_dir, "merged.csv");
        var summary = DatasetMerger.Merge(shards, merged);
        Assert.Equal(4, summary.Rows);
        Assert.Equal(Lines(full).Order(), Lines(merged).Order());
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_dir, "merged.errors.tsv")).Length);
        // merging a shard twice keeps each id once
        Assert.Equal(shardIds[0].Count, DatasetMerger.Merge([shards[0], shards[0]], Path.Combine(_dir, "twice.csv")).Duplicates);
    }

    [Fact]
    public void Gzip_output_is_completed_atomically_and_resumable()
    {
        var input = WriteInputs();
        var output = Path.Combine(_dir, "data.csv.gz");
        DatasetBuilder.Build(Options(input, output) with { Ids = new HashSet<string> { "nacl-1", "si-4" } });
        Assert.False(File.Exists(output + ".partial"));
        Assert.Equal(3, Lines(output).Length);
        var summary = DatasetBuilder.Build(Options(input, output));
        Assert.Equal(2, summary.AlreadyDone);
        Assert.Equal(2, summary.Written);
        Assert.Equal(["nacl-1", "si-4", "cscl-2", "mg-5"], Lines(output).Skip(1).Select(Nano281Csv.IdOf));
    }

    [Fact]
    public void A_different_grid_refuses_to_resume_into_an_existing_output()
    {
        var input = WriteInputs();
        var output = Path.Combine(_dir, "data.csv");
        DatasetBuilder.Build(Options(input, output));
        var e = Assert.Throws<DiffractionException>(() => DatasetBuilder.Build(Options(input, output) with { Preset = PatternPresets.HighRes }));
        Assert.Contains("different header", e.Message);
    }

    [Fact]
    public void Structures_without_space_group_are_reported_not_dropped_silently()
    {
        var input = WriteInputs();
        var output = Path.Combine(_dir, "nolabels.csv");
        var summary = DatasetBuilder.Build(new DatasetBuildOptions([input], output) { Jobs = 1 });
        // P1 files without labels: the declared group (1) is used, so rows are written as aP
        Assert.Equal(4, summary.Written);
        Assert.All(Lines(output).Skip(1), l => Assert.Contains(",1,aP,", l));
    }
}
