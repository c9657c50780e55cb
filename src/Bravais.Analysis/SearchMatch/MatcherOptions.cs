using System.Text.Json.Serialization;
using Bravais.Diffraction;
using Bravais.Diffraction.Patterns;

namespace Bravais.Analysis.SearchMatch;

/// <summary>
/// Settings of the reference-pattern matcher (recorded in the model manifest): the comparison <see cref="Instrument"/>
/// (radiation, 2θ grid, and the common Gaussian peak width σ both sides are rendered with), the trial d-spacing
/// scales (1 + ScaleMin … 1 + ScaleMax in ScaleStep) that absorb the ~1–3 % cell differences between calculated
/// (DFT) and measured crystals, the number of neighbours that vote, and the vote temperature.
/// <see cref="IntensityPower"/> p compares I^p instead of I on both sides (p &lt; 1 is robust to preferred
/// orientation and intensity errors; references are then rendered with σ/√p, the width of a σ-Gaussian raised to p).
/// <see cref="RelativeTolerance"/> ε widens the references' peaks with angle, σ_ref² = σ_ref² + (2 tanθ ε)² (radians →
/// degrees), for the anisotropic part of the cell mismatch that one common d-scale cannot absorb.
/// <see cref="SymmetryPreference"/> λ adds λ·ln(point-group order) to a reference's cosine when ranking and voting
/// (see <see cref="PatternMatcher.SymmetryPreference"/>).
/// <see cref="RefineCandidates"/> M &gt; 0 refines the cells of the M best references against the query within their
/// lattice symmetry (<see cref="CellRefinement"/>: relative metric change at most <see cref="RefineMaxStrain"/>, compass
/// steps from <see cref="RefineStep"/>, refined references drawn with tolerance <see cref="RefinedTolerance"/>) and re-ranks
/// them, less <see cref="FreeParameterPenalty"/> per free metric parameter beyond the first (a lower-symmetry reference has
/// more freedom to fit, so it must fit better by more than that to win); 0 leaves the search ranking as it is.
/// Refinement needs a library built with cells (library format 2, model format 3).
/// </summary>
public sealed record MatcherOptions(
    double ScaleMin = -0.04,
    double ScaleMax = 0.03,
    double ScaleStep = 0.0025,
    int Neighbours = 20,
    double VoteTemperature = 0.01,
    double IntensityPower = 1.0,
    double RelativeTolerance = 0.003,
    double SymmetryPreference = 0.004,
    int RefineCandidates = 60,
    double RefineMaxStrain = 0.03,
    double RefineStep = 0.004,
    double RefinedTolerance = 0.003,
    double FreeParameterPenalty = 0.005)
{
    /// <summary>The comparison instrument (default <see cref="Instrument.SearchMatch"/>); its profile must be Gaussian.</summary>
    public Instrument Instrument { get; init; } = Instrument.SearchMatch;

    [JsonIgnore] public AngleGrid Grid => Instrument.Grid;
    [JsonIgnore] public double SigmaDegrees => Instrument.GaussianSigmaDegrees;

    public double[] Scales()
    {
        var n = (int)Math.Round((ScaleMax - ScaleMin) / ScaleStep) + 1;
        return Enumerable.Range(0, n).Select(i => 1 + ScaleMin + i * ScaleStep).ToArray();
    }

    /// <summary>These settings with the properties named in a JSON object replaced (experiments: <c>evaluate --matcher</c>); an unknown name is refused.</summary>
    public MatcherOptions WithOverrides(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(this, MeasuredModel.Json))!.AsObject();
        System.Text.Json.Nodes.JsonObject patch;
        try { patch = System.Text.Json.Nodes.JsonNode.Parse(json)?.AsObject() ?? throw new AnalysisException("--matcher needs a JSON object"); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException) { throw new AnalysisException($"--matcher is not a JSON object: {e.Message}"); }
        foreach (var (key, value) in patch)
        {
            if (!node.ContainsKey(key)) throw new AnalysisException($"--matcher: unknown setting '{key}' (known: {string.Join(", ", node.Select(p => p.Key))})");
            node[key] = value?.DeepClone();
        }
        return System.Text.Json.JsonSerializer.Deserialize<MatcherOptions>(node.ToJsonString(), MeasuredModel.Json)!;
    }
}
