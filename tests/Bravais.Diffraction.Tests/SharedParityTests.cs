using Bravais.Diffraction.Validation;
using Bravais.TestSupport;
using Xunit;

namespace Bravais.Diffraction.Tests;

/// <summary>
/// A fast sample of acceptance item 1 on the shared data (skipped without ../shared): MP structures from the smallest
/// chunk file and the first COD structures against pymatgen 2022.11.7's peak lists. The full run is
/// <c>bravais dataset parity</c>.
/// </summary>
public class SharedParityTests
{
    [SharedDataFact]
    public void Sampled_mp_structures_match_pymatgen()
    {
        var mp = SharedData.Path("data", "mp");
        var chunkOf = File.ReadLines(Path.Combine(mp, "labels.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Where(f => f[1] == "mp-15.cif.gz").Select(f => f[0]).ToHashSet(StringComparer.Ordinal);
        var references = ParityCheck.ReadReference(SharedData.Path("data", "parity", "mp-peaks.jsonl.gz"))
            .Where(r => chunkOf.Contains(r.Id)).Take(150).ToList();
        Assert.True(references.Count >= 50, $"only {references.Count} parity references in mp-15");
        var report = ParityCheck.Run(references, mp, SharedData.Path("data", "cod"));
        Assert.True(report.Agreeing == report.Count,
            string.Join("\n", report.Outcomes.Where(o => !o.Agrees).Take(10).Select(o => $"{o.Id}: {o.Cause} {string.Join("; ", o.Problems.Take(3))}")));
    }

    [SharedDataFact]
    public void Sampled_cod_structures_match_pymatgen()
    {
        var references = ParityCheck.ReadReference(SharedData.Path("data", "parity", "cod-peaks.jsonl.gz"), limit: 60);
        var report = ParityCheck.Run(references, SharedData.Path("data", "mp"), SharedData.Path("data", "cod"));
        Assert.Equal(references.Count, report.Count);
        Assert.True(report.Fraction >= 0.95,
            string.Join("\n", report.Outcomes.Where(o => !o.Agrees).Take(10).Select(o => $"{o.Id}: {o.Cause} {string.Join("; ", o.Problems.Take(3))}")));
    }
}
