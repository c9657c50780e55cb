using Bravais.Crystallography.Symmetry;
using Bravais.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Bravais.Crystallography.Tests.Symmetry;

/// <summary>
/// Acceptance on real files: every H–M symbol in ../shared/data/cod/manifest.tsv (as gemmi read it from
/// COD/IZA CIFs) resolves to the declared space-group number and the manifest's Bravais lattice.
/// </summary>
public class SpaceGroupCodManifestTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public void EveryManifestSymbolResolvesToTheDeclaredType()
    {
        var rows = File.ReadLines(SharedData.Path("data", "cod", "manifest.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 5 && f[3].Length > 0 && int.TryParse(f[2], out _))
            .ToList();
        var failures = new List<string>();
        foreach (var f in rows)
        {
            var declared = int.Parse(f[2]);
            if (!SpaceGroups.TryFindBySymbol(f[3], out var g)) { failures.Add($"{f[0]}: '{f[3]}' not found"); continue; }
            if (g.Number != declared) failures.Add($"{f[0]}: '{f[3]}' → {g.Number}, declared {declared}");
            else if (g.BravaisLattice.Label() != f[4]) failures.Add($"{f[0]}: '{f[3]}' → {g.BravaisLattice}, manifest {f[4]}");
        }
        output.WriteLine($"{rows.Count - failures.Count}/{rows.Count} symbols resolved to the declared type and lattice");
        foreach (var x in failures) output.WriteLine(x);
        Assert.True(rows.Count > 1000);
        Assert.Empty(failures);
    }
}
