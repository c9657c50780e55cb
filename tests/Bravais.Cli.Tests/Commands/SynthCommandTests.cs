using Bravais.Crystallography.IO;
using Bravais.Learning.Data;
using Xunit;

namespace Bravais.Cli.Tests.Commands;

public sealed class SynthCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bravais-synth-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Synth_writes_symmetrised_CIFs_and_a_labelled_NANO281_dataset_that_read_back()
    {
        var cif = Path.Combine(_dir, "crystals.cif.gz");
        var csv = Path.Combine(_dir, "patterns.csv.gz");
        var code = Program.BuildRoot().Parse(["synth", "--space-groups", "2,166,225", "--per-group", "3", "--seed", "4", "--out", cif, "--patterns", csv, "--check"]).Invoke();
        Assert.Equal(0, code);
        var read = StructureFiles.Read(cif).ToList();
        Assert.Equal(9, read.Count);
        Assert.All(read, r => Assert.True(r.IsSuccess, r.Error?.Message));
        Assert.Equal([2, 2, 2, 166, 166, 166, 225, 225, 225], read.Select(r => r.SpaceGroupNumber!.Value).ToArray());
        var data = PatternCsv.Read(csv);
        Assert.Equal(9, data.Count);
        Assert.Equal(180, data.Intensities.Columns);
        Assert.Equal(read.Select(r => r.Structure!.Id), data.Ids);
        Assert.Equal("cF", data.BravaisLattices[^1].ToString());
        Assert.Equal("hR", data.BravaisLattices[3].ToString());
    }

    [Fact]
    public void Synth_refuses_a_bad_space_group_list_with_one_line()
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            var code = Program.BuildRoot().Parse(["synth", "--space-groups", "0-300", "--per-group", "1", "--check"]).Invoke();
            Assert.Equal(1, code);
        }
        finally { Console.SetError(saved); }
        Assert.Contains("space-group range", error.ToString());
    }

    [Fact]
    public void Per_lattice_datasets_are_balanced_with_either_group_weighting_and_the_generator_knobs_are_accepted()
    {
        foreach (var weights in new[] { "mp", "turns" })
        {
            var csv = Path.Combine(_dir, $"lattice-{weights}.csv");
            var code = Program.BuildRoot().Parse(["synth", "--per-lattice", "2", "--group-weights", weights, "--uniform-share", "0.5", "--special-bias", "2",
                "--pseudo-symmetric", "0.5", "--wide-cells", "--spread-atoms", "--placement-draws", "8", "--seed", "1", "--patterns", csv]).Invoke();
            Assert.Equal(0, code);
            var data = PatternCsv.Read(csv);
            Assert.Equal(28, data.Count);
            Assert.All(data.BravaisLattices.GroupBy(l => l), g => Assert.Equal(2, g.Count()));
        }
    }

    [Theory]
    [InlineData("--group-weights", "often", "--group-weights must be turns or mp")]
    [InlineData("--uniform-share", "1.5", "uniform share")]
    [InlineData("--pseudo-symmetric", "-0.1", "--pseudo-symmetric must lie in 0–1")]
    public void Bad_generator_options_are_refused_with_one_line(string option, string value, string message)
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            var code = Program.BuildRoot().Parse(["synth", "--per-lattice", "1", option, value, "--patterns", Path.Combine(_dir, "x.csv")]).Invoke();
            Assert.Equal(1, code);
        }
        finally { Console.SetError(saved); }
        Assert.Contains(message, error.ToString());
    }
}
