using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bravais.Cli.Options;
using Bravais.Cli.Plotting;
using Bravais.Crystallography.IO;
using Bravais.Diffraction;
using Bravais.Diffraction.Augmentation;
using Bravais.Diffraction.Datasets;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;
using Bravais.Diffraction.Profiles;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais simulate FILE [--wavelength CuKa|Å] [--range 0:90] [--format table|tsv|json]
/// [--preset nano281 | --grid a:b:step --sigma s] [--plot out.png]</c>: the powder peak list of one structure
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
        var wavelength = CommonOptions.Wavelength("Radiation of the peak calculation (default CuKa, pymatgen's Kα mean)");
        wavelength.Aliases.Add("--radiation");
        var range = new Option<string>("--range") { Description = "2θ range of the peaks, min:max in degrees", DefaultValueFactory = _ => "0:90" };
        var format = new Option<string>("--format") { Description = "Output: table, tsv or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "tsv", "json");
        var unscaled = new Option<bool>("--unscaled") { Description = "Keep |F|²·LP intensities instead of scaling the strongest peak to 100" };
        var preset = CommonOptions.Preset("Render a named preset's pattern instead of the peak list");
        var grid = CommonOptions.Grid("Render on this grid instead of printing peaks");
        var sigma = new Option<double?>("--sigma") { Description = "Gaussian σ in degrees for --grid (default 0.2)" };
        var fwhm = new Option<double?>("--fwhm") { Description = "Peak FWHM in degrees for --grid (Gaussian, or Lorentzian with --shape lorentzian)" };
        var shape = new Option<string>("--shape") { Description = "Profile for --grid: gaussian, lorentzian or pseudo-voigt", DefaultValueFactory = _ => "gaussian" };
        shape.AcceptOnlyFromAmong("gaussian", "lorentzian", "pseudo-voigt");
        var caglioti = new Option<string>("--caglioti") { Description = "U,V,W (deg²) for --shape pseudo-voigt", DefaultValueFactory = _ => "0.01,-0.005,0.005" };
        var eta = new Option<double>("--eta") { Description = "Lorentzian fraction η for --shape pseudo-voigt", DefaultValueFactory = _ => 0.5 };
        var area = new Option<bool>("--area") { Description = "Area-normalised profiles (default: peak height = stick intensity)" };
        var plot = new Option<string?>("--plot") { Description = "Also write a PNG plot with the strongest peaks labelled by hkl" };
        var measured = new Option<bool>("--measured") { Description = "Render a laboratory-like measurement instead (counts on --grid, default 5:90:0.02; every line of the radiation, random widths, texture, background and Poisson noise drawn with --seed), written as a two-column .xy text" };
        var seed = CommonOptions.Seed("Seed of --measured's random instrument and sample");
        var maxReflections = MaxReflectionsOption();
        var lenient = InfoCommand.LenientOption();

        var command = new Command("simulate", "Powder X-ray pattern of a structure: peak list (2θ, d, intensity, hkl) or a rendered profile");
        command.Arguments.Add(file);
        foreach (var o in new Option[] { block, wavelength, range, format, unscaled, preset, grid, sigma, fwhm, shape, caglioti, eta, area, plot, maxReflections, lenient, measured, seed })
            command.Options.Add(o);
        command.SetAction(p => CliErrors.Run(() =>
        {
            var thePreset = CommonOptions.ParsePreset(p.GetValue(preset));
            if (thePreset is not null && p.GetValue(grid) is not null) throw new DiffractionException("give --preset or --grid, not both");
            var rad = CommonOptions.ParseWavelength(p.GetValue(wavelength)) ?? Radiation.CuKa;
            if (thePreset is not null && p.GetValue(wavelength) is not null && rad != thePreset.Radiation)
                throw new DiffractionException($"the {thePreset.Name} preset is computed with {thePreset.Radiation}; --wavelength {p.GetValue(wavelength)} does not fit it (use --grid to render at another wavelength)");
            var (min, max) = ParseRange(p.GetValue(range)!);
            var options = (thePreset?.Options ?? new PowderOptions { Radiation = rad, TwoThetaMinDegrees = min, TwoThetaMaxDegrees = max, Scaled = !p.GetValue(unscaled) })
                with { MaxReflections = p.GetValue(maxReflections) };
            // options and grid are checked before the (possibly long) reading and peak calculation
            var theGrid = thePreset is null && p.GetValue(grid) is { } g ? ParseGrid(g) : (AngleGrid?)null;
            var measurement = p.GetValue(measured) ? MeasuredGrid(thePreset, theGrid) : (AngleGrid?)null;
            // every reflection whose Kα2 line can fall on the measured grid
            if (measurement is { } m) options = options with { TwoThetaMinDegrees = 0, TwoThetaMaxDegrees = Math.Min(179, m.StopDegrees + 2), Scaled = true };
            var read = ReadStructure(p.GetValue(file)!, p.GetValue(block), new StructureReadOptions { Lenient = p.GetValue(lenient), Progress = StructureProgressLine.ForConsole() });
            foreach (var problem in read.Inconsistencies) Console.Error.WriteLine($"bravais: warning: {read.File}, block {read.Block}: inconsistent (read leniently): {problem}");
            var structure = read.Structure!;
            var peaks = At(read, () => new PowderCalculator(options).Calculate(structure));
            if (measurement is { } measuredGrid)
            {
                WriteMeasured(structure, peaks, measuredGrid, p.GetValue(seed), Console.Out);
                return CliErrors.Ok;
            }
            Pattern? pattern = null;
            if (thePreset is not null)
                pattern = At(read, () => ProfileRenderer.Render(peaks, thePreset.Instrument, thePreset.Normalisation));
            else if (theGrid is { } gridValue)
            {
                var theProfile = MakeProfile(p.GetValue(shape)!, p.GetValue(sigma), p.GetValue(fwhm), p.GetValue(caglioti)!, p.GetValue(eta));
                pattern = At(read, () => ProfileRenderer.Render(peaks, new Instrument(peaks.Radiation, gridValue, theProfile), p.GetValue(area) ? ProfileNormalisation.Area : ProfileNormalisation.Height));
            }
            var fmt = p.GetValue(format)!;
            if (pattern is null) WritePeaks(peaks, fmt, Console.Out);
            else WriteProfile(peaks, pattern, fmt, Console.Out);
            if (p.GetValue(plot) is { } png)
            {
                PatternPlot.Save(png, peaks, pattern, $"{structure.Id} ({structure.Formula}), {peaks.Radiation}");
                Console.Error.WriteLine($"bravais: plot written to {png}");
            }
            return CliErrors.Ok;
        }));
        return command;
    }

    private static AngleGrid MeasuredGrid(PatternPreset? preset, AngleGrid? grid) => preset is null
        ? grid ?? AngleGrid.FromRange(5, 90, 0.02)
        : throw new DiffractionException("--measured renders its own laboratory-like profile; give --grid for its 2θ points, not --preset");

    /// <summary>A laboratory-like measurement of the peaks (every line of the radiation, random instrument and sample drawn with the seed) as a two-column .xy text whose header names the radiation.</summary>
    internal static void WriteMeasured(Crystallography.Structures.Structure structure, PeakList peaks, AngleGrid grid, int seed, TextWriter output)
    {
        var counts = MeasuredStyleRenderer.Render(peaks, grid, MeasuredAugmentation.Default with { ImpurityProbability = 0 }, new Random(seed));
        HoldOutPatterns.WriteXy(output, $"measured-style simulation by Bravais of {structure.Id} ({structure.Formula}), seed {seed}", peaks.Radiation, grid, counts);
    }

    /// <summary>The <c>--max-reflections</c> option of simulate and dataset build.</summary>
    internal static Option<long> MaxReflectionsOption() => new("--max-reflections")
    {
        Description = $"Refuse a structure with more than this many reflections in the 2θ range, estimated as 4π/3·V/d_min³ before any work (0 = no limit; default {ReflectionLimit.DefaultMaxReflections})",
        DefaultValueFactory = _ => ReflectionLimit.DefaultMaxReflections,
    };

    /// <summary>Runs a calculation on a structure read from a file; a refusal names the file and block.</summary>
    private static T At<T>(StructureReadResult read, Func<T> work)
    {
        try { return work(); }
        catch (DiffractionException e) when (e.Location.File is null)
        {
            throw new DiffractionException(e.Reason, new Crystallography.SourceLocation(read.File, read.Block), e);
        }
    }

    private static StructureReadResult ReadStructure(string path, string? block, StructureReadOptions options)
    {
        StructureReadResult? firstFailure = null;
        foreach (var r in StructureFiles.Read(path, options))
        {
            if (block is not null && !string.Equals(r.Block, block, StringComparison.Ordinal)) continue;
            if (r.Structure is not null) return r;
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
        throw new DiffractionException($"--range '{text}' must be min:max in degrees, e.g. 0:90");
    }

    /// <summary>The --grid option: <see cref="AngleGrid.Parse"/>, its refusals naming the option.</summary>
    internal static AngleGrid ParseGrid(string text)
    {
        try { return AngleGrid.Parse(text); }
        catch (DiffractionException e) { throw new DiffractionException(e.Reason, new Crystallography.SourceLocation(Field: "--grid"), e); }
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
