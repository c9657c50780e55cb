using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Fusion;

/// <summary>
/// The features of each of the 230 space groups for one pattern, the columns a <see cref="FusionModel"/> weighs: the
/// prior frequency of the group, the network's log-probabilities of the group, its lattice and its system, search–match's
/// log-probabilities of the group and its lattice (and the lattice term scaled by how close the best reference is),
/// the log-likelihood of the indexing outcome given the group's lattice, and the log-probability of the group's
/// extinction symbol when the best indexed cell has the group's lattice. An absent source contributes zeros.
/// </summary>
public static class FusionFeatures
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "prior", "neural.space-group", "neural.lattice", "neural.system",
        "search-match.space-group", "search-match.lattice", "search-match.lattice×cosine",
        "indexing.lattice", "extinction.symbol", "extinction.scored",
    ];

    public static int Count => Names.Count;

    private const double NeuralFloor = 1e-6, SearchMatchFloor = 1e-4, ExtinctionFloor = 1e-4;

    /// <summary>Cosine at which search–match's lattice term is taken at its plain weight; better matches count more.</summary>
    public const double CosineCentre = 0.85;

    /// <summary>Writes the 230 × <see cref="Count"/> feature matrix (row-major, one row per space group) into <paramref name="x"/>.</summary>
    public static void Compute(FusionEvidence e, IndexingOutcomes? indexing, ReadOnlySpan<double> logPrior, Span<double> x)
    {
        var k = Count;
        x[..(FusionEvidence.SpaceGroupCount * k)].Clear();
        var outcome = e.IndexingTried && indexing is not null ? indexing.Outcome(e.IndexedLattice, e.IndexedM20) : -1;
        Span<double> outcomeLogLikelihood = stackalloc double[BravaisLattices.All.Count];
        if (outcome >= 0)
            for (var l = 0; l < outcomeLogLikelihood.Length; l++) outcomeLogLikelihood[l] = indexing!.LogLikelihood(outcome, (BravaisLattice)l);
        for (var g = 0; g < FusionEvidence.SpaceGroupCount; g++)
        {
            var row = x.Slice(g * k, k);
            var lattice = SpaceGroupLabels.Lattice(g);
            row[0] = logPrior[g];
            if (e.NeuralSpaceGroups is { } nsg)
            {
                row[1] = Math.Log(Math.Max(nsg[g], NeuralFloor));
                row[2] = Math.Log(Math.Max(e.NeuralLattices![(int)lattice], NeuralFloor));
                row[3] = Math.Log(Math.Max(e.NeuralSystems![(int)SpaceGroupLabels.System(g)], NeuralFloor));
            }
            if (e.SearchMatchLattices is { } sml)
            {
                row[4] = Math.Log(Math.Max(e.SearchMatchSpaceGroups![g], SearchMatchFloor));
                row[5] = Math.Log(Math.Max(sml[(int)lattice], SearchMatchFloor));
                row[6] = (e.SearchMatchCosine - CosineCentre) * row[5];
            }
            if (outcome >= 0) row[7] = outcomeLogLikelihood[(int)lattice];
            if (e.ExtinctionSpaceGroups is { } ext && e.IndexedLattice == lattice)
            {
                row[8] = Math.Log(Math.Max(ext[g], ExtinctionFloor));
                row[9] = 1;
            }
        }
    }

    /// <summary>ln of space-group frequencies counted from labels (half a count added to every group).</summary>
    public static double[] LogPrior(IEnumerable<int> spaceGroupNumbers)
    {
        var counts = new double[FusionEvidence.SpaceGroupCount];
        var total = 0.0;
        foreach (var n in spaceGroupNumbers) { counts[n - 1]++; total++; }
        return counts.Select(c => Math.Log((c + 0.5) / (total + 0.5 * FusionEvidence.SpaceGroupCount))).ToArray();
    }
}
