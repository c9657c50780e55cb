using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bravais.Analysis.Prediction;

namespace Bravais.Cli.Commands;

/// <summary>
/// How <c>predict</c> writes predictions: <c>text</c> (a line per pattern, for people), <c>tsv</c> (<c>file	prediction
/// probability</c>), <c>json</c> (an array of objects, camelCase), <c>csv</c> (Kaggle: <c>id,pred_bravais_lattice</c>, one
/// row per input in input order). <paramref name="Abstain"/> replaces a prediction whose probability is below it by
/// "uncertain"; <paramref name="Probabilities"/> adds the top-k columns to csv and tsv (text and json always list them).
/// </summary>
internal sealed record PredictionOutput(string Format, int Top, double? Abstain, bool Probabilities, string IdColumn)
{
    private static string F(double x, string format = "0.####") => x.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The answer printed for a prediction: its Bravais lattice when it ranks lattices, else its primary class; "uncertain" below the abstention threshold.</summary>
    public (string Label, double Probability) Answer(PatternPrediction p)
    {
        var best = p.BravaisLattices.Count > 0 ? p.BravaisLattices[0] : p.Best;
        return (Abstain is { } t && best.Probability < t ? "uncertain" : best.Label, best.Probability);
    }

    private static string ColumnOf(PredictionLevel level) => level switch
    {
        PredictionLevel.BravaisLattice => "pred_bravais_lattice",
        PredictionLevel.CrystalSystem => "pred_crystal_system",
        _ => "pred_spacegroup",
    };

    public string Header(PredictionLevel primary) => Format switch
    {
        "csv" => $"{IdColumn},{ColumnOf(primary)}" + TopHeader(','),
        "tsv" => $"{IdColumn}\tprediction\tprobability" + TopHeader('\t'),
        _ => "",
    };

    private string TopHeader(char separator) =>
        Probabilities ? string.Concat(Enumerable.Range(1, Top).Select(t => FormattableString.Invariant($"{separator}pred_{t}{separator}prob_{t}"))) : "";

    /// <summary>One line for csv, tsv and text (json is written whole by <see cref="Json"/>).</summary>
    public string Line(PatternPrediction p)
    {
        switch (Format)
        {
            case "csv":
            {
                var ranked = p.At(p.Primary);
                var label = Abstain is { } t && ranked[0].Probability < t ? "uncertain" : ranked[0].Label;
                var line = new StringBuilder(Quote(p.Source)).Append(',').Append(label);
                if (Probabilities)
                    foreach (var c in ranked.Take(Top)) line.Append(',').Append(c.Label).Append(',').Append(F(c.Probability, "0.#####"));
                return line.ToString();
            }
            case "tsv":
            {
                var (label, probability) = Answer(p);
                var line = new StringBuilder($"{p.Source}\t{label}\t{F(probability)}");
                if (Probabilities)
                    foreach (var c in p.At(p.BravaisLattices.Count > 0 ? PredictionLevel.BravaisLattice : p.Primary).Take(Top)) line.Append('\t').Append(c.Label).Append('\t').Append(F(c.Probability));
                return line.ToString();
            }
            default:
            {
                var (label, _) = Answer(p);
                var ranked = string.Join(", ", p.At(p.BravaisLattices.Count > 0 ? PredictionLevel.BravaisLattice : p.Primary).Take(Top).Select(c => $"{c.Label} {F(100 * c.Probability, "0.0")}%"));
                var line = new StringBuilder($"{p.Source}: {label}  [{ranked}]");
                if (p.SpaceGroup is { } sg) line.Append($"  space group {sg} ({p.CrystalSystem?.ToString().ToLowerInvariant()}");
                else if (p.CrystalSystems.Count > 0) line.Append($"  ({p.CrystalSystems[0].Label}");
                if (p.Evidence.SearchMatch is { } sm)
                    line.Append(FormattableString.Invariant($"; closest reference {sm.Best.Id}, cosine {sm.Best.Cosine:0.000}, d×{sm.Best.DScale:0.000}, cell refined by {100 * sm.Best.CellChange:0.0}%"));
                if (p.SpaceGroup is not null || p.CrystalSystems.Count > 0) line.Append(')');
                return line.ToString();
            }
        }
    }

    /// <summary>The json array of every prediction.</summary>
    public string Json(IEnumerable<PatternPrediction> predictions)
    {
        var array = new JsonArray();
        foreach (var p in predictions) array.Add(Object(p));
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private JsonObject Object(PatternPrediction p)
    {
        var (label, probability) = Answer(p);
        var o = new JsonObject
        {
            [IdColumn] = p.Source,
            ["prediction"] = label,
            ["probability"] = Math.Round(probability, 4),
            ["top"] = new JsonArray(p.BravaisLattices.Take(Top).Select(c => (JsonNode)new JsonObject { ["lattice"] = c.Label, ["probability"] = Math.Round(c.Probability, 4) }).ToArray()),
            ["spaceGroup"] = p.SpaceGroup,
            ["crystalSystem"] = p.CrystalSystem?.ToString().ToLowerInvariant(),
        };
        if (p.Evidence.SearchMatch is { } sm)
        {
            o["closestReference"] = sm.Best.Id;
            o["cosine"] = Math.Round(sm.Best.Cosine, 4);
            o["dScale"] = Math.Round(sm.Best.DScale, 4);
            o["cellChange"] = Math.Round(sm.Best.CellChange, 4);
        }
        if (p.Evidence.Cleaned is { } cleaned)
        {
            o["coveredDegrees"] = cleaned.CoveredRangeDegrees is { } c ? new JsonArray(c.From, c.To) : null;
            o["preprocessing"] = new JsonArray(cleaned.Steps.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
        }
        o["levels"] = new JsonObject
        {
            ["bravaisLattice"] = Ranked(p.BravaisLattices),
            ["crystalSystem"] = Ranked(p.CrystalSystems),
            ["spaceGroup"] = Ranked(p.SpaceGroups),
        };
        var evidence = new JsonObject();
        if (p.Evidence.SearchMatch is { } s)
            evidence["searchMatch"] = new JsonObject
            {
                ["neighbours"] = new JsonArray(s.Neighbours.Take(Math.Max(Top, 5)).Select(n => (JsonNode)new JsonObject
                {
                    ["reference"] = n.Id, ["lattice"] = n.Lattice.ToString(), ["spaceGroup"] = n.SpaceGroup,
                    ["cosine"] = Math.Round(n.Cosine, 4), ["dScale"] = Math.Round(n.DScale, 4), ["cellChange"] = Math.Round(n.CellChange, 4),
                }).ToArray()),
            };
        if (p.Evidence.Uncalibrated is { } raw) evidence["uncalibrated"] = Ranked(raw);
        o["evidence"] = evidence;
        return o;
    }

    private JsonArray Ranked(IReadOnlyList<ClassProbability> ranked) =>
        new(ranked.Take(Top).Select(c => (JsonNode)new JsonObject { ["label"] = c.Label, ["probability"] = Math.Round(c.Probability, 4) }).ToArray());

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
