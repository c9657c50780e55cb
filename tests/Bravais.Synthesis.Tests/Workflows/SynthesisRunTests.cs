using Bravais.Crystallography.IO;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Datasets;
using Bravais.Diffraction.Profiles;
using Bravais.Synthesis.Datasets;
using Bravais.Synthesis.Generation;
using Bravais.Synthesis.Workflows;
using Xunit;

namespace Bravais.Synthesis.Tests.Workflows;

public sealed class SynthesisRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bravais-synthesis-run-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void WritesEveryCrystalAsACifBlockAndAPatternRowAndChecksThem()
    {
        var plan = SynthesisPlan.BySpaceGroups([2, 62, 225], 3);
        var cif = Path.Combine(_dir, "c.cif");
        var table = Path.Combine(_dir, "p.csv.gz");
        var done = new List<int>();
        var summary = SynthesisRun.Run(new SynthesisRequest(plan, 7, GeneratorOptions.Default, PatternPresets.Nano281, cif, table, Check: true, Threads: 2),
            new Progress<SynthesisProgress>(p => { lock (done) done.Add(p.Done); }));
        Assert.Equal(9, summary.Crystals + summary.Failures);
        Assert.Equal(summary.Crystals, summary.PatternRows);
        Assert.Equal(summary.Crystals, summary.Checked);
        Assert.Empty(summary.CheckFailures);
        var rows = Nano281CsvReader.Read(table);
        Assert.Equal(summary.Crystals, rows.Count);
        Assert.Equal(180, rows.Columns);
        // each row is labelled with its crystal's group and that group's lattice, and the CIF reads back to the same group
        var read = StructureFiles.Read(cif).ToList();
        Assert.Equal(rows.Count, read.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(SpaceGroups.ByNumber(rows.SpaceGroupNumbers[i]).BravaisLattice, rows.BravaisLattices[i]);
            Assert.Equal(rows.SpaceGroupNumbers[i], read[i].SpaceGroupNumber);
        }
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
        // deterministic for the seed: the same run writes the same table
        var again = Path.Combine(_dir, "again.csv.gz");
        SynthesisRun.Run(new SynthesisRequest(plan, 7, GeneratorOptions.Default, PatternPresets.Nano281, PatternPath: again, Threads: 1));
        Assert.Equal(rows.Values, Nano281CsvReader.Read(again).Values);
    }

    [Fact]
    public void AnInterruptedRunLeavesNoFileBehind()
    {
        var plan = SynthesisPlan.BySpaceGroups([225], 5000);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var cif = Path.Combine(_dir, "c.cif");
        Assert.ThrowsAny<OperationCanceledException>(() =>
            SynthesisRun.Run(new SynthesisRequest(plan, 1, GeneratorOptions.Default, PatternPresets.Nano281, cif, Path.Combine(_dir, "p.csv")), null, cancel.Token));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void APatternSetOfTheSameSettingsIsMadeOnceAndFoundAgain()
    {
        var (path, made) = SynthesisRun.LatticeBalancedPatternSet(28, PatternPresets.Nano281, 3, _dir, 2);
        Assert.True(made);
        Assert.EndsWith("pretrain-synthetic-nano281-28-seed3.csv.gz", path);
        var rows = Nano281CsvReader.Read(path);
        Assert.All(BravaisLattices.All, l => Assert.Equal(2, rows.BravaisLattices.Count(x => x == l)));
        var (again, madeAgain) = SynthesisRun.LatticeBalancedPatternSet(28, PatternPresets.Nano281, 3, _dir, 2);
        Assert.Equal(path, again);
        Assert.False(madeAgain);
    }
}
