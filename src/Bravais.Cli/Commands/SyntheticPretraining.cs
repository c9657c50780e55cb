using System.Globalization;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Profiles;
using Bravais.Learning;
using Bravais.Synthesis.Generation;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais train --pretrain synthetic[:N]</c>: a pretraining set of N verified random crystals made by the
/// synthesizer (balanced by Bravais lattice, space groups within a lattice by their Materials Project frequency,
/// a fifth spread uniformly: the <c>synth --per-lattice</c> defaults), rendered on the training data's preset grid.
/// The file is written atomically beside the model and named by its settings, so a rerun reuses it.
/// </summary>
public static class SyntheticPretraining
{
    public const int DefaultCount = 100_000;
    private const string Prefix = "synthetic";

    /// <summary>N for <c>synthetic</c> / <c>synthetic:N</c>; null for anything else (a file name).</summary>
    public static int? Count(string? value)
    {
        if (value is null || !value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || File.Exists(value)) return null;
        var rest = value[Prefix.Length..];
        if (rest.Length == 0) return DefaultCount;
        if (rest[0] == ':' && int.TryParse(rest[1..].Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 14) return n;
        throw new LearningException($"--pretrain: '{value}' is neither a file nor synthetic[:N] with N ≥ 14");
    }

    /// <summary>The path of the synthetic pretraining set for these settings, generated first when it is not there yet.</summary>
    public static string Make(int count, AngleGrid grid, int seed, string modelPath, int threads, CancellationToken cancellation)
    {
        var preset = PatternPresets.All.FirstOrDefault(p => p.Grid == grid)
            ?? throw new LearningException($"--pretrain synthetic renders on a preset grid ({string.Join(", ", PatternPresets.All.Select(p => $"{p.Name} {p.Grid}"))}); the data's grid is {grid}: make the set with `bravais synth --patterns` on that grid instead");
        var perLattice = Math.Max(1, count / 14);
        var dir = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        var path = Path.Combine(dir, FormattableString.Invariant($"pretrain-synthetic-{preset.Name}-{perLattice * 14}-seed{seed}.csv.gz"));
        if (File.Exists(path))
        {
            AnsiConsole.MarkupLine($"[grey]reusing the synthetic pretraining set[/] {Markup.Escape(path)}");
            return path;
        }
        AnsiConsole.MarkupLine($"generating {perLattice * 14} verified random crystals ({perLattice} per Bravais lattice, seed {seed}) and their {preset.Name} patterns for pretraining → {Markup.Escape(path)}");
        var items = SynthCommand.LatticeBalancedPlan(perLattice, seed);
        SynthCommand.Run(items, seed, GeneratorOptions.Default, preset, null, path, check: false, checkPath: null, threads, cancellation);
        return path;
    }
}
