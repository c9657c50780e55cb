using System.CommandLine;
using System.Globalization;
using System.Text;
using Bravais.Crystallography;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Measured;
using Bravais.Learning;
using Bravais.Learning.Calibration;
using Bravais.Analysis.SearchMatch;
using Spectre.Console;

namespace Bravais.Cli.Commands;

/// <summary>
/// <c>bravais evaluate-measured --model M --labels labels.tsv DIR</c>: scores a measured-pattern model on labelled
/// measured files (labels.tsv: id, spacegroup_number, bravais_lattice[, crystal_system]; file = DIR/id.*):
/// Bravais, crystal-family and space-group accuracy, ECE before/after calibration, accuracy vs coverage when
/// abstaining. <c>--half odd|even</c> scores every other file (tune on one half, report the other).
/// </summary>
public static class MeasuredEvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Measured-pattern model file", Required = true };
        var labels = new Option<string>("--labels") { Description = "labels.tsv with id, spacegroup_number, bravais_lattice", Required = true };
        var folder = new Argument<string>("folder") { Description = "Folder holding the pattern files named by the label ids" };
        var half = new Option<string>("--half") { Description = "all | odd | even (by the number in the id)", DefaultValueFactory = _ => "all" };
        var output = new Option<string?>("--out") { Description = "TSV of per-file predictions (and FILE.curve.tsv: accuracy vs coverage)" };
        var limit = new Option<int>("--limit") { Description = "Score at most this many files (0 = all)", DefaultValueFactory = _ => 0 };
        var dump = new Option<string?>("--neighbours") { Description = "TSV of the nearest references of every file (file, rank, reference, lattice, space group, cosine, d-scale, ranking score, metric change in refinement)" };
        var dumpCount = new Option<int>("--neighbours-count") { Description = "How many references per file --neighbours writes", DefaultValueFactory = _ => 100 };
        var matcher = new Option<string?>("--matcher") { Description = "Experiments: JSON object overriding matcher settings of the model, e.g. '{\"IntensityPower\":0.5}' (the model's temperature is kept)" };
        var command = new Command("evaluate-measured", "Score a measured-pattern model on labelled measured files");
        foreach (var o in new Option[] { model, labels, half, output, limit, dump, dumpCount, matcher }) command.Options.Add(o);
        command.Arguments.Add(folder);
        command.SetAction((parse, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            var m = MeasuredModel.Load(parse.GetValue(model)!);
            if (parse.GetValue(matcher) is { } overrides) m = m.WithMatcher(MatcherOverride(m.Manifest.Matcher, overrides));
            var neighboursPath = parse.GetValue(dump);
            var searchK = neighboursPath is null ? 0 : parse.GetValue(dumpCount);
            var neighbourRows = new StringBuilder("file\trank\treference\tlattice\tspace_group\tcosine\tscale\tscore\tstrain\n");
            var dir = parse.GetValue(folder)!;
            var which = parse.GetValue(half)!.ToLowerInvariant();
            var rows = ReadLabels(parse.GetValue(labels)!)
                .Where(r => which == "all" || (Number(r.Id) % 2 == 1) == (which == "odd")).ToList();
            if (parse.GetValue(limit) > 0) rows = rows.Take(parse.GetValue(limit)).ToList();
            var files = Directory.Exists(dir) ? Directory.GetFiles(dir) : throw new LearningException("folder not found", new(dir));

            var conf = new List<double>(); var confRaw = new List<double>(); var ok = new List<bool>();
            int okFamily = 0, okSystem = 0, okSg = 0, n = 0;
            var perFile = new StringBuilder("file\ttruth\tprediction\tprobability\tspace_group_truth\tspace_group\tcrystal_system_truth\tcrystal_system\treference\tcosine\n");
            AnsiConsole.Progress().Start(ctx =>
            {
                var task = ctx.AddTask("scoring", maxValue: rows.Count);
                foreach (var r in rows)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var file = files.FirstOrDefault(f => Path.GetFileName(f).StartsWith(r.Id + ".", StringComparison.Ordinal));
                    task.Increment(1);
                    if (file is null) { Console.Error.WriteLine($"bravais: no file for {r.Id}"); continue; }
                    MeasuredPrediction p;
                    try { p = m.Predict(MeasuredPatternReader.Read(file), 0, cancellation, searchK); }
                    catch (BravaisException e) { CliErrors.Report(e); continue; }
                    n++;
                    var right = p.Ranked[0] == r.Lattice;
                    ok.Add(right); conf.Add(p.Probabilities[0]); confRaw.Add(p.Uncalibrated[0]);
                    if (Family(p.Ranked[0]) == Family(r.Lattice)) okFamily++;
                    if (p.CrystalSystem == r.System) okSystem++;
                    if (p.SpaceGroup == r.SpaceGroup) okSg++;
                    if (neighboursPath is not null)
                        for (var i = 0; i < p.Neighbours.Length; i++)
                        {
                            var nb = p.Neighbours[i];
                            neighbourRows.Append(FormattableString.Invariant($"{r.Id}\t{i + 1}\t{m.Library.Ids[nb.Entry]}\t{m.Library.Lattices[nb.Entry]}\t{m.Library.SpaceGroups[nb.Entry]}\t{nb.Similarity:0.#####}\t{nb.Scale:0.####}\t{nb.Score:0.#####}\t{nb.Strain:0.#####}\n"));
                        }
                    perFile.Append(FormattableString.Invariant($"{r.Id}\t{r.Lattice}\t{p.Ranked[0]}\t{p.Probabilities[0]:0.####}\t{r.SpaceGroup}\t{p.SpaceGroup}\t{r.System.Name()}\t{p.CrystalSystem.Name()}\t{p.BestReference}\t{p.BestSimilarity:0.###}\n"));
                }
            });
            if (n == 0) { Console.Error.WriteLine("bravais: nothing scored"); return CliErrors.NothingRead; }
            string Pct(double x) => (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%";
            var accuracy = ok.Count(b => b) / (double)n;
            AnsiConsole.MarkupLine($"{n} files ({which}): Bravais {Pct(accuracy)}, crystal system {Pct(okSystem / (double)n)}, crystal family {Pct(okFamily / (double)n)}, space group {Pct(okSg / (double)n)}");
            AnsiConsole.MarkupLine($"ECE (15 bins): uncalibrated {Pct(CalibrationError.Expected(confRaw, ok))} → calibrated (T = {m.Manifest.Calibration.Temperature.ToString("0.###", CultureInfo.InvariantCulture)}) {Pct(CalibrationError.Expected(conf, ok))}");
            var thresholds = new[] { 0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 };
            var table = new Table().Title("accuracy vs coverage (abstain below threshold)").AddColumns("--abstain", "coverage", "Bravais accuracy");
            var curve = CalibrationError.AccuracyVersusCoverage(conf, ok, thresholds);
            foreach (var (t, c, a) in curve) table.AddRow(t.ToString("0.0", CultureInfo.InvariantCulture), Pct(c), double.IsNaN(a) ? "–" : Pct(a));
            AnsiConsole.Write(table);
            if (neighboursPath is not null) File.WriteAllText(neighboursPath, neighbourRows.ToString());
            if (parse.GetValue(output) is { } outPath)
            {
                File.WriteAllText(outPath, perFile.ToString());
                File.WriteAllLines(outPath + ".curve.tsv", ["threshold\tcoverage\taccuracy", .. curve.Select(x => FormattableString.Invariant($"{x.Threshold}\t{x.Coverage:0.####}\t{x.Accuracy:0.####}"))]);
            }
            return CliErrors.Ok;
        })));
        return command;
    }

    /// <summary>The model's matcher settings with the properties named in a JSON object replaced.</summary>
    public static MatcherOptions MatcherOverride(MatcherOptions current, string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(current, MeasuredModel.Json))!.AsObject();
        System.Text.Json.Nodes.JsonObject patch;
        try { patch = System.Text.Json.Nodes.JsonNode.Parse(json)?.AsObject() ?? throw new LearningException("--matcher needs a JSON object"); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException) { throw new LearningException($"--matcher is not a JSON object: {e.Message}"); }
        foreach (var (key, value) in patch)
        {
            if (!node.ContainsKey(key)) throw new LearningException($"--matcher: unknown setting '{key}' (known: {string.Join(", ", node.Select(p => p.Key))})");
            node[key] = value?.DeepClone();
        }
        return System.Text.Json.JsonSerializer.Deserialize<MatcherOptions>(node.ToJsonString(), MeasuredModel.Json)!;
    }

    /// <summary>A labelled file; <see cref="System"/> is the labels' crystal_system column, else the system of the space group.</summary>
    private sealed record Row(string Id, BravaisLattice Lattice, int SpaceGroup, CrystalSystem System);

    /// <summary>Trigonal and hexagonal share a family (the labels call every hP "hexagonal").</summary>
    private static CrystalSystem Family(BravaisLattice l) => l.FamilySystem() is CrystalSystem.Trigonal ? CrystalSystem.Hexagonal : l.FamilySystem();

    private static int Number(string id) => int.TryParse(new string(id.Where(char.IsDigit).ToArray()), NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) ? k : 0;

    private static List<Row> ReadLabels(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new LearningException("empty labels file", new(path));
        var header = lines[0].Split('\t');
        int id = Array.IndexOf(header, "id"), sg = Array.IndexOf(header, "spacegroup_number"), bl = Array.IndexOf(header, "bravais_lattice"), cs = Array.IndexOf(header, "crystal_system");
        if (id < 0 || sg < 0 || bl < 0) throw new LearningException("labels need columns id, spacegroup_number, bravais_lattice", new(path, Line: 1));
        var rows = new List<Row>();
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split('\t');
            if (f.Length <= Math.Max(id, Math.Max(sg, bl))) continue;
            if (!BravaisLattices.TryParse(f[bl], out var lattice) || !int.TryParse(f[sg], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 230)
                throw new LearningException($"bad label row '{lines[i]}'", new(path, Line: i + 1));
            var system = CrystalSystems.FromSpaceGroupNumber(number);
            if (cs >= 0 && cs < f.Length && f[cs].Length > 0 && !CrystalSystems.TryParse(f[cs], out system))
                throw new LearningException($"unknown crystal system '{f[cs]}'", new(path, Line: i + 1, Field: "crystal_system"));
            rows.Add(new Row(f[id], lattice, number, system));
        }
        return rows;
    }
}
