using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bravais.Cli.Plotting;
using Bravais.Crystallography.IO;
using Bravais.Diffraction;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;
using Bravais.Diffraction.Profiles;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais simulate FILE [--radiation CuKa | --wavelength Å] [--two-theta 0:90] [--format table|tsv|json]
/// [--profile nano281 | --grid a:b:step --sigma s] [--plot out.png]</c>: the powder peak list of one structure
/// (the first readable block, or <c>--block</c>), or its pattern rendered on a grid, and optionally a PNG plot.
/// </summary>
public static class SimulateCommand
{
    public const string PeakTsvHeader = "two_theta\td\tintensity\thkl\tmultiplicity";
    public const string ProfileTsvHeader = "two_theta\tintensity";

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Structure file (.cif, .cif.gz, POSCAR, …)" };
        var block = new Option<string?>("--block") { Description = "Data block to use (default: the first readable one)" };
        var radiation = new Option<string>("--radiation") { Description = $"Named radiation ({string.Join(", ", Radiation.Named.Keys)})", DefaultValueFactory = _ => "CuKa" };
        var wavelength = new Option<double?>("--wavelength") { Description = "Wavelength in Å (overrides --radiation)" };
        var twoTheta = new Option<string>("--two-theta") { Description = "2θ range of the peaks, min:max in degrees", DefaultValueFactory = _ => "0:90" };
        var format = new Option<string>("--format") { Description = "Output: table, tsv or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "tsv", "json");
        var unscaled = new Option<bool>("--unscaled") { Description = "Keep |F|²·LP intensities instead of scaling the strongest peak to 100" };
        var profile = new Option<string?>("--profile") { Description = $"Render a named preset's pattern instead of the peak list ({string.Join(", ", PatternPresets.All.Select(p => p.Name))})" };
        var grid = new Option<string?>("--grid") { Description = "Render on the grid start:stop:step (degrees) instead of printing peaks" };
        var sigma = new Option<double?>("--sigma") { Description = "Gaussian σ in degrees for --grid (default 0.2)" };
        var fwhm = new Option<double?>("--fwhm") { Description = "Peak FWHM in degrees for --grid (Gaussian, or Lorentzian with --shape lorentzian)" };
        var shape = new Option<string>("--shape") { Description = "Profile for --grid: gaussian, lorentzian or pseudo-voigt", DefaultValueFactory = _ => "gaussian" };
        shape.AcceptOnlyFromAmong("gaussian", "lorentzian", "pseudo-voigt");
        var caglioti = new Option<string>("--caglioti") { Description = "U,V,W (deg²) for --shape pseudo-voigt", DefaultValueFactory = _ => "0.01,-0.005,0.005" };
        var eta = new Option<double>("--eta") { Description = "Lorentzian fraction η for --shape pseudo-voigt", DefaultValueFactory = _ => 0.5 };
        var area = new Option<bool>("--area") { Description = "Area-normalised profiles (default: peak height = stick intensity)" };
        var plot = new Option<string?>("--plot") { Description = "Also write a PNG plot with the strongest peaks labelled by hkl" };

        var command = new Command("simulate", "Powder X-ray pattern of a structure: peak list (2θ, d, intensity, hkl) or a rendered profile");
        command.Arguments.Add(file);
        foreach (var o in new Option[] { block, radiation, wavelength, twoTheta, format, unscaled, profile, grid, sigma, fwhm, shape, caglioti, eta, area, plot })
            command.Options.Add(o);
        command.SetAction(p => CliErrors.Run(() =>
        {
            var read = ReadStructure(p.GetValue(file)!, p.GetValue(block));
            PatternPreset? preset = p.GetValue(profile) is { } name ? PatternPresets.ByName(name) : null;
            var rad = p.GetValue(wavelength) is double w ? Radiation.FromWavelength(w) : Radiation.Parse(p.GetValue(radiation)!);
            var (min, max) = ParseRange(p.GetValue(twoTheta)!);
            var options = preset?.Options ?? new PowderOptions { Radiation = rad, TwoThetaMinDegrees = min, TwoThetaMaxDegrees = max, Scaled = !p.GetValue(unscaled) };
            var peaks = new PowderCalculator(options).Calculate(read);
            Pattern? pattern = null;
            if (preset is not null)
                pattern = ProfileRenderer.Render(peaks, preset.Instrument, preset.Normalization);
            else if (p.GetValue(grid) is { } g)
            {
                var theGrid = ParseGrid(g);
                var theProfile = MakeProfile(p.GetValue(shape)!, p.GetValue(sigma), p.GetValue(fwhm), p.GetValue(caglioti)!, p.GetValue(eta));
                pattern = ProfileRenderer.Render(peaks, new Instrument(peaks.Radiation, theGrid, theProfile), p.GetValue(area) ? ProfileNormalization.Area : ProfileNormalization.Height);
            }
            var fmt = p.GetValue(format)!;
            if (pattern is null) WritePeaks(peaks, fmt, Console.Out);
            else WriteProfile(peaks, pattern, fmt, Console.Out);
            if (p.GetValue(plot) is { } png)
            {
                PatternPlot.Save(png, peaks, pattern, $"{read.Id} ({read.Formula}), {peaks.Radiation}");
                Console.Error.WriteLine($"bravais: plot written to {png}");
            }
            return CliErrors.Ok;
        }));
        return command;
    }

