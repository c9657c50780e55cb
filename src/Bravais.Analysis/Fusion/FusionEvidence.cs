using Bravais.Analysis.Prediction;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Fusion;

/// <summary>
/// What each source said about one pattern, as plain arrays (space groups indexed 0–229 for numbers 1–230, lattices by
/// <see cref="BravaisLattice"/>, systems by <see cref="CrystalSystem"/>): the neural network's probabilities, the
/// search–match vote with the cosine of its closest reference, and the indexing outcome (the best candidate's lattice
/// and M20, and its extinction-symbol probabilities spread to the space groups they admit). A source that did not run
/// is null (<see cref="IndexingTried"/> false for indexing); an indexing that ran and found nothing has no lattice.
/// This is both the fusion's input and what the fusion trainer caches per development pattern.
/// </summary>
public sealed record FusionEvidence
{
    public const int SpaceGroupCount = 230;

    public double[]? NeuralSpaceGroups { get; init; }
    public double[]? NeuralLattices { get; init; }
    public double[]? NeuralSystems { get; init; }

    public double[]? SearchMatchSpaceGroups { get; init; }
    public double[]? SearchMatchLattices { get; init; }
    public double SearchMatchCosine { get; init; }

    public bool IndexingTried { get; init; }
    public BravaisLattice? IndexedLattice { get; init; }
    public double IndexedM20 { get; init; }

    /// <summary>Per space group: the probability of its extinction symbol under the best candidate (0 where the symbol was not scored or the lattice differs); null when no symbols were scored.</summary>
    public double[]? ExtinctionSpaceGroups { get; init; }

    public bool HasNeural => NeuralSpaceGroups is not null;
    public bool HasSearchMatch => SearchMatchLattices is not null;

    /// <summary>The sources present, as the fusion's profile key (e.g. <c>neural+indexing</c>).</summary>
    public FusionProfile Profile => new(HasNeural, IndexingTried, HasSearchMatch);

    /// <summary>The same evidence with only the sources of <paramref name="profile"/> (a source can be dropped, not added).</summary>
    public FusionEvidence Restrict(FusionProfile profile) => this with
    {
        NeuralSpaceGroups = profile.Neural ? NeuralSpaceGroups : null,
        NeuralLattices = profile.Neural ? NeuralLattices : null,
        NeuralSystems = profile.Neural ? NeuralSystems : null,
        SearchMatchSpaceGroups = profile.SearchMatch ? SearchMatchSpaceGroups : null,
        SearchMatchLattices = profile.SearchMatch ? SearchMatchLattices : null,
        SearchMatchCosine = profile.SearchMatch ? SearchMatchCosine : 0,
        IndexingTried = profile.Indexing && IndexingTried,
        IndexedLattice = profile.Indexing ? IndexedLattice : null,
        IndexedM20 = profile.Indexing ? IndexedM20 : 0,
        ExtinctionSpaceGroups = profile.Indexing ? ExtinctionSpaceGroups : null,
    };

    /// <summary>The evidence of a network's prediction, a search–match prediction and an indexing (each may be null).</summary>
    public static FusionEvidence From(PatternPrediction? neural, PatternPrediction? searchMatch, IReadOnlyList<IndexingEvidence>? indexing)
    {
        var evidence = new FusionEvidence();
        if (neural is not null)
        {
            var sg = SpaceGroupArray(neural.SpaceGroups);
            evidence = evidence with
            {
                NeuralSpaceGroups = sg,
                NeuralLattices = neural.BravaisLattices.Count > 0 ? LatticeArray(neural.BravaisLattices) : LatticesOf(sg),
                NeuralSystems = neural.CrystalSystems.Count > 0 ? SystemArray(neural.CrystalSystems) : SystemsOf(sg),
            };
        }
        if (searchMatch is not null)
        {
            evidence = evidence with
            {
                SearchMatchSpaceGroups = SpaceGroupArray(searchMatch.SpaceGroups),
                SearchMatchLattices = LatticeArray(searchMatch.BravaisLattices),
                SearchMatchCosine = searchMatch.Evidence.SearchMatch?.Best.Cosine ?? 0,
            };
        }
        if (indexing is not null)
        {
            var best = indexing.Count > 0 ? indexing[0] : null;
            double[]? extinction = null;
            if (best is not null && best.ExtinctionSymbols.Count > 0)
            {
                extinction = new double[SpaceGroupCount];
                foreach (var choice in best.ExtinctionSymbols)
                    foreach (var g in choice.SpaceGroups)
                        if (g is >= 1 and <= SpaceGroupCount) extinction[g - 1] += choice.Probability;
            }
            evidence = evidence with
            {
                IndexingTried = true,
                IndexedLattice = best is null ? null : BravaisLattices.Parse(best.Lattice),
                IndexedM20 = best?.M20 ?? 0,
                ExtinctionSpaceGroups = extinction,
            };
        }
        return evidence;
    }

