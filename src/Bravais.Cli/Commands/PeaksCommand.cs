using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bravais.Analysis.Peaks;
using Bravais.Cli.Plotting;
using Bravais.Crystallography;
using Bravais.Cli.Options;
using Bravais.Diffraction.Measured;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais peaks FILE… [--wavelength Å|anode] [--format table|tsv|json] [--plot DIR]</c>: the reflections of measured
/// (or rendered) powder patterns: 2θ of the primary line with its esd, d, height, integrated intensity, FWHM and
/// Lorentzian fraction. Files are searched in parallel and printed in the order given; a file that cannot be read
/// is reported on stderr and the others are still done (exit 1 when some failed, 2 when none could be used).
/// </summary>
public static class PeaksCommand
{
    public const string TsvHeader = "file\ttwo_theta\tesd\td\theight\tintensity\tfwhm\teta";

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Pattern files (.xy .xye .dat .txt .csv [.gz], .xrdml, .gsa/.fxye)", Arity = ArgumentArity.OneOrMore };
        var wavelength = CommonOptions.Wavelength("Radiation of the inputs (overrides file headers; a single wavelength at an anode's Kα mean, e.g. 1.5418, is read as the Kα doublet)");
        var format = CommonOptions.Format("table", "table", "tsv", "json");
        var significance = new Option<double>("--significance") { Description = "Detection threshold in noise standard deviations", DefaultValueFactory = _ => PeakSearchOptions.Default.MinSignificance };
        var plot = new Option<string?>("--plot") { Description = "Folder for one PNG per file: data, background, fitted model and peak positions" };
        var command = new Command("peaks", "Peak search: positions (with esd), d, intensities and widths of the reflections of powder patterns");
        command.Arguments.Add(files);
        foreach (var o in new Option[] { wavelength, format, significance, plot }) command.Options.Add(o);
        command.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            var readOptions = new MeasuredReadOptions(CommonOptions.ParseWavelength(parse.GetValue(wavelength)), null);
            var options = PeakSearchOptions.Default with { MinSignificance = parse.GetValue(significance) };
            var paths = parse.GetValue(files)!;
            var plotDir = parse.GetValue(plot);
            if (plotDir is not null) Directory.CreateDirectory(plotDir);
            var results = new (PeakSearchResult? Result, BravaisException? Error)[paths.Length];
            Parallel.For(0, paths.Length, new ParallelOptions { CancellationToken = cancellation }, i =>
            {
                try { results[i] = (PeakSearch.Find(MeasuredPatternReader.Read(paths[i], readOptions), options), null); }
                catch (BravaisException e) { results[i] = (null, e); }
            });
            var fmt = parse.GetValue(format)!;
            Write(results.Where(r => r.Result is not null).Select(r => r.Result!).ToList(), fmt, Console.Out);
            foreach (var (result, error) in results)
            {
                if (error is not null) { CliErrors.Report(error); continue; }
                if (plotDir is not null) PeakSearchPlot.Save(Path.Combine(plotDir, Path.GetFileName(result!.Source) + ".peaks.png"), result);
            }
            var failed = results.Count(r => r.Error is not null);
            return failed == paths.Length ? CliErrors.NothingRead : failed > 0 ? CliErrors.Failure : CliErrors.Ok;
        })));
        return command;
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    public static void Write(IReadOnlyList<PeakSearchResult> results, string format, TextWriter output)
    {
        switch (format)
        {
            case "tsv":
                output.WriteLine(TsvHeader);
                foreach (var r in results)
                    foreach (var p in r.Peaks)
                        output.WriteLine($"{r.Source}\t{F(p.TwoThetaDegrees, "0.0000")}\t{F(p.TwoThetaEsdDegrees, "0.0000")}\t{F(p.DSpacingAngstrom, "0.00000")}\t{F(p.Height, "0.##")}\t{F(p.IntegratedIntensity, "0.###")}\t{F(p.FwhmDegrees, "0.0000")}\t{F(p.Eta, "0.00")}");
                break;
            case "json":
                var json = results.Select(r => new
                {
                    file = r.Source,
                    wavelength = r.Radiation.PrimaryAngstrom,
                    secondaryWavelength = r.Radiation.SecondaryAngstrom,
                    noise = Math.Round(r.NoiseSigma, 4),
                    peaks = r.Peaks.Select(p => new
                    {
                        twoTheta = Math.Round(p.TwoThetaDegrees, 5),
                        esd = Math.Round(p.TwoThetaEsdDegrees, 5),
                        d = Math.Round(p.DSpacingAngstrom, 6),
                        height = Math.Round(p.Height, 3),
                        intensity = Math.Round(p.IntegratedIntensity, 4),
                        fwhm = Math.Round(p.FwhmDegrees, 5),
                        eta = Math.Round(p.Eta, 3),
                    }).ToArray(),
                });
                output.WriteLine(JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
                break;
            default:
                foreach (var r in results)
                {
                    var table = new Table().Border(TableBorder.Rounded)
                        .Title($"{Markup.Escape(r.Source)} — {Markup.Escape(r.Radiation.ToString())}, {r.Peaks.Count} peaks");
                    foreach (var h in new[] { "2θ (°)", "esd (°)", "d (Å)", "height", "intensity", "FWHM (°)", "η" }) table.AddColumn(new TableColumn(h).RightAligned());
                    foreach (var p in r.Peaks)
                        table.AddRow(F(p.TwoThetaDegrees, "0.0000"), F(p.TwoThetaEsdDegrees, "0.0000"), F(p.DSpacingAngstrom, "0.0000"), F(p.Height, "0.#"),
                            F(p.IntegratedIntensity, "0.###"), F(p.FwhmDegrees, "0.000"), F(p.Eta, "0.00"));
                    AnsiConsole.Write(table);
                }
                break;
        }
    }
}
