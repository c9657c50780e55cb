using Bravais.Cli.Commands;
using Bravais.Crystallography.IO;
using Bravais.Diffraction.Powder;
using Bravais.Learning.Data;
using Xunit;

namespace Bravais.Cli.Tests.Commands;

/// <summary>simulate and dataset build/merge through the command line, on a CIF the test writes itself.</summary>
public sealed class DiffractionCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bravais-cli-diffraction-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    // rock salt with its space group given by symbol: the reader expands the asymmetric unit
    private const string NaClCif = """
        data_NaCl
        _cell_length_a 5.6402
        _cell_length_b 5.6402
        _cell_length_c 5.6402
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 90
        _space_group_name_H-M_alt 'F m -3 m'
        _space_group_IT_number 225
        loop_
        _atom_site_label
        _atom_site_type_symbol
        _atom_site_fract_x
        _atom_site_fract_y
        _atom_site_fract_z
        Na1 Na 0 0 0
        Cl1 Cl 0.5 0.5 0.5
        """;

    private string WriteCif()
    {
        var path = Path.Combine(_dir, "NaCl.cif");
        File.WriteAllText(path, NaClCif + "\n");
        return path;
    }

    private static int Run(params string[] args) => Program.BuildRoot().Parse(args).Invoke();

    [Fact]
    public void Simulate_tsv_has_the_documented_header_and_hkl_families()
    {
        var structure = StructureFiles.Read(WriteCif()).First().Structure!;
        var writer = new StringWriter();
        SimulateCommand.WritePeaks(new PowderCalculator().Calculate(structure), "tsv", writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("two_theta\td\tintensity\thkl\tmultiplicity", lines[0]);
        Assert.Equal(["27.38867", "3.25637", "8.0775", "(1,1,1)", "8"], lines[1].Split('\t'));
        Assert.Equal("(2,0,0)", lines[2].Split('\t')[3]);
        Assert.Equal("100", lines[2].Split('\t')[2]);
    }

    [Fact]
    public void Simulate_writes_a_png_plot()
    {
        var png = Path.Combine(_dir, "p.png");
        Assert.Equal(0, Run("simulate", WriteCif(), "--preset", "nano281", "--format", "json", "--plot", png));
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 1000);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
    }

    [Fact]
    public void Simulate_measured_writes_seeded_counts_with_the_200_line_where_braggs_law_puts_it()
    {
        // NaCl 200: d = a/2 = 2.8201 Å; with Cu Kα1 (1.54056 Å) 2θ = 2·asin(λ/2d) = 31.700°. The renderer may scale d by
        // up to ±2 % (calculated vs measured cell) and shift by zero error and displacement (≤ 0.13°): |Δ2θ| < 0.8°.
        // 29–35° holds no other NaCl line (111 at 27.4°, 220 at 45.5°).
        string Simulate(int seed)
        {
            var output = new StringWriter();
            var original = Console.Out;
            Console.SetOut(output);
            try { Assert.Equal(0, Run("simulate", WriteCif(), "--measured", "--grid", "29:35:0.01", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture))); }
            finally { Console.SetOut(original); }
            return output.ToString();
        }
        var text = Simulate(5);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("CuKa1 1.54056", lines[1]);
        Assert.Contains("CuKa2 1.54439", lines[1]);
        var data = lines.Where(l => !l.StartsWith('#')).Select(l => l.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(601, data.Length);
        Assert.Equal(29, data[0][0], 9);
        Assert.Equal(35, data[^1][0], 9);
        Assert.All(data, r => Assert.True(r[1] >= 0 && r[1] == Math.Round(r[1]), $"counts {r[1]} at {r[0]}"));
        var top = data.MaxBy(r => r[1])!;
        Assert.InRange(top[0], 31.700 - 0.8, 31.700 + 0.8);
        Assert.True(top[1] > 5 * data.Select(r => r[1]).Order().ElementAt(data.Length / 2), "the line stands above the background");
        // the measurement reads back as a pattern whose radiation is found in its header
        var xy = Path.Combine(_dir, "nacl.xy");
        File.WriteAllText(xy, text);
        var read = Bravais.Diffraction.Measured.MeasuredPatternReader.Read(xy);
        Assert.Equal(601, read.Count);
        Assert.Equal("CuKa", read.Radiation?.Name);
        Assert.Equal(text, Simulate(5));
        Assert.NotEqual(text, Simulate(6));
    }

    [Fact]
    public void Simulate_measured_refuses_a_preset()
    {
        Assert.Equal(1, Run("simulate", WriteCif(), "--measured", "--preset", "nano281"));
    }

    [Fact]
    public void Dataset_build_output_reads_back_with_the_learning_pipelines_reader()
    {
        var cif = WriteCif();
        var out0 = Path.Combine(_dir, "s0.csv");
        var out1 = Path.Combine(_dir, "s1.csv");
        Assert.Equal(0, Run("dataset", "build", "--input", _dir, "--out", Path.Combine(_dir, "all.csv.gz"), "--jobs", "1"));
        Run("dataset", "build", "--input", cif, "--out", out0, "--shard", "0/2");
        Run("dataset", "build", "--input", cif, "--out", out1, "--shard", "1/2");
        Assert.Equal(0, Run("dataset", "merge", out0, out1, "--out", Path.Combine(_dir, "merged.csv")));
        foreach (var name in new[] { "all.csv.gz", "merged.csv" })
        {
            var data = PatternCsv.Read(Path.Combine(_dir, name));
            Assert.Equal(1, data.Count);
            Assert.Equal(180, data.Intensities.Columns);
        }
        Assert.Equal("id,formula,spacegroup_number,Bravais_lattice", string.Join(',', File.ReadLines(Path.Combine(_dir, "merged.csv")).First().Split(',').Take(4)));
        Assert.StartsWith("NaCl,NaCl,225,cF,", File.ReadLines(Path.Combine(_dir, "merged.csv")).Skip(1).First());
    }
}
