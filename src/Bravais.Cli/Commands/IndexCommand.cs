using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bravais.Analysis.Indexing;
using Bravais.Analysis.Peaks;
using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;
using Bravais.Cli.Options;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais index FILE… [--wavelength Å|anode] [--top N] [--seconds S] [--format table|json]</c>: powder indexing of
/// measured patterns (peak search first) or peak lists (<see cref="PeakListFiles"/>). Files are indexed in parallel
/// and printed in the order given; a file that cannot be read is reported on stderr and the batch goes on (exit 1
/// when some failed, 2 when none could be used). A pattern without a convincing cell gets no candidates and a reason.
/// </summary>
public static class IndexCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Pattern files (.xy .xrdml .gsa …) or peak lists (simulate/peaks TSV)", Arity = ArgumentArity.OneOrMore };
        var wavelength = CommonOptions.Wavelength("Radiation of the inputs (overrides file headers; for peak lists, whose positions are d, the primary line indexes at it; default Cu Kα1)");
        var top = new Option<int>("--top") { Description = "Candidates to print per file", DefaultValueFactory = _ => 3 };
        var seconds = new Option<double>("--seconds") { Description = "Time budget per file (s)", DefaultValueFactory = _ => IndexingOptions.Default.Seconds };
        var format = CommonOptions.Format("table", "table", "json");
        var showLines = new Option<bool>("--lines") { Description = "Table format: also list every line of the best candidate with its hkl and Δ2θ" };
        var minIntensity = new Option<double>("--min-intensity") { Description = "Peak lists: ignore lines weaker than this fraction of the strongest", DefaultValueFactory = _ => 0.005 };
        var command = new Command("index", "Powder indexing: unit cell and Bravais lattice from peak positions (cubic to triclinic)");
        command.Arguments.Add(files);
        foreach (var o in new Option[] { wavelength, top, seconds, format, minIntensity, showLines }) command.Options.Add(o);
        command.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            if (parse.GetValue(top) < 1) throw new Analysis.AnalysisException("--top must be ≥ 1");
            if (!(parse.GetValue(seconds) > 0)) throw new Analysis.AnalysisException("--seconds must be positive");
            var radiation = CommonOptions.ParseWavelength(parse.GetValue(wavelength));
            var options = IndexingOptions.Default with { Seconds = parse.GetValue(seconds), MaxCandidates = Math.Max(parse.GetValue(top), 1) };
            var paths = parse.GetValue(files)!;
            var results = new FileResult?[paths.Length];
            var errors = new BravaisException?[paths.Length];
            Parallel.For(0, paths.Length, new ParallelOptions { CancellationToken = cancellation }, i =>
            {
                try { results[i] = IndexFile(paths[i], radiation, options, parse.GetValue(minIntensity), parse.GetValue(top), cancellation); }
                catch (BravaisException e) { errors[i] = e; }
            });
            var done = results.Where(r => r is not null).Select(r => r!).ToList();
            if (parse.GetValue(format) == "json") Console.Out.WriteLine(Json(done, parse.GetValue(top)));
            else foreach (var r in done) WriteTable(r, parse.GetValue(top), parse.GetValue(showLines));
            foreach (var e in errors) if (e is not null) CliErrors.Report(e);
            var failed = errors.Count(e => e is not null);
            return failed == paths.Length ? CliErrors.NothingRead : failed > 0 ? CliErrors.Failure : CliErrors.Ok;
        })));
        return command;
    }

    /// <summary>One file's indexing with what it was computed from, and the extinction symbols of each reported candidate.</summary>
    public sealed record FileResult(string File, IndexingResult Result, IReadOnlyList<ObservedPeak> Peaks, PeakSearchResult? Search,
        IReadOnlyList<IReadOnlyList<CandidateExtinctionSymbol>> Extinction);

    /// <summary>Peak search (for patterns), indexing and the extinction symbols of the first <paramref name="top"/> candidates.</summary>
    public static FileResult IndexFile(string path, Radiation? radiation, IndexingOptions options, double minIntensity, int top, CancellationToken cancellation)
    {
        if (!File.Exists(path)) throw new DiffractionFileException("file not found", path);
        List<ObservedPeak> peaks;
        PeakSearchResult? search = null;
        Radiation lines;
        if (PeakListFiles.IsPeakList(path))
        {
            // a peak list holds one position per reflection (its d): one line at the primary wavelength
            lines = Radiation.FromWavelength((radiation ?? Radiation.FromName("CuKa1")).PrimaryAngstrom);
            peaks = PeakListFiles.Read(path, lines.WavelengthAngstrom, minIntensity);
        }
        else
        {
            var pattern = MeasuredPatternReader.Read(path, new MeasuredReadOptions(radiation, null));
            search = PeakSearch.Find(pattern);
            lines = search.Radiation;
            peaks = search.Peaks.Select(p => new ObservedPeak(p.TwoThetaDegrees, p.IntegratedIntensity, p.TwoThetaEsdDegrees)).ToList();
        }
        var result = PowderIndexer.Index(peaks, options with { WavelengthAngstrom = lines.PrimaryAngstrom }, cancellation);
        var observed = search is null ? null : CandidateExtinction.PatternOf(search);
        var listed = search is null ? CandidateExtinction.PeaksOf(peaks) : null;
        var extinction = result.Candidates.Take(top).Select(c => CandidateExtinction.Score(c, lines, observed, listed, out _)).ToList();
        return new FileResult(path, result, peaks, search, extinction);
    }

    private sealed class DiffractionFileException(string reason, string file) : BravaisException(reason, new SourceLocation(file));

    public static string Json(IReadOnlyList<FileResult> results, int top)
    {
        var json = results.Select(r => new
        {
            file = r.File,
            peaksUsed = r.Result.PeaksUsed,
            candidates = r.Result.Candidates.Take(top).Select((c, rank) => new
            {
                crystalSystem = c.CrystalSystem.Name(),
                bravaisLattice = c.BravaisLattice.ToString(),
                a = Math.Round(c.Cell.A, 5),
                b = Math.Round(c.Cell.B, 5),
                c = Math.Round(c.Cell.C, 5),
                alpha = Math.Round(c.Cell.Alpha, 4),
                beta = Math.Round(c.Cell.Beta, 4),
                gamma = Math.Round(c.Cell.Gamma, 4),
                volume = Math.Round(c.Volume, 3),
                m20 = Math.Round(c.M20, 2),
                fn = Math.Round(c.FN, 2),
                zeroShift = Math.Round(c.ZeroShiftDegrees, 4),
                indexedLines = c.IndexedLines,
                extinctionSymbols = r.Extinction[rank].Select(e => new { symbol = e.Symbol, probability = Math.Round(e.Probability, 4), spaceGroups = e.SpaceGroups }).ToArray(),
            }).ToArray(),
            reason = r.Result.Reason,
        });
        return JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static void WriteTable(FileResult r, int top, bool showLines)
    {
        var title = $"{Markup.Escape(r.File)}: {r.Result.PeaksUsed} lines, {F(r.Result.Seconds, "0.0")} s";
        if (r.Result.Candidates.Count == 0)
        {
            AnsiConsole.MarkupLine($"{title}: [yellow]not indexed[/] — {Markup.Escape(r.Result.Reason ?? "")}");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        foreach (var h in new[] { "#", "lattice", "a", "b", "c", "α", "β", "γ", "V (Å³)", "M20", "F_N", "zero (°)", "indexed", "extinction symbol (p)" }) table.AddColumn(new TableColumn(h).RightAligned());
        var rank = 0;
        foreach (var c in r.Result.Candidates.Take(top))
        {
            var symbol = r.Extinction[rank] is [var first, ..] ? $"{first.Symbol} ({F(first.Probability, "0.00")})" : "–";
            table.AddRow((++rank).ToString(CultureInfo.InvariantCulture), c.BravaisLattice.ToString(), F(c.Cell.A, "0.0000"), F(c.Cell.B, "0.0000"), F(c.Cell.C, "0.0000"),
                F(c.Cell.Alpha, "0.00"), F(c.Cell.Beta, "0.00"), F(c.Cell.Gamma, "0.00"), F(c.Volume, "0.0"), F(c.M20, "0.0"),
                $"{F(c.FN, "0.0")}({c.N})", F(c.ZeroShiftDegrees, "0.000"), $"{c.IndexedLines}/{c.LinesConsidered}", Markup.Escape(symbol));
        }
        AnsiConsole.Write(table);
        if (!showLines) return;
        var best = r.Result.Candidates[0];
        var lines = new Table().Border(TableBorder.Simple).Title($"lines of the best candidate ({best.BravaisLattice})");
        foreach (var h in new[] { "2θ obs (°)", "2θ calc (°)", "Δ (°)", "hkl" }) lines.AddColumn(new TableColumn(h).RightAligned());
        foreach (var l in best.Lines)
            lines.AddRow(F(l.TwoThetaObservedDegrees, "0.0000"), l.IsIndexed ? F(l.TwoThetaCalculatedDegrees, "0.0000") : "", l.IsIndexed ? F(l.TwoThetaObservedDegrees - l.TwoThetaCalculatedDegrees, "0.0000") : "",
                l.Hkl is { } hkl ? string.Join(' ', hkl) : "unindexed");
        AnsiConsole.Write(lines);
    }
}
