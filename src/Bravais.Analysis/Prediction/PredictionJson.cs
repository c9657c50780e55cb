using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bravais.Analysis.Prediction;

/// <summary>
/// How a prediction is shown as JSON: the top <see cref="Top"/> classes per level, <see cref="Abstain"/> (the answer
/// becomes "uncertain" below this probability), and the name of the member that holds the source (<c>file</c> for
/// pattern files, a table's id column for its rows).
/// </summary>
public sealed record PredictionJsonOptions(int Top = 3, double? Abstain = null, string IdColumn = "file");

/// <summary>
/// The one JSON shape of a <see cref="PatternPrediction"/> (camelCase), written by <c>bravais predict --format json</c>
/// and returned by <c>bravais serve</c>'s <c>POST /api/predict</c>: the answer and its probability, the top lattices,
/// space group and crystal system, search–match's closest reference, the cleaning steps, the ranked classes of every
/// level, and the evidence the model has (neighbours, uncalibrated probabilities, found peaks, indexing candidates
/// with their extinction symbols, the network's own ranking). Members a model has no evidence for are left out.
/// </summary>
public static class PredictionJson
{
    /// <summary>Indented, with non-ASCII (2θ, Kα, σ) written as is.</summary>
    public static JsonSerializerOptions WriterOptions { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The answer shown for a prediction: its Bravais lattice when it ranks lattices, else its primary class; "uncertain" below <paramref name="abstain"/>.</summary>
    public static (string Label, double Probability) Answer(PatternPrediction p, double? abstain)
    {
        var best = p.BravaisLattices.Count > 0 ? p.BravaisLattices[0] : p.Best;
        return (abstain is { } t && best.Probability < t ? "uncertain" : best.Label, best.Probability);
    }

    /// <summary>The JSON array of every prediction, as text.</summary>
    public static string Serialize(IEnumerable<PatternPrediction> predictions, PredictionJsonOptions options) =>
        Array(predictions, options).ToJsonString(WriterOptions);

    public static JsonArray Array(IEnumerable<PatternPrediction> predictions, PredictionJsonOptions options) =>
        new(predictions.Select(p => (JsonNode)Object(p, options)).ToArray());

    /// <summary>One prediction as a JSON object.</summary>
    public static JsonObject Object(PatternPrediction p, PredictionJsonOptions options)
    {
        var top = options.Top;
        var (label, probability) = Answer(p, options.Abstain);
        var o = new JsonObject
        {
            [options.IdColumn] = p.Source,
            ["prediction"] = label,
            ["probability"] = R(probability),
            ["top"] = new JsonArray(p.BravaisLattices.Take(top).Select(c => (JsonNode)new JsonObject { ["lattice"] = c.Label, ["probability"] = R(c.Probability) }).ToArray()),
            ["spaceGroup"] = p.SpaceGroup,
            ["crystalSystem"] = p.CrystalSystem?.ToString().ToLowerInvariant(),
        };
        if (p.Evidence.SearchMatch is { } sm)
        {
            o["closestReference"] = sm.Best.Id;
            o["cosine"] = R(sm.Best.Cosine);
            o["dScale"] = R(sm.Best.DScale);
            o["cellChange"] = R(sm.Best.CellChange);
        }
        if (p.Evidence.Cleaned is { } cleaned)
        {
            o["coveredDegrees"] = cleaned.CoveredRangeDegrees is { } c ? new JsonArray(c.From, c.To) : null;
            o["preprocessing"] = new JsonArray(cleaned.Steps.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
        }
        o["levels"] = Levels(p.BravaisLattices, p.CrystalSystems, p.SpaceGroups, top);
        o["evidence"] = Evidence(p.Evidence, top);
        return o;
    }

    private static JsonObject Evidence(PredictionEvidence e, int top)
    {
        var evidence = new JsonObject();
        if (e.SearchMatch is { } s)
            evidence["searchMatch"] = new JsonObject
            {
                ["neighbours"] = new JsonArray(s.Neighbours.Take(Math.Max(top, 5)).Select(n => (JsonNode)new JsonObject
                {
                    ["reference"] = n.Id, ["lattice"] = n.Lattice.ToString(), ["spaceGroup"] = n.SpaceGroup,
                    ["cosine"] = R(n.Cosine), ["dScale"] = R(n.DScale), ["cellChange"] = R(n.CellChange),
                }).ToArray()),
            };
        if (e.Uncalibrated is { } raw) evidence["uncalibrated"] = Ranked(raw, top);
        if (e.Peaks is { } peaks)
            evidence["peaks"] = new JsonArray(peaks.Select(k => (JsonNode)new JsonObject
            {
                ["twoThetaDegrees"] = R(k.TwoThetaDegrees), ["dSpacingAngstrom"] = R(k.DSpacingAngstrom), ["intensity"] = R(k.Intensity),
                ["fwhmDegrees"] = R(k.FwhmDegrees), ["esdDegrees"] = R(k.EsdDegrees),
            }).ToArray());
        if (e.Indexing is { } indexing)
            evidence["indexing"] = new JsonArray(indexing.Take(top).Select(c => (JsonNode)new JsonObject
            {
                ["lattice"] = c.Lattice,
                ["a"] = R(c.A), ["b"] = R(c.B), ["c"] = R(c.C), ["alpha"] = R(c.Alpha), ["beta"] = R(c.Beta), ["gamma"] = R(c.Gamma),
                ["volume"] = R(c.Volume), ["m20"] = R(c.M20), ["fN"] = R(c.FN), ["zeroShiftDegrees"] = R(c.ZeroShiftDegrees),
                ["indexedLines"] = c.IndexedLines, ["peaksUsed"] = c.PeaksUsed,
                ["extinctionSymbols"] = new JsonArray(c.ExtinctionSymbols.Take(top).Select(x => (JsonNode)new JsonObject
                {
                    ["symbol"] = x.Symbol, ["probability"] = R(x.Probability),
                    ["spaceGroups"] = new JsonArray(x.SpaceGroups.Select(g => (JsonNode)JsonValue.Create(g)).ToArray()),
                }).ToArray()),
            }).ToArray());
        if (e.Neural is { } neural) evidence["neural"] = Levels(neural.BravaisLattices, neural.CrystalSystems, neural.SpaceGroups, top);
        return evidence;
    }

    private static JsonObject Levels(IReadOnlyList<ClassProbability> lattices, IReadOnlyList<ClassProbability> systems, IReadOnlyList<ClassProbability> groups, int top) => new()
    {
        ["bravaisLattice"] = Ranked(lattices, top),
        ["crystalSystem"] = Ranked(systems, top),
        ["spaceGroup"] = Ranked(groups, top),
    };

    private static JsonArray Ranked(IReadOnlyList<ClassProbability> ranked, int top) =>
        new(ranked.Take(top).Select(c => (JsonNode)new JsonObject { ["label"] = c.Label, ["probability"] = R(c.Probability) }).ToArray());

    /// <summary>Four decimals; NaN and infinities (which JSON cannot hold) become null.</summary>
    private static JsonNode? R(double x) => double.IsFinite(x) ? JsonValue.Create(Math.Round(x, 4)) : null;
}
