using Bravais.Cli.Commands;
using Xunit;

namespace Bravais.Cli.Tests.Commands;

public sealed class InfoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bravais-info-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Example()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var path = Path.Combine(d.FullName, "examples", "NaCl.cif");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("examples/NaCl.cif not found above the test binaries");
    }

    private static (int Code, string[] Out, string[] Err) Run(string format, params string[] paths)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = InfoCommand.Run(paths, format, printWarnings: false, output, error);
        static string[] Lines(StringWriter w) => w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        return (code, Lines(output), Lines(error));
    }

    [Fact]
    public void TsvForTheShippedRockSaltExample()
    {
        var example = Example();
        var (code, lines, err) = Run("tsv", example);
        Assert.Equal(0, code);
        Assert.Empty(err);
        Assert.Equal("file\tblock\tformula\tspacegroup_number\thm_symbol\tbravais_lattice\tcrystal_system\tnsites\ta\tb\tc\talpha\tbeta\tgamma", lines[0]);
        Assert.Equal($"{example}\tNaCl\tCl4 Na4\t225\tF m -3 m\tcF\tcubic\t8\t5.6402\t5.6402\t5.6402\t90.000\t90.000\t90.000", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void FailuresGoToStandardErrorAndTheRunContinues()
    {
        var bad = Path.Combine(_dir, "bad.cif");
        File.WriteAllText(bad, "data_broken\n_cell_length_a 'oops\n");
        var (code, lines, err) = Run("tsv", bad, Example(), Path.Combine(_dir, "missing.cif"));
        Assert.Equal(1, code); // issue 18: some inputs failed (was 0, so scripts could not tell)
        Assert.Equal(2, lines.Length);
        Assert.Equal(2, err.Length);
        Assert.StartsWith($"bravais: {bad}, block broken, line 2: unterminated", err[0]);
        Assert.Contains("missing.cif", err[1]);
    }

    [Fact]
    public void ExitCodeTwoWhenNothingWasRead()
    {
        var empty = Path.Combine(_dir, "empty.cif");
        File.WriteAllText(empty, "");
        var (code, lines, err) = Run("tsv", empty);
        Assert.Equal(2, code);
        Assert.Single(lines); // the header only
        Assert.Single(err);
    }

    [Fact]
    public void TableNamesEveryStructure()
    {
        var (code, lines, _) = Run("table", Example());
        Assert.Equal(0, code);
        Assert.Contains(lines, l => l.Contains("NaCl") && l.Contains("cF") && l.Contains("225"));
    }
}
