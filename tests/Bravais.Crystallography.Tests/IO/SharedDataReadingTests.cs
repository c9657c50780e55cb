using System.IO.Compression;
using Bravais.Crystallography.IO;
using Bravais.TestSupport;
using Xunit;

namespace Bravais.Crystallography.Tests.IO;

/// <summary>Samples of the shared data sets (skipped without ../shared). Full runs are CLI acceptance commands, see docs/cif.md.</summary>
public class SharedDataReadingTests
{
    [SharedDataFact]
    public void FirstTwoThousandMaterialsProjectBlocksMatchLabelsSiteCounts()
    {
        var expected = File.ReadLines(SharedData.Path("data", "mp", "labels.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f[1] == "mp-00.cif.gz")
            .ToDictionary(f => f[0], f => int.Parse(f[4]));
        var results = StructureFiles.ReadFile(SharedData.Path("data", "mp", "mp-00.cif.gz")).Take(2000).ToList();
        Assert.Equal(2000, results.Count);
        foreach (var r in results)
        {
            Assert.True(r.IsSuccess, r.Error?.Message);
            Assert.Equal(expected[r.Block!], r.Structure!.SiteCount);
        }
    }

    [SharedDataFact]
    public void EveryCodFileReadsOrFailsWithACrystallographyException()
    {
        var root = SharedData.Path("data", "cod");
        var files = StructureFiles.Expand(root);
        Assert.True(files.Count > 1500);
        var read = 0;
        foreach (var file in files)
        {
            // enumerate by hand so an exception escaping the reader fails the test with the file name
            List<StructureReadResult> results;
            try { results = StructureFiles.ReadFile(file).ToList(); }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"{file}: unhandled {e.GetType().Name}: {e.Message}"); }
            Assert.NotEmpty(results);
            foreach (var r in results)
            {
                if (r.IsSuccess) { read++; continue; }
                Assert.IsType<CrystallographyException>(r.Error);
                Assert.DoesNotContain("internal error", r.Error!.Message);
                Assert.Equal(file, r.Error.Location.File);
            }
        }
        Assert.True(read > 1000, $"only {read} blocks read");
    }
}
