using System.Diagnostics;
using System.Globalization;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Datasets;
using Bravais.Diffraction.Profiles;
using Bravais.Synthesis.Datasets;
using Bravais.Synthesis.Generation;
using Bravais.Crystallography.IO;
using Bravais.Synthesis.Output;
using Bravais.Synthesis.Verification;

namespace Bravais.Synthesis.Workflows;

/// <summary>What a synthesis run makes: the plan, seed and generator, and where to write crystals (symmetrised CIFs),
/// patterns (a NANO281 table with <see cref="Preset"/>) and, with <see cref="Check"/>, the per-crystal verification TSV.</summary>
public sealed record SynthesisRequest(
    IReadOnlyList<SynthesisItem> Items,
    long Seed,
    GeneratorOptions Options,
    PatternPreset? Preset = null,
    string? CifPath = null,
    string? PatternPath = null,
    bool Check = false,
    string? CheckPath = null,
    int Threads = 0);

/// <summary>What a synthesis run made: crystals, failures (grouped by space group with the first reason), timing, and the check.</summary>
public sealed record SynthesisSummary(
    int Crystals,
    int PatternRows,
    double Seconds,
    double GenerationSeconds,
    double CpuSeconds,
    IReadOnlyList<(int SpaceGroup, int Count, string Reason)> FailuresByGroup,
    int? Exact,
    int Checked,
    IReadOnlyList<string> CheckFailures,
    IReadOnlyDictionary<int, int> HigherSymmetry)
{
    public int Failures => FailuresByGroup.Sum(f => f.Count);
}

/// <summary>
/// The synthesis workflow behind <c>bravais synth</c>, the demo's data and synthetic pretraining sets: generates the
/// plan's crystals on all cores (<see cref="CrystalSynthesiser"/>; every crystal seeded from (seed, group, index), so the
/// output does not depend on threads), writes them as they come, optionally verifies each, and commits every file only when
/// complete (an interrupted run leaves no half-written file). Progress: crystals done.
/// </summary>
public static class SynthesisRun
{
    /// <summary>Share of the crystals spread uniformly over a lattice's space groups; the rest follow Materials Project frequencies.</summary>
    public const double DefaultUniformShare = 0.2;

    /// <summary>
    /// N crystals per Bravais lattice, space groups within a lattice by their Materials Project frequency,
    /// <see cref="DefaultUniformShare"/> of them spread uniformly (<c>synth --per-lattice</c>'s defaults: the demo's data and
    /// synthetic pretraining sets).
    /// </summary>
    public static IReadOnlyList<SynthesisItem> LatticeBalancedPlan(int perLattice, long seed) =>
        SynthesisPlan.ByBravaisLatticeWeighted(perLattice, seed, SpaceGroupFrequencies.MaterialsProject, DefaultUniformShare);

