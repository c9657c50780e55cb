using System.Diagnostics;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Physics;
using Bravais.Synthesis.Datasets;

namespace Bravais.Analysis.Extinction.Evaluation;

/// <summary>Settings of the extinction benchmark (<see cref="ExtinctionBenchmark"/>).</summary>
public sealed record BenchmarkSettings
{
    public EvaluationPart Part { get; init; } = EvaluationPart.Development;
    public int PerLattice { get; init; } = 20;
    public int Seed { get; init; } = 1;
    /// <summary>Standard deviation of the relative error put on each free cell length (angles: 50× it in degrees), as a refined indexing leaves.</summary>
    public double CellError { get; init; } = 0.001;
    /// <summary>Crystals with more sites than this in their MP cell are not sampled.</summary>
    public int MaxSites { get; init; } = 120;
    public ExtinctionOptions Scoring { get; init; } = ExtinctionOptions.Default;
    public int Parallelism { get; init; } = 2;
}

/// <summary>
/// One crystal's outcome: ranks (0 = top) of the first extinction group admitting its true space group, with the exact
/// and with the perturbed cell, under the frequency and the uniform prior, and by the prior alone; the best symbol and
/// its probability, the probability of the true group, time (extraction + scoring, perturbed cell; wall clock, and the
/// process's CPU time, which is this crystal's alone when the benchmark runs one crystal at a time) and fit quality.
/// <see cref="Skipped"/> says why a crystal could not be used (its conventional cell not found).
/// </summary>
public sealed record BenchmarkCase(LabelledCrystal Crystal, string? Skipped, int RankExactFrequency = -1, int RankExactUniform = -1, int RankPerturbedFrequency = -1,
    int RankPerturbedUniform = -1, int RankPrior = -1, string BestSymbol = "", double BestProbability = 0, double TrueProbability = 0, double Milliseconds = 0, int Blocks = 0, double ReducedChiSquared = 0,
    double CpuMilliseconds = 0);

