using System.IO.Compression;
using System.Text;
using Bravais.Crystallography.IO;
using Xunit;

namespace Bravais.Crystallography.Tests.IO;

public sealed class StructureFilesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"bravais-files-{Guid.NewGuid():N}");

    public StructureFilesTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Block = "_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n_space_group_name_H-M_alt 'P m -3 m'\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nCs1 0 0 0\nCl1 0.5 0.5 0.5\n";

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void DispatchesByNameAndRecursesFoldersInOrder()
    {
        Write("b/two.cif", "data_two\n" + Block + "data_three\n" + Block);
        Write("a/one.cif", "data_one\n" + Block);
        Write("a/POSCAR", "p\n1\n3 0 0\n0 3 0\n0 0 3\nCu\n1\nDirect\n0 0 0\n");
        Write("c/notes.txt", "not a structure");
        using (var gz = new GZipStream(File.Create(Path.Combine(_dir, "c", "packed.cif.gz")), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes("data_packed\n" + Block));

        var results = StructureFiles.Read(_dir).ToList();
        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));
        Assert.Equal(["POSCAR", "one", "two", "three", "packed"], results.Select(r => r.Block ?? Path.GetFileName(r.File)));
        Assert.All(results.Where(r => r.Block is not null), r => Assert.Equal(2, r.Structure!.SiteCount));
        Assert.Equal(StructureFileKind.Poscar, StructureFiles.KindOf("x/CONTCAR.relaxed"));
        Assert.Equal(StructureFileKind.Poscar, StructureFiles.KindOf("x/Fe2O3.vasp"));
        Assert.Equal(StructureFileKind.Cif, StructureFiles.KindOf("x/A.CIF"));
        Assert.Equal(StructureFileKind.Unknown, StructureFiles.KindOf("x/notes.txt"));
    }

    [Fact]
    public void OneBadBlockOrFileNeverStopsTheRest()
    {
        var good = Write("good.cif", "data_ok\n" + Block);
        var mixed = Write("mixed.cif", "data_first\n" + Block + "data_broken\n_cell_length_a 'unterminated\n" + "data_last\n" + Block);
        var notGzip = Path.Combine(_dir, "garbage.cif.gz");
        File.WriteAllBytes(notGzip, [0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
        var results = StructureFiles.ReadMany([good, notGzip, mixed, Path.Combine(_dir, "missing.cif")], maxParallelFiles: 2).ToList();
        Assert.Equal([true, false, true, false, true, false], results.Select(r => r.IsSuccess));
        Assert.Equal(notGzip, results[1].Error!.Location.File);
        Assert.Contains("gzip", results[1].Error!.Message);
        Assert.Equal("broken", results[3].Error!.Location.Block);
        // data_first, the block's lines, data_broken, then the broken item
        Assert.Equal(1 + Block.Count(c => c == '\n') + 2, results[3].Error!.Location.Line);
    }

    [Fact]
    public void ParallelReadKeepsSequentialOrder()
    {
        var files = Enumerable.Range(0, 6).Select(i => Write($"f{i}.cif", string.Concat(Enumerable.Range(0, 50).Select(j => $"data_f{i}b{j}\n{Block}")))).ToList();
        var sequential = StructureFiles.ReadMany(files, maxParallelFiles: 1).Select(r => r.Block).ToList();
        var parallel = StructureFiles.ReadMany(files, maxParallelFiles: 2).Select(r => r.Block).ToList();
        Assert.Equal(300, parallel.Count);
        Assert.Equal(sequential, parallel);
    }
}
