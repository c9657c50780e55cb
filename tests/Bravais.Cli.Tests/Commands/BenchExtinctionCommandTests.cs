using Bravais.Cli.Commands;
using Bravais.TestSupport;
using Xunit;

namespace Bravais.Cli.Tests.Commands;

/// <summary>bench extinction through the command line: a one-crystal-per-lattice run, and a refused option.</summary>
public sealed class BenchExtinctionCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bravais-cli-extinction-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static int Run(params string[] args) => Program.BuildRoot().Parse(args).Invoke();

    [SharedDataFact]
    public void One_crystal_per_lattice_is_scored_and_written()
    {
        var tsv = Path.Combine(_dir, "cases.tsv");
        Assert.Equal(0, Run("bench", "extinction", "--data", SharedData.Path("data"), "--per-lattice", "1", "--max-sites", "24", "--seed", "3", "--out", tsv));
        var rows = File.ReadAllLines(tsv);
        Assert.StartsWith("id\tspacegroup\tlattice", rows[0]);
        Assert.True(rows.Length - 1 >= 14, $"{rows.Length - 1} rows");
    }

    [Fact]
    public void An_unknown_part_is_refused()
    {
        Assert.Equal(CliErrors.Failure, Run("bench", "extinction", "--data", _dir, "--part", "both"));
    }
}
