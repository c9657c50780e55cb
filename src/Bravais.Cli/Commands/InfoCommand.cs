using System.CommandLine;
using System.Globalization;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Symmetry;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais info FILE... [--format table|tsv]</c>: one row per structure (CIF data block or POSCAR) with
/// formula, space group, Bravais lattice, crystal system, site count and cell. Unreadable blocks/files print
/// one stderr line each and the run continues; exit 0 when every structure was read, 1 when some failed, 2 when none was read.
/// </summary>
public static class InfoCommand
{
    public const string TsvHeader = "file\tblock\tformula\tspacegroup_number\thm_symbol\tbravais_lattice\tcrystal_system\tnsites\ta\tb\tc\talpha\tbeta\tgamma";

    private static readonly string[] TableHeader = ["file", "block", "formula", "SG", "H–M", "lattice", "system", "sites", "a (Å)", "b (Å)", "c (Å)", "α (°)", "β (°)", "γ (°)"];

    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Structure files (.cif, .cif.gz, POSCAR*, CONTCAR*, *.vasp) or folders (searched recursively)",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format: table (aligned, for people) or tsv (tab-separated, header line first)",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "tsv");
        var warnings = new Option<bool>("--warnings") { Description = "Also print each structure's reading warnings (assumptions made) to stderr" };
        var includeFailed = new Option<bool>("--include-failed")
        {
            Description = "Also print a row for a block that declares its symmetry but holds no usable structure (no cell or coordinates); nsites and the cell stay empty",
        };

        var lenient = LenientOption();

        var command = new Command("info", "Summarise crystal structures: formula, space group, Bravais lattice, sites, cell");
        command.Arguments.Add(files);
        command.Options.Add(format);
        command.Options.Add(warnings);
        command.Options.Add(includeFailed);
        command.Options.Add(lenient);
        command.SetAction(parseResult => CliErrors.Run(() =>
            Run(parseResult.GetValue(files)!, parseResult.GetValue(format) ?? "table", parseResult.GetValue(warnings), Console.Out, Console.Error, parseResult.GetValue(includeFailed),
                readOptions: new StructureReadOptions { Lenient = parseResult.GetValue(lenient), Progress = StructureProgressLine.ForConsole() })));
        return command;
    }

    /// <summary>Writes the rows to <paramref name="output"/> and one line per failure or warning to <paramref name="error"/>.</summary>
    public static int Run(IReadOnlyList<string> paths, string format, bool printWarnings, TextWriter output, TextWriter error, bool includeFailed = false, CancellationToken cancellationToken = default,
        StructureReadOptions? readOptions = null)
    {
        var tsv = string.Equals(format, "tsv", StringComparison.OrdinalIgnoreCase);
        var read = 0;
        var failed = 0;
        Table? table = null;
        if (tsv) output.WriteLine(TsvHeader);
        else
        {
            table = new Table().Border(TableBorder.Rounded);
            foreach (var h in TableHeader) table.AddColumn(new TableColumn(h));
            foreach (var i in (int[])[3, 7, 8, 9, 10, 11, 12, 13]) table.Columns[i].RightAligned();
        }

        var files = paths.SelectMany(StructureFiles.Expand).ToList();
        // a files-done counter on an interactive stderr for long runs (folders, many files); never in pipes or tests
        var showProgress = files.Count > 1 && error == Console.Error && !Console.IsErrorRedirected;
        IProgress<int>? progress = showProgress ? new Progress<int>(n => error.Write($"\rbravais: {n}/{files.Count} files read")) : null;
        foreach (var result in StructureFiles.ReadMany(files, progress: progress, cancellationToken: cancellationToken, options: readOptions))
        {
            if (!result.IsSuccess)
            {
                failed++;
                error.WriteLine($"bravais: {result.Error!.Message}");
                if (includeFailed && result.Symmetry is not null)
                {
                    var partial = Row(result);
                    if (tsv) output.WriteLine(string.Join('\t', partial));
                    else table!.AddRow(partial.Select(Markup.Escape).ToArray());
                }
                continue;
            }
            read++;
            if (printWarnings)
                foreach (var w in result.Warnings)
                    error.WriteLine($"bravais: warning: {result.File}{(result.Block is null ? "" : $", block {result.Block}")}: {w}");
            var row = Row(result);
            if (tsv) output.WriteLine(string.Join('\t', row));
            else table!.AddRow(row.Select(Markup.Escape).ToArray());
        }

        if (showProgress) error.WriteLine();
        if (table is not null)
        {
            if (read > 0)
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
                // a redirected stream reports 80 columns; let the table take the width it needs instead of wrapping cells
                if (output != Console.Out || Console.IsOutputRedirected) console.Profile.Width = 400;
                console.Write(table);
            }
            if (failed > 0 || read == 0) error.WriteLine($"bravais: {read} structure(s) read, {failed} failed");
        }
        output.Flush();
        return CliErrors.ForBatch(read, failed);
    }

    /// <summary>The <c>--lenient</c> option of the commands that read structures without labelling them (info, simulate).</summary>
    internal static Option<bool> LenientOption() => new("--lenient")
    {
        Description = "Read crystallographically inconsistent blocks (operations that are not a group, disagreeing or unknown symbols, a cell without the symmetry of its operations, occupancies outside 0–1) with a warning instead of refusing them",
    };

    /// <summary>The 14 columns of <see cref="TsvHeader"/> for one result (structure columns empty for a failed block).</summary>
    public static string[] Row(StructureReadResult r)
    {
        var s = r.Structure;
        var l = s?.Lattice;
        var inv = CultureInfo.InvariantCulture;
        string Length(double? x) => x?.ToString("0.0000", inv) ?? "";
        string Angle(double? x) => x?.ToString("0.000", inv) ?? "";
        return
        [
            r.File,
            r.Block ?? s?.Id ?? "",
            s?.Formula ?? "",
            r.SpaceGroupNumber?.ToString(inv) ?? "",
            r.Symmetry?.HermannMauguin ?? "",
            r.BravaisLattice?.Label() ?? "",
            r.CrystalSystem?.Name() ?? "",
            s?.SiteCount.ToString(inv) ?? "",
            Length(l?.A), Length(l?.B), Length(l?.C),
            Angle(l?.Alpha), Angle(l?.Beta), Angle(l?.Gamma),
        ];
    }
}
