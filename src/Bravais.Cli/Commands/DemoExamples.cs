using System.Globalization;
using System.Text;
using Bravais.Analysis.Prediction;
using Bravais.Diffraction.Datasets;
using Bravais.Diffraction.Measured;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// The demo's last step: the example pattern files shipped in examples/patterns (measured-like renderings of textbook
/// crystals, made by tools/make-examples.sh) classified with the default model, their true labels beside the answers:
/// top-3 lattices with probabilities and the closest reference; a plot per pattern (data, background, and fitted peaks and
/// tick marks of an indexed cell when the model reports them) and an index.html that shows them.
/// </summary>
internal static class DemoExamples
{
    /// <summary>examples/patterns beside the current folder or above the program, or null.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "examples", "patterns");
                if (File.Exists(Path.Combine(candidate, "labels.tsv"))) return candidate;
            }
        return null;
    }

    public static void Run(string folder, string outDir, int threads, CancellationToken cancellation)
    {
        var resolved = DefaultModel.Resolve(null);
        AnsiConsole.MarkupLine($"[bold]4/4[/] classifying the example patterns of {Markup.Escape(folder)} with {Markup.Escape(resolved.Describe())}");
        var predictor = ModelFile.Load(resolved.Path);
        var labels = LabelsTable.Read(Path.Combine(folder, "labels.tsv"));
        var plots = Path.Combine(outDir, "report-examples");
        Directory.CreateDirectory(plots);
        var table = new Table().Title("example patterns (measured-like, Cu Kα): truth and the default model's answer")
            .AddColumns("file", "true", "top-3 Bravais lattices", "system", "space group", "closest reference (cosine)");
        var html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Bravais: example patterns</title><h1>Example patterns classified with the default model</h1>\n");
        int right = 0, rightSystem = 0;
        foreach (var label in labels)
        {
            cancellation.ThrowIfCancellationRequested();
            var file = Path.Combine(folder, label.Id + ".xy");
            if (!File.Exists(file)) continue;
            var p = predictor.Predict(new PatternInput.Measurement(MeasuredPatternReader.Read(file)), new PredictOptions(Top: 3, Threads: threads), cancellation);
            var top3 = string.Join("  ", p.BravaisLattices.Take(3).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Label} {100 * c.Probability:0}%")));
            var reference = p.Evidence.SearchMatch is { } sm
                ? string.Create(CultureInfo.InvariantCulture, $"{sm.Best.Id} {sm.Best.Lattice} ({sm.Best.Cosine:0.00})") : "–";
            var ok = p.BravaisLattices[0].Label == label.Lattice.ToString();
            right += ok ? 1 : 0;
            var okSystem = p.CrystalSystem == label.System;
            rightSystem += okSystem ? 1 : 0;
            table.AddRow(Markup.Escape(label.Id), label.Lattice.ToString(), (ok ? "[green]" : "[red]") + Markup.Escape(top3) + "[/]",
                Markup.Escape(p.CrystalSystem?.ToString().ToLowerInvariant() ?? "–"), Markup.Escape(p.SpaceGroup?.ToString(CultureInfo.InvariantCulture) ?? "–"), Markup.Escape(reference));
            var png = label.Id + ".png";
            MeasuredPatternPlot.Write(Path.Combine(plots, png), p, $"true {label.Lattice}, predicted {p.BravaisLattices[0].Label}");
            html.Append(CultureInfo.InvariantCulture, $"<h2>{label.Id}: true {label.Lattice} (space group {label.SpaceGroup}), predicted {p.BravaisLattices[0].Label}</h2><p>{System.Net.WebUtility.HtmlEncode(top3)}; closest reference {System.Net.WebUtility.HtmlEncode(reference)}</p><img src=\"{png}\" width=1000>\n");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"examples: Bravais lattice right for {right}/{labels.Count}, crystal system for {rightSystem}/{labels.Count}; plots: {Markup.Escape(Path.Combine(plots, "index.html"))}");
        File.WriteAllText(Path.Combine(plots, "index.html"), html.ToString());
    }
}
