using Xunit;

namespace Bravais.Cli.Tests.Commands;

/// <summary>
/// Issue 18 through the command line: each hostile input ends with a non-zero exit code and one stderr line
/// naming the file (and block) and the reason; batches go on past the bad file.
/// </summary>
public sealed class HostileInputCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bravais-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    internal static string P1Cif(string name, double a, double b, double c) => FormattableString.Invariant($"""
        data_{name}
        _cell_length_a {a}
        _cell_length_b {b}
        _cell_length_c {c}
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 90
        _symmetry_space_group_name_H-M 'P 1'
        loop_
        _atom_site_label
        _atom_site_type_symbol
        _atom_site_fract_x
        _atom_site_fract_y
        _atom_site_fract_z
        Na1 Na 0 0 0
        Cl1 Cl 0.5 0.5 0.5

        """);

    private string Write(string file, string text)
    {
        var path = Path.Combine(_dir, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs the CLI in-process; returns the exit code and the stderr lines.</summary>
    internal static (int Code, string[] Err) Run(params string[] args)
    {
        var error = new StringWriter();
        var savedError = Console.Error;
        var savedOut = Console.Out;
        Console.SetError(error);
        Console.SetOut(TextWriter.Null);
        try
        {
            var code = Program.BuildRoot().Parse(args).Invoke();
            return (code, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray());
        }
        finally
        {
            Console.SetError(savedError);
            Console.SetOut(savedOut);
        }
    }

    [Fact]
    public void Simulate_refuses_a_cell_with_too_many_reflections_naming_file_and_block()
    {
        var path = Write("cell900.cif", P1Cif("big", 900, 900, 900));
        var (code, err) = Run("simulate", path);
        Assert.Equal(1, code);
        var line = Assert.Single(err);
        Assert.StartsWith($"bravais: {path}, block big: about 2.36E+09 reflections up to 2θ = 90°", line);
        // the documented override: no limit, a range small enough to be quick
        Assert.Equal(0, Run("simulate", path, "--range", "0:3", "--max-reflections", "0", "--format", "tsv").Code);
    }

    [Fact]
    public void Simulate_refuses_an_absurd_grid_before_reading_anything()
    {
        var path = Write("p1.cif", P1Cif("p1", 5, 6, 7));
        var (code, err) = Run("simulate", path, "--grid", "0:180:1e-7");
        Assert.Equal(1, code);
        Assert.Equal("bravais: field --grid: grid 0:180:1E-07 would have 1.8E+09 points, more than the limit of 1000000 (use a step of at least 0.00018°)", Assert.Single(err));
    }

    [Fact]
    public void Simulate_refuses_a_cell_length_of_1e308()
    {
        var path = Write("huge.cif", P1Cif("huge", 1e308, 6, 7));
        var (code, err) = Run("simulate", path);
        Assert.Equal(1, code);
        Assert.Equal($"bravais: {path}, block huge, line 2, field _cell_length_a: cell length a = 1E+308 Å is outside the plausible range 0.5–1000 Å", Assert.Single(err));
    }

    [Fact]
    public void Info_refuses_an_inconsistent_block_unless_told_to_be_lenient()
    {
        var path = Write("notgroup.cif", P1Cif("notgroup", 5.64, 5.64, 5.64).Replace("_symmetry_space_group_name_H-M 'P 1'",
            "_space_group_IT_number 225\nloop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\ny,x,z\nx+1/3,y,z\n-y,x,z"));
        var (code, err) = Run("info", path, "--format", "tsv");
        Assert.Equal(2, code);
        Assert.StartsWith($"bravais: {path}, block notgroup, line 9, field _symmetry_equiv_pos_as_xyz: the symmetry operations are not a group", Assert.Single(err));
        var (lenientCode, lenientErr) = Run("info", path, "--format", "tsv", "--lenient", "--warnings");
        Assert.Equal(0, lenientCode);
        Assert.Contains(lenientErr, l => l.Contains("inconsistent (read leniently): the symmetry operations are not a group"));
    }

    [Fact]
    public void Dataset_build_exit_codes_say_whether_everything_some_or_nothing_was_used()
    {
        var good = Write("in/good.cif", P1Cif("good", 5, 6, 7));
        Assert.Equal(0, Run("dataset", "build", "--input", good, "--out", Path.Combine(_dir, "a.csv"), "--jobs", "1").Code);
        // a batch goes on past a bad file, lists it on stderr and exits 1
        var huge = Write("in/huge.cif", P1Cif("huge", 1e308, 6, 7));
        var (code, err) = Run("dataset", "build", "--input", Path.Combine(_dir, "in"), "--out", Path.Combine(_dir, "b.csv"), "--jobs", "1");
        Assert.Equal(1, code);
        Assert.Contains($"bravais: {huge}, block huge: cell length a = 1E+308 Å is outside the plausible range 0.5–1000 Å", err);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_dir, "b.csv")).Length); // header and the good row
        // nothing usable: 2
        Assert.Equal(2, Run("dataset", "build", "--input", huge, "--out", Path.Combine(_dir, "c.csv"), "--jobs", "1").Code);
    }

    [Fact]
    public void Dataset_merge_exits_1_when_it_leaves_out_a_ragged_row()
    {
        var shard = Path.Combine(_dir, "s.csv");
        Run("dataset", "build", "--input", Write("in/good.cif", P1Cif("good", 5, 6, 7)), "--out", shard, "--jobs", "1");
        File.AppendAllText(shard, "x,NaCl,225,cF,1,2,3\n");
        var (code, err) = Run("dataset", "merge", shard, "--out", Path.Combine(_dir, "m.csv"));
        Assert.Equal(1, code);
        Assert.Contains($"bravais: {shard}, line 3: row has 7 fields, the header 184; left out", err);
    }

    [Fact]
    public async Task A_cancelled_build_exits_130_and_leaves_a_resumable_output()
    {
        var input = Write("in/good.cif", P1Cif("good", 5, 6, 7));
        var output = Path.Combine(_dir, "d.csv.gz");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var saved = Console.Error;
        Console.SetError(TextWriter.Null);
        int code;
        try { code = await Program.BuildRoot().Parse(["dataset", "build", "--input", input, "--out", output, "--jobs", "1"]).InvokeAsync(null, cancelled.Token); }
        finally { Console.SetError(saved); }
        Assert.Equal(130, code);
        Assert.False(File.Exists(output)); // not completed: a rerun resumes
        Assert.Equal(0, Run("dataset", "build", "--input", input, "--out", output, "--jobs", "1").Code);
        Assert.True(File.Exists(output));
    }
}