    private static Crystallography.Structures.Structure ReadStructure(string path, string? block)
    {
        StructureReadResult? firstFailure = null;
        foreach (var r in StructureFiles.Read(path))
        {
            if (block is not null && !string.Equals(r.Block, block, StringComparison.Ordinal)) continue;
            if (r.Structure is { } s) return s;
            firstFailure ??= r;
            if (block is not null) break;
        }
        if (firstFailure?.Error is { } e) throw e;
        throw new DiffractionException(block is null ? "no structure in the file" : $"no data block '{block}' in the file", new Crystallography.SourceLocation(path));
    }

    internal static (double Min, double Max) ParseRange(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
            return (a, b);
        throw new DiffractionException($"--two-theta '{text}' must be min:max in degrees, e.g. 0:90");
    }

    internal static AngleGrid ParseGrid(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 3 && parts.All(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            var v = parts.Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            return AngleGrid.FromRange(v[0], v[1], v[2]);
        }
        throw new DiffractionException($"--grid '{text}' must be start:stop:step in degrees, e.g. 0.5:90:0.5");
    }

    private static PeakProfile MakeProfile(string shape, double? sigma, double? fwhm, string caglioti, double eta)
    {
        switch (shape)
        {
            case "lorentzian":
                return new LorentzianProfile(fwhm ?? (sigma ?? 0.2) * 2 * Math.Sqrt(2 * Math.Log(2)));
            case "pseudo-voigt":
                var uvw = caglioti.Split(',').Select(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
                if (uvw.Length != 3 || uvw.Any(double.IsNaN)) throw new DiffractionException($"--caglioti '{caglioti}' must be U,V,W");
                return new PseudoVoigtProfile(uvw[0], uvw[1], uvw[2], eta);
            default:
                return fwhm is double f ? GaussianProfile.FromFwhm(f) : new GaussianProfile(sigma ?? 0.2);
        }
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    public static void WritePeaks(PeakList peaks, string format, TextWriter output)
    {
        switch (format)
        {
            case "tsv":
                output.WriteLine(PeakTsvHeader);
                foreach (var p in peaks.Peaks)
                    output.WriteLine($"{F(p.TwoThetaDegrees, "0.00000")}\t{F(p.DSpacingAngstrom, "0.00000")}\t{F(p.Intensity, "0.####")}\t{peaks.FormatFamilies(p)}\t{PeakList.Multiplicity(p)}");
                break;
            case "json":
                var buffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    json.WriteStartObject();
                    json.WriteString("id", peaks.StructureId);
                    json.WriteString("radiation", peaks.Radiation.Name);
                    json.WriteNumber("wavelength", peaks.Radiation.WavelengthAngstrom);
                    json.WriteBoolean("scaled", peaks.Scaled);
                    json.WriteStartArray("peaks");
                    foreach (var p in peaks.Peaks)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("two_theta", p.TwoThetaDegrees);
                        json.WriteNumber("d", p.DSpacingAngstrom);
                        json.WriteNumber("intensity", p.Intensity);
                        json.WriteStartArray("hkl");
                        foreach (var f in p.Families)
                        {
                            json.WriteStartObject();
                            json.WriteString("hkl", f.Representative.Format(peaks.MillerBravais));
                            json.WriteNumber("multiplicity", f.Multiplicity);
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                        json.WriteNumber("multiplicity", PeakList.Multiplicity(p));
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                break;
            default:
                var table = new Table().Border(TableBorder.Rounded).Title($"{Markup.Escape(peaks.StructureId)} — {Markup.Escape(peaks.Radiation.ToString())}");
                foreach (var h in new[] { "2θ (°)", "d (Å)", "I", "hkl", "mult." }) table.AddColumn(h);
                for (var c = 0; c < 3; c++) table.Columns[c].RightAligned();
                table.Columns[4].RightAligned();
                foreach (var p in peaks.Peaks)
                    table.AddRow(F(p.TwoThetaDegrees, "0.0000"), F(p.DSpacingAngstrom, "0.0000"), F(p.Intensity, "0.00"), Markup.Escape(peaks.FormatFamilies(p)), PeakList.Multiplicity(p).ToString(CultureInfo.InvariantCulture));
                AnsiConsole.Write(table);
                break;
        }
    }

    private static void WriteProfile(PeakList peaks, Pattern pattern, string format, TextWriter output)
    {
        switch (format)
        {
            case "json":
                var profileBuffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(profileBuffer, new JsonWriterOptions { Indented = false }))
                {
                    json.WriteStartObject();
                    json.WriteString("id", peaks.StructureId);
                    json.WriteNumber("wavelength", pattern.WavelengthAngstrom);
                    json.WriteStartArray("two_theta");
                    foreach (var x in pattern.TwoThetaDegrees) json.WriteNumberValue(x);
                    json.WriteEndArray();
                    json.WriteStartArray("intensity");
                    foreach (var y in pattern.Intensity) json.WriteNumberValue(y);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                output.WriteLine(System.Text.Encoding.UTF8.GetString(profileBuffer.ToArray()));
                break;
            default:
                // a profile has too many points for a pleasant table: tsv for both
                output.WriteLine(ProfileTsvHeader);
                for (var i = 0; i < pattern.Count; i++)
                    output.WriteLine($"{F(pattern.TwoThetaDegrees[i], "0.#####")}\t{Bravais.Diffraction.Datasets.Nano281Csv.FormatValue(pattern.Intensity[i])}");
                break;
        }
    }
}
