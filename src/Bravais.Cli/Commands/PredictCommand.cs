using System.CommandLine;
using System.Text;
using Bravais.Analysis.Prediction;
using Bravais.Cli.Options;
using Bravais.Crystallography;
using Bravais.Crystallography.IO;
using Bravais.Diffraction.Measured;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais predict --model M (--data TABLE | FILE...)</c>: any kind of model (<see cref="ModelFile.Load"/>) on the rows of
/// a NANO281 table or on measured pattern files, through one path. Every option works with both inputs, or is refused
/// with the reason. A file that cannot be read is reported on stderr and skipped; exit 1 when some failed, 2 when none
/// could be used.
/// </summary>
public static class PredictCommand
{
    public static readonly Argument<string[]> Files = new("pattern-files") { Description = "Measured pattern files or folders (.xy .xye .dat .txt .csv [.gz], .xrdml, .gsa/.fxye …); or --data", Arity = ArgumentArity.ZeroOrMore };

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model file (.bravais), any kind", Required = true };
        var data = new Option<string?>("--data") { Description = "A NANO281 table (.csv or .csv.gz) to predict row by row, instead of pattern files" };
        var output = new Option<string?>("--out") { Description = "Write the predictions here (default: standard output; with --data and csv: predictions.csv)" };
        var format = CommonOptions.Format("auto", "auto", "text", "tsv", "json", "csv");
        format.Description = "text | tsv | json | csv (Kaggle); auto: csv with --data, text with files";
        var probabilities = new Option<bool>("--probabilities") { Description = "csv and tsv: add the top-k classes with their probabilities (pred_1,prob_1,…); text and json always list them" };
        var top = CommonOptions.Top();
        var abstain = new Option<double?>("--abstain") { Description = "Print 'uncertain' when the top probability is below this" };
        var wavelength = CommonOptions.Wavelength("Radiation of the inputs (overrides file headers; for --data, the table's)");
        var abscissa = new Option<string?>("--abscissa") { Description = "First column of the pattern files: 2theta (default), q or d" };
        var grid = CommonOptions.Grid("2θ grid of --data's columns (default: the model's when the column count matches)");
        var preset = CommonOptions.Preset("Instrument of --data's columns by name");
        var plot = new Option<string?>("--plot") { Description = "Folder for one PNG per pattern file: measured data, background and cleaned pattern" };
        var threads = CommonOptions.Threads();
        var command = new Command("predict", "Classify patterns (Bravais lattice, crystal system, space group) with any model: measured files or the rows of a table");
        foreach (var o in new Option[] { model, data, output, format, probabilities, top, abstain, wavelength, abscissa, grid, preset, plot, threads }) command.Options.Add(o);
        command.Arguments.Add(Files);
        command.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            var files = parse.GetValue(Files) ?? [];
            var dataPath = parse.GetValue(data);
            if (dataPath is null && files.Length == 0) throw new BravaisException("give measured pattern files, or --data TABLE");
            if (dataPath is not null && files.Length > 0) throw new BravaisException("give --data TABLE or pattern files, not both");
            if (parse.GetValue(top) < 1) throw new BravaisException("--top must be ≥ 1");
            if (parse.GetValue(abstain) is < 0 or > 1) throw new BravaisException("--abstain must be a probability in [0, 1]");
            if (dataPath is null && (parse.GetValue(grid) ?? parse.GetValue(preset)) is not null)
                throw new BravaisException("--grid and --preset state the 2θ of --data's columns; measured files carry their own 2θ");
            if (dataPath is not null && parse.GetValue(abscissa) is not null) throw new BravaisException("--abscissa describes pattern files; a table's columns are on a 2θ grid (--grid, --preset)");
            if (dataPath is not null && parse.GetValue(plot) is not null) throw new BravaisException("--plot draws measured files (data, background, cleaned pattern); --data rows have none of these");

            var predictor = ModelFile.Load(parse.GetValue(model)!);
            var radiation = CommonOptions.ParseWavelength(parse.GetValue(wavelength));
            var formatName = parse.GetValue(format) is "auto" or null ? (dataPath is null ? "text" : "csv") : parse.GetValue(format)!;
            var options = new PredictOptions(parse.GetValue(top), parse.GetValue(threads));
            var outPath = parse.GetValue(output) ?? (dataPath is not null && formatName == "csv" ? "predictions.csv" : null);
            var predictions = new List<PatternPrediction>();
            var failures = 0;
            string idColumn;
            if (dataPath is not null)
            {
                var instrument = CommonOptions.DataInstrument(parse.GetValue(preset), parse.GetValue(grid), radiation);
                var (table, rows) = PatternInputs.ReadRows(dataPath, instrument, predictor.Summary.Instrument, cancellation);
                try { predictions.AddRange(predictor.PredictRows(rows, options, cancellation)); }
                catch (BravaisException e) when (e.Location.File != dataPath) { throw new BravaisException(e.Reason, new(dataPath), e); }
                idColumn = table.IdColumn;
            }
            else
            {
                idColumn = "file";
                var read = new MeasuredReadOptions(radiation, parse.GetValue(abscissa) is { } a ? Abscissas.Parse(a) : null);
                var plotDir = parse.GetValue(plot);
                if (plotDir is not null) Directory.CreateDirectory(plotDir);
                var paths = PatternInputs.Expand(files);
                foreach (var file in paths)
                {
                    cancellation.ThrowIfCancellationRequested();
                    try
                    {
                        var p = predictor.Predict(PatternInputs.Read(file, read), options, cancellation);
                        predictions.Add(p);
                        if (plotDir is not null) MeasuredPatternPlot.Write(Path.Combine(plotDir, Path.GetFileName(file) + ".png"), p, new PredictionOutput(formatName, 1, parse.GetValue(abstain), false, idColumn).Answer(p).Label);
                    }
                    catch (BravaisException e) { CliErrors.Report(e); failures++; }
                }
                if (failures == paths.Count) return CliErrors.NothingRead;
            }
            var writer = new PredictionOutput(formatName, parse.GetValue(top), parse.GetValue(abstain), parse.GetValue(probabilities), idColumn);
            var text = new StringBuilder();
            if (formatName == "json") text.AppendLine(writer.Json(predictions));
            else
            {
                if (writer.Header(predictor.Summary.Primary) is { Length: > 0 } header) text.AppendLine(header);
                foreach (var p in predictions) text.AppendLine(writer.Line(p));
            }
            if (outPath is null) Console.Out.Write(text.ToString());
            else
            {
                AtomicFile.WriteAllText(outPath, text.ToString());
                Console.Error.WriteLine($"bravais: wrote {predictions.Count} predictions to {outPath}");
            }
            return failures > 0 ? CliErrors.Failure : CliErrors.Ok;
        })));
        return command;
    }
}
