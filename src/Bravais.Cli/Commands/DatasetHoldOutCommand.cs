using System.CommandLine;
using Bravais.Cli.Options;
using Bravais.Crystallography;
using Bravais.Crystallography.IO;
using Bravais.Diffraction.Datasets;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais dataset holdout --part development|test --per-lattice N --out DIR [--structures DIR] [--seed S] [--grid a:b:s]</c>:
/// measured-like .xy patterns (and labels.tsv) of structures of one held-out part, one per structure prototype, N per
/// Bravais lattice (<see cref="HoldOutPatterns"/>): the sets on which settings are chosen (development) and figures are
/// reported (test), of structure types that no library or training set contains.
/// </summary>
public static class DatasetHoldOutCommand
{
    public static Command Create()
    {
        var structures = new Option<string?>("--structures") { Description = "Folder or file(s) of CIFs with an optional labels.tsv (default: ../shared/data/mp)" };
        var part = new Option<string>("--part") { Description = "development (choose settings on it), test (report on it), or train (crystals whose structure types the libraries contain)", Required = true };
        var perLattice = new Option<int>("--per-lattice") { Description = "Structures per Bravais lattice (one per prototype)", DefaultValueFactory = _ => 20 };
        var output = new Option<string>("--out") { Description = "Folder for the .xy files and labels.tsv", Required = true };
        var grid = CommonOptions.Grid("2θ points of the patterns (default 5:90:0.02)");
        var seed = CommonOptions.Seed("Which structures (a seeded hash of the id) and every random draw of the rendering");
        var threads = CommonOptions.Threads();
        var command = new Command("holdout", "Measured-like patterns of held-out structure types (development or test part), N per Bravais lattice, with labels.tsv");
        foreach (var o in new Option[] { structures, part, perLattice, output, grid, seed, threads }) command.Options.Add(o);
        command.SetAction((p, ct) => Task.FromResult(CliErrors.Run(() =>
        {
            var which = p.GetValue(part)!.ToLowerInvariant() switch
            {
                "development" or "dev" => HoldOutPart.Development,
                "test" => HoldOutPart.Test,
                "train" => HoldOutPart.Train,
                var other => throw new BravaisException($"--part '{other}' is not known (development, test, train)"),
            };
            var source = p.GetValue(structures) ?? SharedDataFolder.TryFind("mp") ?? throw new BravaisException("no structures: give --structures DIR or run beside ../shared/data/mp");
            var files = StructureFiles.Expand(source);
            var labelsPath = Directory.Exists(source) && File.Exists(Path.Combine(source, "labels.tsv")) ? Path.Combine(source, "labels.tsv") : null;
            var labels = labelsPath is null ? null : LabelsTable.Read(labelsPath).ToDictionary(l => l.Id, StringComparer.Ordinal);
            var theGrid = p.GetValue(grid) is { } g ? AngleGrid.Parse(g) : AngleGrid.FromRange(5, 90, 0.02);
            var request = new HoldOutPatternRequest(files, labels, which, p.GetValue(perLattice), p.GetValue(seed), p.GetValue(threads));
            Console.Error.WriteLine($"bravais: choosing {which} structures from {files.Count} file(s)…");
            var chosen = HoldOutPatterns.Choose(request, new Progress<int>(n => Console.Error.Write($"\rbravais: {n}/{files.Count} files read")), ct);
            Console.Error.WriteLine();
            var outDir = p.GetValue(output)!;
            Directory.CreateDirectory(outDir);
            var written = 0;
            Parallel.ForEach(chosen, new ParallelOptions { MaxDegreeOfParallelism = p.GetValue(threads) > 0 ? p.GetValue(threads) : Environment.ProcessorCount, CancellationToken = ct }, item =>
            {
                var counts = HoldOutPatterns.Render(item.Structure, theGrid, p.GetValue(seed));
                var path = Path.Combine(outDir, item.Structure.Id + ".xy");
                var temporary = path + ".tmp";
                using (var writer = new StreamWriter(temporary))
                    HoldOutPatterns.WriteXy(writer, $"measured-style simulation by Bravais of {item.Structure.Id} ({item.Structure.Formula}), held-out part {which}, seed {p.GetValue(seed)}", Radiation.CuKa, theGrid, counts);
                File.Move(temporary, path, overwrite: true);
                Interlocked.Increment(ref written);
            });
            File.WriteAllText(Path.Combine(outDir, "labels.tsv"), HoldOutPatterns.LabelsTsv(chosen));
            Console.Error.WriteLine($"bravais: {written} patterns of {which} structures ({string.Join(", ", chosen.GroupBy(c => c.Label.Lattice).Select(g => $"{g.Key} {g.Count()}"))}) → {outDir}");
            return CliErrors.Ok;
        })));
        return command;
    }
}
