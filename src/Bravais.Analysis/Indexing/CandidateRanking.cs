namespace Bravais.Analysis.Indexing;

/// <summary>Merging of equal lattices and the order in which candidates are reported.</summary>
public static class CandidateRanking
{
    /// <summary>A candidate within this factor of the best score counts as comparable; among comparable ones the most symmetric comes first.</summary>
    public const double SymmetryPreferenceRatio = 0.7;

    /// <summary>
    /// Best first: repeatedly, of the candidates whose score is within <see cref="SymmetryPreferenceRatio"/> of the best
    /// left, the one of highest holohedry (then score). Lattices whose Q values coincide up to the last line (a cubic
    /// P lattice and the tetragonal lattice of half its volume, pseudo-cells of heavy-atom substructures) cannot be told
    /// apart by positions; the symmetric one is the usual answer.
    /// </summary>
    public static IEnumerable<IndexingCandidate> Rank(IEnumerable<IndexingCandidate> candidates)
    {
        var left = candidates.OrderByDescending(c => c.Score).ToList();
        while (left.Count > 0)
        {
            var threshold = SymmetryPreferenceRatio * left[0].Score;
            var next = left.Where(c => c.Score >= threshold)
                .OrderByDescending(c => LatticeSymmetry.HolohedryOrder(c.BravaisLattice)).ThenByDescending(c => c.Score).First();
            left.Remove(next);
            yield return next;
        }
    }

    /// <summary>Sorted lengths of the 13 shortest lattice vectors (combinations −2…2 of a reduced basis): equal for equal lattices, whatever the cell.</summary>
    public static double[] Fingerprint(Metric primitiveDirect)
    {
        var (g, _) = NiggliReduction.Reduce(primitiveDirect);
        var lengths = new List<double>(124);
        for (var i = -2; i <= 2; i++)
            for (var j = -2; j <= 2; j++)
                for (var k = -2; k <= 2; k++)
                    if ((i, j, k) != (0, 0, 0)) lengths.Add(Math.Sqrt(g.Quadratic(i, j, k)));
        lengths.Sort();
        return [.. lengths.Where((_, n) => n % 2 == 0).Take(13)];
    }

    public static bool SameLattice(double[] a, double[] b, double relative = 0.004)
    {
        for (var i = 0; i < a.Length; i++)
            if (Math.Abs(a[i] - b[i]) > relative * a[i]) return false;
        return true;
    }
}
