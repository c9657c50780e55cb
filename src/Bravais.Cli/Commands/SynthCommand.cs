using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Profiles;
using Bravais.Learning.Data;
using Bravais.Learning.Models;
using Bravais.Synthesis.Datasets;
using Bravais.Synthesis.Generation;
using Bravais.Synthesis.Output;
using Bravais.Synthesis.Verification;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais synth</c>: random crystals on the Wyckoff positions of chosen space groups, each verified, written as
/// symmetrised CIFs and/or as a labelled NANO281-format pattern dataset simulated with the project's calculator.
/// </summary>
public static class SynthCommand
{
    public static Command Create()
    {
        var groups = new Option<string>("--space-groups") { Description = "all | A-B | list such as 1-10,62,225", DefaultValueFactory = _ => "all" };
        var perGroup = new Option<int>("--per-group") { Description = "Crystals per space group", DefaultValueFactory = _ => 20 };
        var perLattice = new Option<int>("--per-lattice") { Description = "Instead of --per-group: this many crystals for each of the 14 Bravais lattices (class-balanced; groups of a lattice take turns)" };
        var seed = new Option<long>("--seed") { Description = "Seed; each crystal is seeded from (seed, space group, index)", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out") { Description = "Symmetrised CIFs, one data block per crystal (.cif or .cif.gz)" };
        var patterns = new Option<string?>("--patterns") { Description = "Labelled pattern dataset in the NANO281 layout (.csv or .csv.gz)" };
        var preset = new Option<string>("--preset") { Description = $"Pattern preset ({string.Join(", ", PatternPresets.All.Select(p => p.Name))})", DefaultValueFactory = _ => "nano281" };
        var maxSites = new Option<int>("--max-sites") { Description = "Most symmetrically distinct sites per crystal", DefaultValueFactory = _ => GeneratorOptions.Default.MaxDistinctSites };
        var maxAtoms = new Option<int>("--max-atoms") { Description = "Most atoms in the conventional cell", DefaultValueFactory = _ => GeneratorOptions.Default.MaxAtomsPerCell };
        var partial = new Option<double>("--partial-occupancy") { Description = "Probability that a site is partially occupied (0–1)", DefaultValueFactory = _ => 0 };
        var allowHigher = new Option<bool>("--allow-higher-symmetry") { Description = "Keep crystals whose true symmetry exceeds the intended group (by default they are regenerated)" };
        var check = new Option<bool>("--check") { Description = "Re-verify every crystal and search its full symmetry; print failures and the fraction with exactly the intended group" };
        var checkFile = new Option<string?>("--check-out") { Description = "With --check: one TSV row per crystal (id, group, atoms, operations found, exact)" };
        var groupWeights = new Option<string>("--group-weights") { Description = "With --per-lattice: how groups share a lattice: mp (Materials Project frequencies, mixed with --uniform-share) | turns (round robin)", DefaultValueFactory = _ => "mp" };
        var uniformShare = new Option<double>("--uniform-share") { Description = "With --group-weights mp: share of crystals spread uniformly over the lattice's groups (0–1)", DefaultValueFactory = _ => DefaultUniformShare };
        var specialBias = new Option<double>("--special-bias") { Description = "Preference for special Wyckoff positions (0 = by multiplicity only)", DefaultValueFactory = _ => GeneratorOptions.Default.SpecialPositionBias };
        var draws = new Option<int>("--placement-draws") { Description = "Random draws per free site; the one farthest from the atoms placed so far is kept", DefaultValueFactory = _ => GeneratorOptions.Default.PlacementDraws };
        var spread = new Option<bool>("--spread-atoms") { Description = "Try every placement draw and keep the one farthest from the atoms placed so far (atoms spread more evenly)" };
        var snap = new Option<double>("--pseudo-symmetric") { Description = "Share of crystals whose free coordinates lie near multiples of 1/8 (pseudo-symmetric, like real distorted/ordered structures)", DefaultValueFactory = _ => GeneratorOptions.Default.SnapProbability };
        var jitter = new Option<double>("--jitter") { Description = "With --pseudo-symmetric: Gaussian jitter of those coordinates (fractional)", DefaultValueFactory = _ => GeneratorOptions.Default.SnapJitter };
        var wide = new Option<bool>("--wide-cells") { Description = "Also elongated cells (layered and chain structures): c/a up to 4.5 tetragonal, 5 hexagonal, 8 rhombohedral, other ratios 0.4–3.2" };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = all cores)", DefaultValueFactory = _ => 0 };

        var command = new Command("synth", "Generate verified random crystals for chosen space groups: symmetrised CIFs and/or a labelled pattern dataset");
        foreach (var o in new Option[] { groups, perGroup, perLattice, seed, output, patterns, preset, maxSites, maxAtoms, partial, allowHigher, check, checkFile, groupWeights, uniformShare, specialBias, draws, spread, snap, jitter, wide, threads })
            command.Options.Add(o);
        command.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            var outPath = parse.GetValue(output);
            var patternPath = parse.GetValue(patterns);
            var doCheck = parse.GetValue(check);
            if (outPath is null && patternPath is null && !doCheck)
                throw new CrystallographyException("nothing to write: give --out crystals.cif.gz, --patterns out.csv.gz or --check");
            var options = GeneratorOptions.Default with
            {
                MaxDistinctSites = Positive(parse.GetValue(maxSites), "--max-sites"),
                MaxAtomsPerCell = Positive(parse.GetValue(maxAtoms), "--max-atoms"),
                PartialOccupancyProbability = parse.GetValue(partial) is var p and >= 0 and <= 1 ? p : throw new CrystallographyException("--partial-occupancy must lie in 0–1"),
                RequireExactSymmetry = !parse.GetValue(allowHigher),
                SpreadAtoms = parse.GetValue(spread),
                WideAxialRatios = parse.GetValue(wide),
                SnapProbability = parse.GetValue(snap) is var sp and >= 0 and <= 1 ? sp : throw new CrystallographyException("--pseudo-symmetric must lie in 0–1"),
                SnapJitter = parse.GetValue(jitter) is var jt and >= 0 and < 0.5 ? jt : throw new CrystallographyException("--jitter must lie in 0–0.5"),
                PlacementDraws = Positive(parse.GetValue(draws), "--placement-draws"),
                SpecialPositionBias = parse.GetValue(specialBias) is var b and >= 0 ? b : throw new CrystallographyException("--special-bias must be non-negative"),
            };
            var seedValue = parse.GetValue(seed);
            var items = parse.GetValue(perLattice) is > 0 and var n
                ? parse.GetValue(groupWeights)!.Trim().ToLowerInvariant() switch
                {
                    "turns" => SynthesisPlan.BalancedByBravaisLattice(n, seedValue),
                    "mp" => SynthesisPlan.ByBravaisLatticeWeighted(n, seedValue, SpaceGroupFrequencies.MaterialsProject, parse.GetValue(uniformShare)),
                    var w => throw new CrystallographyException($"--group-weights must be turns or mp, got '{w}'"),
                }
                : SynthesisPlan.BySpaceGroups(SynthesisPlan.ParseSpaceGroups(parse.GetValue(groups)!), Positive(parse.GetValue(perGroup), "--per-group"));
            var thePreset = patternPath is null ? null : PatternPresets.ByName(parse.GetValue(preset)!);
            var summary = Run(items, seedValue, options, thePreset, outPath, patternPath, doCheck, parse.GetValue(checkFile), parse.GetValue(threads), cancellation);
            return summary.Crystals > 0 ? CliErrors.Ok : CliErrors.NothingRead;
        })));
        return command;
    }

    /// <summary>Share of the crystals spread uniformly over a lattice's space groups (<c>--uniform-share</c>); the rest follow Materials Project frequencies.</summary>
    public const double DefaultUniformShare = 0.2;

    /// <summary>
    /// <c>synth --per-lattice N</c> with its defaults: N crystals per Bravais lattice, space groups within a lattice by their
    /// Materials Project frequency, <see cref="DefaultUniformShare"/> of them spread uniformly (the demo's data and
    /// <c>train --pretrain synthetic</c>).
    /// </summary>
    public static IReadOnlyList<SynthesisItem> LatticeBalancedPlan(int perLattice, long seed) =>
        SynthesisPlan.ByBravaisLatticeWeighted(perLattice, seed, SpaceGroupFrequencies.MaterialsProject, DefaultUniformShare);

    private static int Positive(int value, string name) => value > 0 ? value : throw new CrystallographyException($"{name} must be positive");

    /// <summary>What a synth run made.</summary>
    public sealed record Summary(int Crystals, int Failures, double Seconds, int? Exact, int Checked);

    public static Summary Run(IReadOnlyList<SynthesisItem> items, long seed, GeneratorOptions options, PatternPreset? preset, string? cifPath, string? patternPath,
        bool check, string? checkPath, int threads, CancellationToken cancellation)
    {
        var synthesizer = new CrystalSynthesizer(new CrystalGenerator(options), preset);
        var clock = Stopwatch.StartNew();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        using var cif = cifPath is null ? null : new AtomicTextFile(cifPath);
        using var checkOut = checkPath is null ? null : new AtomicTextFile(checkPath);
        checkOut?.Writer.WriteLine("id\tspace_group\tatoms\texpected_atoms\tpassed\toperations_found\tgroup_order\texact\tattempts\tfailure");
        var ids = new List<string>(); var formulas = new List<string>(); var numbers = new List<int>(); var lattices = new List<BravaisLattice>(); var rows = new List<float[]>();
        var failures = new List<SynthesisResult>();
        var checkFailures = new List<string>();
        var higher = new SortedDictionary<int, int>();
        int made = 0, exact = 0, checkedCount = 0;
        AnsiConsole.MarkupLine($"synthesising {items.Count} crystals of {items.Select(i => i.Group.Number).Distinct().Count()} space groups, seed {seed}" +
            (preset is null ? "" : $", patterns with preset {Markup.Escape(preset.Name)}"));
        var parallel = threads > 0 ? threads : -1;
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("crystals", maxValue: items.Count);
                foreach (var batch in synthesizer.Run(items, seed, 2048, parallel, null, cancellation))
                {
                    VerificationResult?[] verdicts = new VerificationResult?[batch.Length];
                    if (check)
                        Parallel.For(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellation }, i =>
                        {
                            if (batch[i].Crystal is { } c) verdicts[i] = CrystalVerifier.Verify(c, options.SymmetryToleranceAngstrom, searchSymmetry: true, searchToleranceAngstrom: options.SymmetrySearchToleranceAngstrom);
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
                    task.Increment(batch.Length);
                }
            });
        var generationSeconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        cif?.Commit();
        checkOut?.Commit();
        if (patternPath is not null && preset is not null)
        {
            var matrix = new FeatureMatrix(rows.Count, preset.Grid.Count);
            for (var i = 0; i < rows.Count; i++) rows[i].CopyTo(matrix.Row(i));
            PatternCsv.Write(patternPath, new PatternDataset([.. ids], [.. formulas], [.. numbers], [.. lattices], matrix, preset.Instrument));
        }
        var seconds = clock.Elapsed.TotalSeconds;
        AnsiConsole.MarkupLine($"made {made} crystals{(preset is null ? "" : " and patterns")} in {generationSeconds:0.0} s ({made / Math.Max(1e-9, generationSeconds):0} per second on {(threads > 0 ? threads : Environment.ProcessorCount)} threads; {cpuSeconds:0.0} CPU-s, {made / Math.Max(1e-9, cpuSeconds):0} per CPU-second); {failures.Count} could not be made");
        foreach (var f in failures.GroupBy(f => f.Item.Group.Number).OrderBy(g => g.Key))
            AnsiConsole.MarkupLine($"[yellow]space group {f.Key}[/]: {f.Count()} failed — {Markup.Escape(f.First().Failure ?? "")}");
        if (cifPath is not null) AnsiConsole.MarkupLine($"CIFs: {Markup.Escape(cifPath)}");
        if (patternPath is not null) AnsiConsole.MarkupLine($"patterns: {Markup.Escape(patternPath)} ({rows.Count} rows)");
        if (check)
        {
            AnsiConsole.MarkupLine($"check: {checkedCount - checkFailures.Count}/{checkedCount} pass expansion and self-check; " +
                $"{exact}/{checkedCount} ({100.0 * exact / Math.Max(1, checkedCount):0.00}%) have exactly the intended space group (symmetry search, tolerance {options.SymmetrySearchToleranceAngstrom} Å)");
            foreach (var line in checkFailures.Take(20)) AnsiConsole.MarkupLine($"[red]self-check failed[/] {Markup.Escape(line)}");
            if (higher.Count > 0)
                AnsiConsole.MarkupLine("higher symmetry found in: " + string.Join(", ", higher.Select(kv => $"{kv.Key}×{kv.Value}")));
        }
        return new Summary(made, failures.Count, seconds, check ? exact : null, checkedCount);
    }
}

/// <summary>A text file (gzip when the name ends in .gz) written under a temporary name and renamed on <see cref="Commit"/>.</summary>
internal sealed class AtomicTextFile : IDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly FileStream _file;
    private readonly GZipStream? _gzip;
    private bool _committed;

    public TextWriter Writer { get; }

    public AtomicTextFile(string path)
    {
        _path = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _temp = _path + ".tmp-" + Environment.ProcessId;
        _file = File.Create(_temp);
        Stream target = _file;
        if (_path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) target = _gzip = new GZipStream(_file, CompressionLevel.Fastest);
        Writer = new StreamWriter(target, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    }

    public void Commit()
    {
        Writer.Flush();
        Writer.Dispose();
        _gzip?.Dispose();
        _file.Dispose();
        File.Move(_temp, _path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        Writer.Dispose();
        _gzip?.Dispose();
        _file.Dispose();
        if (File.Exists(_temp)) File.Delete(_temp);
    }
}