    private static double[] SpaceGroupArray(IEnumerable<ClassProbability> ranked)
    {
        var result = new double[SpaceGroupCount];
        foreach (var (label, p) in ranked)
            if (int.TryParse(label, System.Globalization.CultureInfo.InvariantCulture, out var g) && g is >= 1 and <= SpaceGroupCount) result[g - 1] += p;
        return result;
    }

    private static double[] LatticeArray(IEnumerable<ClassProbability> ranked)
    {
        var result = new double[BravaisLattices.All.Count];
        foreach (var (label, p) in ranked)
            if (BravaisLattices.TryParse(label, out var l)) result[(int)l] += p;
        return result;
    }

    private static double[] SystemArray(IEnumerable<ClassProbability> ranked)
    {
        var result = new double[Enum.GetValues<CrystalSystem>().Length];
        foreach (var (label, p) in ranked)
            if (CrystalSystems.TryParse(label, out var s)) result[(int)s] += p;
        return result;
    }

    internal static double[] LatticesOf(double[] spaceGroups)
    {
        var result = new double[BravaisLattices.All.Count];
        for (var g = 0; g < SpaceGroupCount; g++) result[(int)SpaceGroupLabels.Lattice(g)] += spaceGroups[g];
        return result;
    }

    internal static double[] SystemsOf(double[] spaceGroups)
    {
        var result = new double[Enum.GetValues<CrystalSystem>().Length];
        for (var g = 0; g < SpaceGroupCount; g++) result[(int)SpaceGroupLabels.System(g)] += spaceGroups[g];
        return result;
    }
}

/// <summary>Which sources a fusion weighs: the network, the indexing (with extinction symbols) and search–match.</summary>
public readonly record struct FusionProfile(bool Neural, bool Indexing, bool SearchMatch)
{
    public string Key => string.Join('+', new[] { Neural ? "neural" : null, Indexing ? "indexing" : null, SearchMatch ? "search-match" : null }.Where(s => s is not null)) is { Length: > 0 } k ? k : "prior";

    public static FusionProfile Parse(string key)
    {
        var parts = key.Split('+');
        return new(parts.Contains("neural"), parts.Contains("indexing"), parts.Contains("search-match"));
    }

    /// <summary>Every profile with a subset of this one's sources.</summary>
    public IEnumerable<FusionProfile> Subsets()
    {
        foreach (var n in Neural ? new[] { true, false } : [false])
            foreach (var i in Indexing ? new[] { true, false } : [false])
                foreach (var s in SearchMatch ? new[] { true, false } : [false])
                    yield return new FusionProfile(n, i, s);
    }

    public override string ToString() => Key;
}

/// <summary>The lattice and system of each space-group index 0–229 (number − 1), looked up once.</summary>
internal static class SpaceGroupLabels
{
    private static readonly BravaisLattice[] Lattices = Enumerable.Range(1, FusionEvidence.SpaceGroupCount).Select(n => SpaceGroups.ByNumber(n).BravaisLattice).ToArray();
    private static readonly CrystalSystem[] Systems = Enumerable.Range(1, FusionEvidence.SpaceGroupCount).Select(CrystalSystems.FromSpaceGroupNumber).ToArray();

    public static BravaisLattice Lattice(int index) => Lattices[index];
    public static CrystalSystem System(int index) => Systems[index];
}
