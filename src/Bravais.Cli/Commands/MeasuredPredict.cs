using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;
using Bravais.Learning;
using Bravais.Learning.Measured;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais predict --model M PATTERN_FILE… [--wavelength Å] [--top 3] [--abstain 0.5] [--format text|tsv|json] [--plot DIR]</c>:
/// measured diffractometer files (text columns, gzip, XRDML, GSAS) classified with a measured-pattern model.
/// A file that cannot be read is reported on stderr and skipped; the others are still predicted.
/// Hooked into <see cref="PredictCommand"/> when pattern files are given.
/// </summary>
public static class MeasuredPredict
{
    public static readonly Argument<string[]> Files = new("pattern-files") { Description = "Measured pattern files (.xy .xye .dat .txt .csv [.gz], .xrdml, .gsa/.fxye); instead of --data", Arity = ArgumentArity.ZeroOrMore };
    public static readonly Option<string?> Wavelength = new("--wavelength") { Description = "Wavelength of the pattern files: Å (1.5406) or anode (Cu, CuKa1, Mo); overrides file headers" };
    public static readonly Option<string?> AbscissaOption = new("--abscissa") { Description = "First column of the pattern files: 2theta (default), q or d" };
    public static readonly Option<double?> Abstain = new("--abstain") { Description = "Print 'uncertain' when the top calibrated probability is below this" };
    public static readonly Option<string> Format = new("--format") { Description = "text | tsv | json (pattern files)", DefaultValueFactory = _ => "text" };
    public static readonly Option<string?> Plot = new("--plot") { Description = "Folder for one PNG per pattern file: measured data, background and cleaned pattern" };

    public static IEnumerable<Option> Options() => [Wavelength, AbscissaOption, Abstain, Format, Plot];

    public static int Run(ParseResult parse, string modelPath, string[] files, int top, CancellationToken cancellation, TextWriter? output = null)
    {
        var stdout = output ?? Console.Out;
        var format = parse.GetValue(Format)!.ToLowerInvariant();
        if (format is not ("text" or "tsv" or "json")) throw new LearningException($"--format must be text, tsv or json, got '{format}'");
        if (top < 1) throw new LearningException("--top must be ≥ 1");
        var abstain = parse.GetValue(Abstain);
        if (abstain is < 0 or > 1) throw new LearningException("--abstain must be a probability in [0, 1]");
        var options = new MeasuredReadOptions(
            parse.GetValue(Wavelength) is { } w ? Radiation.Parse(w) : null,
            parse.GetValue(AbscissaOption) is { } a ? Abscissas.Parse(a) : null);
        var plotDir = parse.GetValue(Plot);
        if (plotDir is not null) Directory.CreateDirectory(plotDir);

        if (!MeasuredModel.IsMeasuredModel(modelPath))
            throw new LearningException("pattern files need a measured-pattern model (bravais train --recipe measured); this model was trained on CSV patterns — use --data", new(modelPath));
        var model = MeasuredModel.Load(modelPath);

        var results = new List<(string File, MeasuredPrediction? Prediction)>();
        var failures = 0;
        if (format == "tsv") stdout.WriteLine("file\tprediction\tprobability");
        foreach (var file in files)
        {
            cancellation.ThrowIfCancellationRequested();
            MeasuredPrediction prediction;
            try
            {
                var pattern = MeasuredPatternReader.Read(file, options);
                prediction = model.Predict(pattern, 0, cancellation);
            }
            catch (BravaisException e)
            {
                CliErrors.Report(e);
                failures++;
                continue;
            }
            var label = abstain is { } t && prediction.Probabilities[0] < t ? "uncertain" : prediction.Ranked[0].ToString();
            switch (format)
            {
                case "tsv":
                    stdout.WriteLine(FormattableString.Invariant($"{file}\t{label}\t{prediction.Probabilities[0]:0.####}"));
                    break;
                case "text":
                    var ranked = string.Join(", ", Enumerable.Range(0, Math.Min(top, prediction.Ranked.Length))
                        .Select(i => FormattableString.Invariant($"{prediction.Ranked[i]} {100 * prediction.Probabilities[i]:0.0}%")));
                    stdout.WriteLine(FormattableString.Invariant(
                        $"{file}: {label}  [{ranked}]  space group {prediction.SpaceGroup} ({prediction.CrystalSystem.Name()}; closest reference {prediction.BestReference}, cosine {prediction.BestSimilarity:0.000}, d×{prediction.BestScale:0.000}, cell refined by {100 * prediction.BestStrain:0.0}%)"));
                    break;
                default:
                    results.Add((file, prediction));
                    break;
            }
            if (plotDir is not null) MeasuredPatternPlot.Write(Path.Combine(plotDir, Path.GetFileName(file) + ".png"), prediction, label);
        }
        if (format == "json")
        {
            var json = results.Select(r => new
            {
                file = r.File,
                prediction = abstain is { } t && r.Prediction!.Probabilities[0] < t ? "uncertain" : r.Prediction!.Ranked[0].ToString(),
                probability = Math.Round(r.Prediction!.Probabilities[0], 4),
                top = Enumerable.Range(0, Math.Min(top, r.Prediction.Ranked.Length)).Select(i => new { lattice = r.Prediction.Ranked[i].ToString(), probability = Math.Round(r.Prediction.Probabilities[i], 4) }).ToArray(),
                spaceGroup = r.Prediction.SpaceGroup,
                crystalSystem = r.Prediction.CrystalSystem.Name(),
                closestReference = r.Prediction.BestReference,
                cosine = Math.Round(r.Prediction.BestSimilarity, 4),
                dScale = Math.Round(r.Prediction.BestScale, 4),
                cellChange = Math.Round(r.Prediction.BestStrain, 4),
                coveredDegrees = r.Prediction.Preprocessed.CoveredRangeDegrees is { } c ? new[] { c.From, c.To } : null,
                preprocessing = r.Prediction.Preprocessed.Steps,
            });
            stdout.WriteLine(JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
        }
        if (failures == files.Length) return CliErrors.NothingRead;
        return failures > 0 ? CliErrors.Failure : CliErrors.Ok;
    }
}