/// <summary>
/// Measures the extinction scorer on Materials Project crystals of one evaluation part: each crystal's true conventional
/// cell (<see cref="ConventionalCell"/>), a measured-like pattern (<see cref="BenchmarkPattern"/>; no peak list: the
/// extraction seeds itself from the pattern), the scorer with the exact cell and with the cell perturbed as a refined
/// indexing leaves it, with the prior's frequencies counted on the training part only. Crystals run two at a time;
/// deterministic for a seed.
/// </summary>
public static class ExtinctionBenchmark
{
    public static List<BenchmarkCase> Run(string mpFolder, BenchmarkSettings settings, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var labels = DevelopmentSet.ReadLabels(Path.Combine(mpFolder, "labels.tsv"));
        var frequencies = DevelopmentSet.Frequencies(labels);
        var candidates = DevelopmentSet.Sample(labels, settings.Part, settings.PerLattice, 3, settings.MaxSites, settings.Seed);
        progress?.Report($"{candidates.Count} candidate crystals ({settings.PerLattice} wanted per lattice, {settings.Part} part); reading structures");
        var structures = DevelopmentSet.Load(mpFolder, candidates, new Progress<string>(c => progress?.Report($"read {c}")), cancellationToken);
        var pool = structures.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToArray();
        var results = new List<BenchmarkCase>();
        foreach (var lattice in candidates.GroupBy(c => c.Lattice))
        {
            var queue = lattice.ToList();
            var done = new List<BenchmarkCase>();
            // take candidates in order until PerLattice have been scored (the skipped are reported too)
            for (var start = 0; start < queue.Count && done.Count(c => c.Skipped is null) < settings.PerLattice; start += settings.Parallelism)
            {
                var batch = queue.Skip(start).Take(Math.Min(settings.Parallelism, settings.PerLattice - done.Count(c => c.Skipped is null))).ToList();
                var outcome = new BenchmarkCase[batch.Count];
                Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken }, i =>
                    outcome[i] = structures.TryGetValue(batch[i].Id, out var s) ? RunOne(batch[i], s, settings, frequencies, pool) : new BenchmarkCase(batch[i], "structure not read"));
                done.AddRange(outcome);
            }
            results.AddRange(done);
            progress?.Report($"{lattice.Key}: {done.Count(c => c.Skipped is null)} scored, {done.Count(c => c.Skipped is not null)} skipped");
        }
        return results;
    }

    /// <summary>One crystal; a second phase, when the renderer draws one, is a random structure of <paramref name="pool"/>.</summary>
    public static BenchmarkCase RunOne(LabelledCrystal crystal, Bravais.Crystallography.Structures.Structure structure, BenchmarkSettings settings, SpaceGroupFrequencies frequencies,
        IReadOnlyList<Bravais.Crystallography.Structures.Structure>? pool = null)
    {
        var conventional = ConventionalCell.Find(structure, crystal.SpaceGroup, crystal.Lattice);
        if (conventional.Cell is null) return new BenchmarkCase(crystal, conventional.Reason);
        var rng = new Random(settings.Seed ^ crystal.Id.GetHashCodeStable());
        ObservedPattern pattern;
        try { pattern = BenchmarkPattern.Render(structure, rng, pool is { Count: > 0 } ? r => pool[r.Next(pool.Count)] : null); }
        catch (Exception e) when (e is not OperationCanceledException) { return new BenchmarkCase(crystal, $"render failed: {e.Message}"); }
        var perturbed = Perturb(conventional.Cell, crystal.Lattice, rng, settings.CellError);
        var family = ExtinctionFamily.Standard(crystal.Lattice);
        var frequency = settings.Scoring with { Prior = ExtinctionPrior.Frequency };
        var uniform = settings.Scoring with { Prior = ExtinctionPrior.Uniform };
        ExtinctionInput Input(Lattice cell) => new(cell, crystal.Lattice, Radiation.CuKa, 0, pattern);
        try
        {
            var exact = IntensityExtractor.Extract(Input(conventional.Cell), settings.Scoring);
            var exactFrequency = ExtinctionScorer.Score(exact, family, frequency, frequencies);
            var exactUniform = ExtinctionScorer.Score(exact, family, uniform, frequencies);
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var perturbedFrequency = ExtinctionScorer.Score(Input(perturbed), frequency, frequencies);
            var milliseconds = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            var cpuMilliseconds = (process.TotalProcessorTime - cpu).TotalMilliseconds;
            var perturbedUniform = ExtinctionScorer.Score(perturbedFrequency.Intensities, family, uniform, frequencies);
            var prior = exactFrequency.Scores.OrderByDescending(s => s.LogPrior).ToList();
            var best = perturbedFrequency.Best;
            return new BenchmarkCase(crystal, null, Rank(exactFrequency.Scores, crystal), Rank(exactUniform.Scores, crystal), Rank(perturbedFrequency.Scores, crystal),
                Rank(perturbedUniform.Scores, crystal), Rank(prior, crystal), best.Symbol, best.Probability,
                perturbedFrequency.Scores.Where(s => s.SpaceGroups.Contains(crystal.SpaceGroup)).Sum(s => s.Probability), milliseconds,
                perturbedFrequency.Intensities.Blocks.Length, perturbedFrequency.Intensities.ReducedChiSquared, cpuMilliseconds);
        }
        catch (AnalysisException e) { return new BenchmarkCase(crystal, $"scoring failed: {e.Message}"); }
    }

    private static int Rank(IReadOnlyList<ExtinctionSymbolScore> scores, LabelledCrystal crystal)
    {
        for (var i = 0; i < scores.Count; i++) if (scores[i].SpaceGroups.Contains(crystal.SpaceGroup)) return i;
        return int.MaxValue;
    }

    /// <summary>The cell with each free length off by a relative N(0, σ) and each free angle by N(0, 50σ) degrees, keeping the lattice's symmetry.</summary>
    public static Lattice Perturb(Lattice cell, BravaisLattice lattice, Random rng, double sigma)
    {
        double L(double x) => x * (1 + sigma * Normal(rng));
        double A(double x) => x + 50 * sigma * Normal(rng);
        return lattice.FamilySystem() switch
        {
            CrystalSystem.Cubic => Lattice.Cubic(L(cell.A)),
            CrystalSystem.Tetragonal => Lattice.Tetragonal(L(cell.A), L(cell.C)),
            CrystalSystem.Hexagonal or CrystalSystem.Trigonal => Lattice.Hexagonal(L(cell.A), L(cell.C)),
            CrystalSystem.Orthorhombic => Lattice.Orthorhombic(L(cell.A), L(cell.B), L(cell.C)),
            CrystalSystem.Monoclinic => Lattice.Monoclinic(L(cell.A), L(cell.B), L(cell.C), A(cell.Beta)),
            _ => Lattice.FromParameters(L(cell.A), L(cell.B), L(cell.C), A(cell.Alpha), A(cell.Beta), A(cell.Gamma)),
        };
    }

    private static double Normal(Random rng) => Bravais.Crystallography.Numerics.Sampling.NextNormal(rng);

    /// <summary>A hash of the id that is the same in every run (string.GetHashCode is randomised per process).</summary>
    private static int GetHashCodeStable(this string id)
    {
        var hash = 2166136261u;
        foreach (var ch in id) { hash ^= ch; hash *= 16777619u; }
        return (int)(hash & 0x7fffffff);
    }
}