    public static SynthesisSummary Run(SynthesisRequest request, IProgress<SynthesisProgress>? progress = null, CancellationToken cancellation = default)
    {
        var options = request.Options;
        var preset = request.Preset;
        var synthesizer = new CrystalSynthesiser(new CrystalGenerator(options), preset);
        var clock = Stopwatch.StartNew();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        using var cif = request.CifPath is null ? null : new AtomicTextFile(request.CifPath);
        using var checkOut = request.CheckPath is null ? null : new AtomicTextFile(request.CheckPath);
        checkOut?.Writer.WriteLine("id\tspace_group\tatoms\texpected_atoms\tpassed\toperations_found\tgroup_order\texact\tattempts\tfailure");
        var ids = new List<string>(); var formulas = new List<string>(); var numbers = new List<int>(); var lattices = new List<BravaisLattice>(); var rows = new List<float[]>();
        var failures = new List<SynthesisResult>();
        var checkFailures = new List<string>();
        var higher = new SortedDictionary<int, int>();
        int made = 0, exact = 0, checkedCount = 0;
        var parallel = request.Threads > 0 ? request.Threads : -1;
        foreach (var batch in synthesizer.Run(request.Items, request.Seed, 2048, parallel, progress, cancellation))
        {
            var verdicts = new VerificationResult?[batch.Length];
            if (request.Check)
                Parallel.For(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellation }, i =>
                {
                    if (batch[i].Crystal is { } c) verdicts[i] = c.Verify(options.SymmetryToleranceAngstrom, searchSymmetry: true, searchToleranceAngstrom: options.SymmetrySearchToleranceAngstrom);
                });
            for (var i = 0; i < batch.Length; i++)
            {
                var r = batch[i];
                if (r.Crystal is not { } crystal) { failures.Add(r); continue; }
                made++;
                if (cif is not null) SymmetrisedCifWriter.Write(cif.Writer, crystal);
                if (r.Pattern is not null)
                {
                    ids.Add(crystal.Structure.Id); formulas.Add(crystal.Structure.Formula); numbers.Add(crystal.Group.Number);
                    lattices.Add(crystal.Group.BravaisLattice); rows.Add(r.Pattern);
                }
                if (verdicts[i] is { } v)
                {
                    checkedCount++;
                    if (!v.Passed) checkFailures.Add($"{crystal.Structure.Id}: {v.Failure}");
                    if (v.HasExactSymmetry == true) exact++;
                    else if (v.Passed) higher[crystal.Group.Number] = higher.GetValueOrDefault(crystal.Group.Number) + 1;
                    checkOut?.Writer.WriteLine(string.Join('\t', crystal.Structure.Id, crystal.Group.Number.ToString(CultureInfo.InvariantCulture),
                        v.ActualAtoms.ToString(CultureInfo.InvariantCulture), v.ExpectedAtoms.ToString(CultureInfo.InvariantCulture), v.Passed ? "1" : "0",
                        v.FoundOperationCount?.ToString(CultureInfo.InvariantCulture) ?? "", crystal.Group.Order.ToString(CultureInfo.InvariantCulture),
                        v.HasExactSymmetry == true ? "1" : "0", crystal.Attempts.ToString(CultureInfo.InvariantCulture), v.Failure ?? ""));
                }
            }
        }
        var generationSeconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        cif?.Commit();
        checkOut?.Commit();
        if (request.PatternPath is not null && preset is not null)
        {
            var values = new float[rows.Count * preset.Grid.Count];
            for (var i = 0; i < rows.Count; i++) rows[i].CopyTo(values, i * preset.Grid.Count);
            Nano281Csv.Write(request.PatternPath, new PatternTable("id", [.. ids], [.. formulas], [.. numbers], [.. lattices], values, preset.Grid.Count));
        }
        var byGroup = failures.GroupBy(f => f.Item.Group.Number).OrderBy(g => g.Key).Select(g => (g.Key, g.Count(), g.First().Failure ?? "")).ToList();
        return new SynthesisSummary(made, rows.Count, clock.Elapsed.TotalSeconds, generationSeconds, cpuSeconds, byGroup,
            request.Check ? exact : null, checkedCount, checkFailures, higher);
    }

    /// <summary>
    /// A pattern set of <paramref name="count"/> verified random crystals (balanced by lattice, <see cref="LatticeBalancedPlan"/>)
    /// rendered with <paramref name="preset"/>, in <paramref name="folder"/> under a name made of its settings, so that a rerun
    /// with the same settings finds it instead of making it again. Returns the path and whether it was made now.
    /// </summary>
    public static (string Path, bool Made) LatticeBalancedPatternSet(int count, PatternPreset preset, long seed, string folder, int threads,
        IProgress<SynthesisProgress>? progress = null, CancellationToken cancellation = default)
    {
        var perLattice = Math.Max(1, count / 14);
        var path = Path.Combine(folder, FormattableString.Invariant($"pretrain-synthetic-{preset.Name}-{perLattice * 14}-seed{seed}.csv.gz"));
        if (File.Exists(path)) return (path, false);
        Run(new SynthesisRequest(LatticeBalancedPlan(perLattice, seed), seed, GeneratorOptions.Default, preset, PatternPath: path, Threads: threads), progress, cancellation);
        return (path, true);
    }
}
