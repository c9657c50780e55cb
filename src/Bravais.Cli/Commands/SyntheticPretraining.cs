using System.Globalization;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Profiles;
using Bravais.Learning;
using Bravais.Synthesis.Workflows;
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
        var folder = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        AnsiConsole.MarkupLine($"synthetic pretraining set: {count / 14 * 14} verified random crystals ({count / 14} per Bravais lattice, seed {seed}), {preset.Name} patterns, beside the model");
        string? made = null;
        AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask("crystals", maxValue: Math.Max(1, count / 14 * 14));
            var (path, _) = SynthesisRun.LatticeBalancedPatternSet(count, preset, seed, folder, threads, new SyncProgress<Bravais.Synthesis.Datasets.SynthesisProgress>(p => task.Value = p.Done), cancellation);
            made = path;
        });
        AnsiConsole.MarkupLine($"[grey]pretraining set[/] {Markup.Escape(made!)}");
        return made!;
    }
}
