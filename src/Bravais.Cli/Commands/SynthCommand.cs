using System.CommandLine;
using Bravais.Cli.Options;
using System.Globalization;
using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Profiles;
using Bravais.Synthesis.Datasets;
using Bravais.Synthesis.Generation;
using Bravais.Synthesis.Workflows;
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
        var seed = CommonOptions.Seed("Seed; each crystal is seeded from (seed, space group, index)");
        var output = new Option<string?>("--out") { Description = "Symmetrised CIFs, one data block per crystal (.cif or .cif.gz)" };
        var patterns = new Option<string?>("--patterns") { Description = "Labelled pattern dataset in the NANO281 layout (.csv or .csv.gz)" };
        var preset = CommonOptions.PresetWithDefault("Pattern preset of --patterns", "nano281");
        var maxSites = new Option<int>("--max-sites") { Description = "Most symmetrically distinct sites per crystal", DefaultValueFactory = _ => GeneratorOptions.Default.MaxDistinctSites };
        var maxAtoms = new Option<int>("--max-atoms") { Description = "Most atoms in the conventional cell", DefaultValueFactory = _ => GeneratorOptions.Default.MaxAtomsPerCell };
        var partial = new Option<double>("--partial-occupancy") { Description = "Probability that a site is partially occupied (0–1)", DefaultValueFactory = _ => 0 };
        var allowHigher = new Option<bool>("--allow-higher-symmetry") { Description = "Keep crystals whose true symmetry exceeds the intended group (by default they are regenerated)" };
        var check = new Option<bool>("--check") { Description = "Re-verify every crystal and search its full symmetry; print failures and the fraction with exactly the intended group" };
        var checkFile = new Option<string?>("--check-out") { Description = "With --check: one TSV row per crystal (id, group, atoms, operations found, exact)" };
        var groupWeights = new Option<string>("--group-weights") { Description = "With --per-lattice: how groups share a lattice: mp (Materials Project frequencies, mixed with --uniform-share) | turns (round robin)", DefaultValueFactory = _ => "mp" };
        var uniformShare = new Option<double>("--uniform-share") { Description = "With --group-weights mp: share of crystals spread uniformly over the lattice's groups (0–1)", DefaultValueFactory = _ => SynthesisRun.DefaultUniformShare };
        var specialBias = new Option<double>("--special-bias") { Description = "Preference for special Wyckoff positions (0 = by multiplicity only)", DefaultValueFactory = _ => GeneratorOptions.Default.SpecialPositionBias };
        var draws = new Option<int>("--placement-draws") { Description = "Random draws per free site; the one farthest from the atoms placed so far is kept", DefaultValueFactory = _ => GeneratorOptions.Default.PlacementDraws };
        var spread = new Option<bool>("--spread-atoms") { Description = "Try every placement draw and keep the one farthest from the atoms placed so far (atoms spread more evenly)" };
        var snap = new Option<double>("--pseudo-symmetric") { Description = "Share of crystals whose free coordinates lie near multiples of 1/8 (pseudo-symmetric, like real distorted/ordered structures)", DefaultValueFactory = _ => GeneratorOptions.Default.SnapProbability };
        var jitter = new Option<double>("--jitter") { Description = "With --pseudo-symmetric: Gaussian jitter of those coordinates (fractional)", DefaultValueFactory = _ => GeneratorOptions.Default.SnapJitter };
        var wide = new Option<bool>("--wide-cells") { Description = "Also elongated cells (layered and chain structures): c/a up to 4.5 tetragonal, 5 hexagonal, 8 rhombohedral, other ratios 0.4–3.2" };
        var threads = CommonOptions.Threads();

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
            var summary = Run(new SynthesisRequest(items, seedValue, options, thePreset, outPath, patternPath, doCheck, parse.GetValue(checkFile), parse.GetValue(threads)), cancellation);
            return summary.Crystals > 0 ? CliErrors.Ok : CliErrors.NothingRead;
        })));
        return command;
    }

    private static int Positive(int value, string name) => value > 0 ? value : throw new CrystallographyException($"{name} must be positive");

    /// <summary>Runs the synthesis workflow with a progress bar and prints what it made.</summary>
    public static SynthesisSummary Run(SynthesisRequest request, CancellationToken cancellation)
    {
        var items = request.Items;
        AnsiConsole.MarkupLine($"synthesising {items.Count} crystals of {items.Select(i => i.Group.Number).Distinct().Count()} space groups, seed {request.Seed}" +
            (request.Preset is null ? "" : $", patterns with preset {Markup.Escape(request.Preset.Name)}"));
        SynthesisSummary? summary = null;
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("crystals", maxValue: Math.Max(1, items.Count));
                summary = SynthesisRun.Run(request, new SyncProgress<SynthesisProgress>(p => task.Value = p.Done), cancellation);
            });
        var r = summary!;
        var threads = request.Threads > 0 ? request.Threads : Environment.ProcessorCount;
        AnsiConsole.MarkupLine($"made {r.Crystals} crystals{(request.Preset is null ? "" : " and patterns")} in {r.GenerationSeconds:0.0} s ({r.Crystals / Math.Max(1e-9, r.GenerationSeconds):0} per second on {threads} threads; {r.CpuSeconds:0.0} CPU-s, {r.Crystals / Math.Max(1e-9, r.CpuSeconds):0} per CPU-second); {r.Failures} could not be made");
        foreach (var (group, count, reason) in r.FailuresByGroup)
            AnsiConsole.MarkupLine($"[yellow]space group {group}[/]: {count} failed — {Markup.Escape(reason)}");
        if (request.CifPath is not null) AnsiConsole.MarkupLine($"CIFs: {Markup.Escape(request.CifPath)}");
        if (request.PatternPath is not null) AnsiConsole.MarkupLine($"patterns: {Markup.Escape(request.PatternPath)} ({r.PatternRows} rows)");
        if (request.Check)
        {
            AnsiConsole.MarkupLine($"check: {r.Checked - r.CheckFailures.Count}/{r.Checked} pass expansion and self-check; " +
                $"{r.Exact}/{r.Checked} ({100.0 * (r.Exact ?? 0) / Math.Max(1, r.Checked):0.00}%) have exactly the intended space group (symmetry search, tolerance {request.Options.SymmetrySearchToleranceAngstrom} Å)");
            foreach (var line in r.CheckFailures.Take(20)) AnsiConsole.MarkupLine($"[red]self-check failed[/] {Markup.Escape(line)}");
            if (r.HigherSymmetry.Count > 0)
                AnsiConsole.MarkupLine("higher symmetry found in: " + string.Join(", ", r.HigherSymmetry.Select(kv => $"{kv.Key}×{kv.Value}")));
        }
        return r;
    }
}
