using System.Text.Json;
using System.Text.Json.Serialization;
using Bravais.Crystallography.Symmetry;
using Bravais.Learning.Calibration;

namespace Bravais.Analysis.Fusion;

/// <summary>
/// The fusion of every source into one distribution over the 230 space groups (a conditional logit: each group scores
/// w · x_g with the features x_g of <see cref="FusionFeatures"/>, and a softmax makes them probabilities), from which the
/// Bravais lattice and crystal system are marginals, so the three levels always agree. One weight vector per profile of
/// sources present (<see cref="FusionProfile.Key"/>); a pattern whose profile has none uses the largest fitted subset of
/// its sources (a source is dropped, never invented). The weights are fitted on development patterns by
/// <see cref="FusionTrainer"/>, so they are also the calibration.
/// </summary>
public sealed record FusionModel(
    IReadOnlyDictionary<string, double[]> Weights,
    IndexingOutcomes Outcomes,
    double[] LogPrior,
    FusionTrainingSummary Training)
{
    public const string EntryName = "fusion.json";

    /// <summary>The weights used for evidence of <paramref name="profile"/> and the profile they were fitted for.</summary>
    public (FusionProfile Profile, double[] Weights) WeightsFor(FusionProfile profile)
    {
        foreach (var p in profile.Subsets().OrderByDescending(p => (p.Neural ? 1 : 0) + (p.Indexing ? 1 : 0) + (p.SearchMatch ? 1 : 0)))
            if (Weights.TryGetValue(p.Key, out var w)) return (p, w);
        return (new FusionProfile(false, false, false), PriorOnly());
    }

    /// <summary>P(space group) for index 0–229 (number − 1).</summary>
    public double[] SpaceGroupProbabilities(FusionEvidence evidence)
    {
        var (profile, w) = WeightsFor(evidence.Profile);
        var x = new double[FusionEvidence.SpaceGroupCount * FusionFeatures.Count];
        FusionFeatures.Compute(evidence.Restrict(profile), Outcomes, LogPrior, x);
        var scores = new double[FusionEvidence.SpaceGroupCount];
        Scores(x, w, scores);
        return TemperatureScaling.Softmax(scores, 1);
    }

    /// <summary>Scores w · x_g for every group.</summary>
    public static void Scores(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> scores)
    {
        var k = FusionFeatures.Count;
        for (var g = 0; g < scores.Length; g++)
        {
            var s = 0.0;
            var row = x.Slice(g * k, k);
            for (var j = 0; j < k; j++) s += w[j] * row[j];
            scores[g] = s;
        }
    }

    /// <summary>Sums of the space-group probabilities per Bravais lattice.</summary>
    public static double[] Lattices(ReadOnlySpan<double> spaceGroups) => FusionEvidence.LatticesOf(spaceGroups.ToArray());

    /// <summary>Sums of the space-group probabilities per crystal system.</summary>
    public static double[] Systems(ReadOnlySpan<double> spaceGroups) => FusionEvidence.SystemsOf(spaceGroups.ToArray());

    private static double[] PriorOnly()
    {
        var w = new double[FusionFeatures.Count];
        w[0] = 1;
        return w;
    }

    public void Write(Stream stream) => JsonSerializer.Serialize(stream, this, Json);

    public static FusionModel Read(Stream stream, string source)
    {
        FusionModel? model;
        try { model = JsonSerializer.Deserialize<FusionModel>(stream, Json); }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new AnalysisException($"{EntryName} cannot be read: {e.Message}", new(source, Field: EntryName), e);
        }
        if (model is null || model.LogPrior is not { Length: FusionEvidence.SpaceGroupCount } || model.Weights is null
            || model.Weights.Values.Any(w => w is null || w.Length != FusionFeatures.Count || w.Any(v => !double.IsFinite(v)))
            || model.Outcomes?.Probabilities is not { Length: 14 } table || table.Any(r => r is null || r.Length != IndexingOutcomes.OutcomeCount || r.Any(v => !(v > 0))))
            throw new AnalysisException($"{EntryName} is not a valid fusion model (weights of {FusionFeatures.Count} features per profile, a 230-group prior, a 14-lattice outcome table)", new(source, Field: EntryName));
        return model;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
}

/// <summary>What the fusion was fitted on and how well it did there (development figures, not test figures).</summary>
public sealed record FusionTrainingSummary(string Data, int Patterns, IReadOnlyDictionary<string, double> NllPerProfile, IReadOnlyList<string> FeatureNames, double L2);
