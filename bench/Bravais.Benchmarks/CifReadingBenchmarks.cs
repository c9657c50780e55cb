using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Bravais.Crystallography.IO;

namespace Bravais.Benchmarks;

/// <summary>
/// CIF reading costs on 500 Materials-Project-like P1 blocks of 24 atoms held in memory (no disk, no gzip):
/// tokenising and parsing only, and parsing plus building and expanding the structures. Run:
/// <c>dotnet run -c Release --project bench/Bravais.Benchmarks -- --filter '*CifReading*'</c>.
/// </summary>
[MemoryDiagnoser]
public class CifReadingBenchmarks
{
    private string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        for (var b = 0; b < 500; b++)
        {
            sb.Append("# generated using pymatgen\ndata_mp-").Append(b).Append('\n');
            sb.Append("_symmetry_space_group_name_H-M   'P 1'\n");
            foreach (var (tag, value) in new[] { ("a", 5.8), ("b", 5.9), ("c", 8.8) })
                sb.Append("_cell_length_").Append(tag).Append("   ").Append((value + random.NextDouble()).ToString("F8", inv)).Append('\n');
            sb.Append("_cell_angle_alpha   90.00000000\n_cell_angle_beta   90.00000000\n_cell_angle_gamma   90.00000000\n");
            sb.Append("_symmetry_Int_Tables_number   1\n_chemical_formula_sum   'Ca8 O16'\n");
            sb.Append("loop_\n _symmetry_equiv_pos_site_id\n _symmetry_equiv_pos_as_xyz\n  1  'x, y, z'\n");
            sb.Append("loop_\n _atom_site_type_symbol\n _atom_site_label\n _atom_site_symmetry_multiplicity\n _atom_site_fract_x\n _atom_site_fract_y\n _atom_site_fract_z\n _atom_site_occupancy\n");
            for (var i = 0; i < 24; i++)
            {
                var el = i < 8 ? "Ca" : "O";
                sb.Append("  ").Append(el).Append("  ").Append(el).Append(i).Append("  1");
                for (var k = 0; k < 3; k++) sb.Append("  ").Append(random.NextDouble().ToString("F8", inv));
                sb.Append("  1\n");
            }
        }
        _text = sb.ToString();
    }

    [Benchmark(Description = "parse 500 blocks")]
    public int Parse()
    {
        var n = 0;
        foreach (var block in CifReader.ReadBlocks(new StringReader(_text), "bench.cif")) n += block.Loops.Count;
        return n;
    }

    [Benchmark(Description = "parse + build + expand 500 blocks")]
    public int ParseAndBuild()
    {
        var n = 0;
        foreach (var block in CifReader.ReadBlocks(new StringReader(_text), "bench.cif"))
            n += CifStructureBuilder.Read(block).Structure!.SiteCount;
        return n;
    }
}
