using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bravais.Analysis.Prediction;
using Bravais.Analysis.SearchMatch;
using Bravais.Cli.Options;
using Bravais.Crystallography;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Datasets;
using Bravais.Diffraction.Measured;
using Bravais.Learning.Baselines;
using Bravais.Learning.Calibration;
using Bravais.Learning.Metrics;
using Bravais.Learning.Reports;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais evaluate --model M (--data TABLE | --labels labels.tsv PATH...)</c>: any kind of model scored through one
/// path on a labelled table or on labelled measured files (labels.tsv: id, spacegroup_number[, bravais_lattice,
/// crystal_system]; file = PATH/id.*): accuracy at every level the model answers (Bravais lattice, crystal system, crystal
/// family, space group), the primary level's balanced accuracy, macro-F1, top-3, per-class scores and confusions beside
/// chance baselines, the calibration error and accuracy against coverage when abstaining. <c>--half odd|even</c> scores
/// every other file (tune on one half, report the other). <c>evaluate-measured</c> is an alias.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model file (.bravais), any kind", Required = true };
        var data = new Option<string?>("--data") { Description = "A labelled NANO281 table (.csv or .csv.gz), instead of --labels and pattern files" };
        var labels = new Option<string?>("--labels") { Description = "labels.tsv of the pattern files (id, spacegroup_number[, bravais_lattice, crystal_system])" };
        var paths = new Argument<string[]>("paths") { Description = "With --labels: folders or files holding the patterns named by the label ids (id.xy, id.xrdml …)", Arity = ArgumentArity.ZeroOrMore };
        var grid = CommonOptions.Grid("2θ grid of --data's columns (default: the model's when the column count matches)");
        var preset = CommonOptions.Preset("Instrument of --data's columns by name");
        var wavelength = CommonOptions.Wavelength("Radiation of the inputs (overrides file headers; for --data, the table's)");
        var abscissa = new Option<string?>("--abscissa") { Description = "First column of the pattern files: 2theta (default), q or d" };
        var half = new Option<string>("--half") { Description = "all | odd | even (by the number in the id)", DefaultValueFactory = _ => "all" };
        half.AcceptOnlyFromAmong("all", "odd", "even");
        var limit = new Option<int>("--limit") { Description = "Score at most this many patterns (0 = all)", DefaultValueFactory = _ => 0 };
        var report = new Option<string?>("--report") { Description = "Folder for an HTML report with plots" };
        var output = new Option<string?>("--out") { Description = "TSV of per-pattern predictions (and FILE.curve.tsv: accuracy vs coverage)" };
        var seed = CommonOptions.Seed("Seed of the random baselines");
        var threads = CommonOptions.Threads();
        var neighbours = new Option<string?>("--neighbours") { Description = "Search–match models: TSV of the nearest references of every pattern (rank, reference, lattice, space group, cosine, d-scale, score, cell change)" };
        var neighboursCount = new Option<int>("--neighbours-count") { Description = "How many references per pattern --neighbours writes", DefaultValueFactory = _ => 100 };
        var matcher = new Option<string?>("--matcher") { Description = "Search–match models, experiments: JSON object overriding matcher settings, e.g. '{\"IntensityPower\":0.5}' (the model's temperature is kept)" };
        var command = new Command("evaluate", "Score any model on labelled patterns: a labelled table, or measured files with their labels");
        command.Aliases.Add("evaluate-measured");
        foreach (var o in new Option[] { model, data, labels, grid, preset, wavelength, abscissa, half, limit, report, output, seed, threads, neighbours, neighboursCount, matcher }) command.Options.Add(o);
        command.Arguments.Add(paths);
        command.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            LearningOptions.WideWhenRedirected();
            var dataPath = parse.GetValue(data);
            var labelsPath = parse.GetValue(labels);
            var folders = parse.GetValue(paths) ?? [];
            if ((dataPath is null) == (labelsPath is null)) throw new BravaisException("give --data TABLE, or --labels labels.tsv with the pattern folders or files");
            if (dataPath is not null && folders.Length > 0) throw new BravaisException("pattern paths go with --labels; --data scores the rows of its table");
            if (labelsPath is not null && folders.Length == 0) throw new BravaisException("--labels needs the folders or files that hold the patterns");
            if (dataPath is null && (parse.GetValue(grid) ?? parse.GetValue(preset)) is not null)
                throw new BravaisException("--grid and --preset state the 2θ of --data's columns; measured files carry their own 2θ");
            if (dataPath is not null && parse.GetValue(abscissa) is not null) throw new BravaisException("--abscissa describes pattern files; a table's columns are on a 2θ grid (--grid, --preset)");

            var predictor = ModelFile.Load(parse.GetValue(model)!);
            if (parse.GetValue(matcher) is { } overrides)
                predictor = predictor is SearchMatchPredictor sm
                    ? new SearchMatchPredictor(sm.Model.WithMatcher(sm.Model.Manifest.Matcher.WithOverrides(overrides)))
                    : throw new BravaisException("--matcher changes a search–match model's settings; this model is a " + predictor.Summary.Kind);
            var neighboursPath = parse.GetValue(neighbours);
            if (neighboursPath is not null && predictor is not SearchMatchPredictor) throw new BravaisException("--neighbours lists the references of a search–match model; this model is a " + predictor.Summary.Kind);
            var options = new PredictOptions(Top: 3, parse.GetValue(threads), neighboursPath is null ? 0 : parse.GetValue(neighboursCount));
            var radiation = CommonOptions.ParseWavelength(parse.GetValue(wavelength));
            var which = parse.GetValue(half)!;
            var cases = new List<(StructureLabel Truth, Func<PatternInput> Input)>();
            string source;
            if (dataPath is not null)
            {
                source = dataPath;
                var (table, rows) = PatternInputs.ReadRows(dataPath, CommonOptions.DataInstrument(parse.GetValue(preset), parse.GetValue(grid), radiation), predictor.Summary.Instrument, cancellation);
                if (!table.HasSpaceGroups && !table.HasBravaisLattices) throw new BravaisException("the table has neither spacegroup_number nor Bravais_lattice: nothing to score against", new(dataPath));
                for (var i = 0; i < rows.Length; i++)
                {
                    var sg = table.HasSpaceGroups ? table.SpaceGroupNumbers[i] : 0;
                    var lattice = table.HasBravaisLattices ? table.BravaisLattices[i] : SpaceGroups.ByNumber(sg).BravaisLattice;
                    var row = rows[i];
                    cases.Add((new StructureLabel(row.Source, sg, lattice, sg > 0 ? CrystalSystems.FromSpaceGroupNumber(sg) : lattice.FamilySystem()), () => row));
                }
            }
            else
            {
                source = labelsPath!;
                var files = PatternInputs.Expand(folders);
                var read = new MeasuredReadOptions(radiation, parse.GetValue(abscissa) is { } a ? Abscissas.Parse(a) : null);
                foreach (var label in LabelsTable.Read(labelsPath!))
                {
                    var file = files.FirstOrDefault(f => Path.GetFileName(f).StartsWith(label.Id + ".", StringComparison.Ordinal));
                    if (file is null) { Console.Error.WriteLine($"bravais: {labelsPath}: no pattern file for {label.Id}"); continue; }
                    cases.Add((label, () => PatternInputs.Read(file, read)));
                }
            }
            cases = cases.Where(c => which == "all" || (Number(c.Truth.Id) % 2 == 1) == (which == "odd")).ToList();
            if (parse.GetValue(limit) > 0) cases = cases.Take(parse.GetValue(limit)).ToList();

            var scored = new List<(StructureLabel Truth, PatternPrediction Prediction)>();
            var watch = Stopwatch.StartNew();
            AnsiConsole.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("scoring", maxValue: Math.Max(1, cases.Count));
                foreach (var (truth, input) in cases)
                {
                    cancellation.ThrowIfCancellationRequested();
                    task.Increment(1);
                    try { scored.Add((truth, predictor.Predict(input(), options, cancellation))); }
                    catch (BravaisException e) { CliErrors.Report(e); }
                }
            });
            var perSecond = scored.Count / Math.Max(1e-9, watch.Elapsed.TotalSeconds);
            if (scored.Count == 0) { Console.Error.WriteLine("bravais: nothing scored"); return CliErrors.NothingRead; }
            var evaluation = PredictionEvaluation.Of(predictor.Summary, scored);
            EvaluationOutput.Print(evaluation, which, perSecond, parse.GetValue(seed));
            if (neighboursPath is not null) AtomicFile.WriteAllText(neighboursPath, EvaluationOutput.NeighbourRows(evaluation));
            if (parse.GetValue(output) is { } outPath)
            {
                AtomicFile.WriteAllText(outPath, EvaluationOutput.PerPatternRows(evaluation));
                AtomicFile.WriteAllText(outPath + ".curve.tsv", EvaluationOutput.CurveRows(evaluation));
            }
            if (parse.GetValue(report) is { Length: > 0 } reportDir)
            {
                var description = predictor is ClassifierPredictor c ? c.Model.Describe() : predictor.Summary.Description;
                var baselines = Baseline.Evaluate(evaluation.TruthIndex, evaluation.TruthIndex, predictor.Summary.Classes, parse.GetValue(seed));
                AnsiConsole.MarkupLine($"report: {Markup.Escape(HtmlReport.WriteEvaluation(reportDir, predictor.Summary.Kind, description, predictor.Summary.Classes, source, evaluation.Metrics, baselines, perSecond))}");
            }
            return scored.Count < cases.Count ? CliErrors.Failure : CliErrors.Ok;
        })));
        return command;
    }

    private static int Number(string id) => int.TryParse(new string(id.Where(char.IsDigit).ToArray()), NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) ? k : 0;
}
