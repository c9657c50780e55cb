namespace Bravais.Analysis.Indexing;

/// <summary>
/// Finds the smallest cell that indexes the same lines. When every indexed line can be given an hkl with
/// v·hkl ≡ 0 (mod p) for some v (p = 2: the seven index-2 sublattices, among them the A, B, C and I conditions and
/// the halvings of one axis; p = 3: the thirteen index-3 sublattices, among them the two rhombohedral conditions),
/// the observed reflections all lie on a sublattice of the reciprocal lattice, so the true cell is p times smaller.
/// A few lines may break the condition (impurity lines a large cell indexes by accident); they become unindexed.
/// Repeated until no condition holds: F centring takes two steps. Only hkl within the fit's own accuracy of a line
/// count, so dense calculated patterns of large cells do not pass a condition by accident. A step must predict absent
/// lines (fewer distinct calculated Q values): metrically equivalent reflections share their Q, so in a symmetric cell
/// almost every line has some member on any sublattice, and a smaller, less symmetric cell that gives the same Q
/// values explains nothing more — the symmetric description is kept. (R centring of a hexagonal cell does lower the
/// symmetry, but it removes two lines in three.)
/// </summary>
public static class SublatticeReduction
{
    private static readonly int[][] Index2 = ProjectivePoints(2);
    private static readonly int[][] Index3 = ProjectivePoints(3);

    /// <summary>The sublattices tried, largest index first: index 4 (two independent parity conditions: F and its relatives), 3, 2.</summary>
    private static readonly List<((int[] V, int P)[] Conditions, int[] Transform)> Steps = BuildSteps();

    private static List<((int[] V, int P)[], int[])> BuildSteps()
    {
        var steps = new List<((int[] V, int P)[], int[])>();
        var seen = new HashSet<string>();
        for (var a = 0; a < Index2.Length; a++)
            for (var b = a + 1; b < Index2.Length; b++)
            {
                var first = Basis(Index2[a], 2);
                // the second condition in the coordinates of the first sublattice: v' = P₁·v
                var v = new int[3];
                for (var i = 0; i < 3; i++) v[i] = Mod(first[3 * i] * Index2[b][0] + first[3 * i + 1] * Index2[b][1] + first[3 * i + 2] * Index2[b][2], 2);
                if (v.All(x => x == 0)) continue;
                var total = NiggliReduction.Apply(first, Basis(v, 2));
                // the same index-4 sublattice comes from three pairs; keep one
                var key = string.Join(",", Index2.Where(w => Satisfies(w, Index2[a], Index2[b])).Select(w => string.Join("", w)));
                if (!seen.Add(key)) continue;
                steps.Add(([(Index2[a], 2), (Index2[b], 2)], total));
            }
        foreach (var v in Index3) steps.Add(([(v, 3)], Basis(v, 3)));
        foreach (var v in Index2) steps.Add(([(v, 2)], Basis(v, 2)));
        return steps;
    }

    /// <summary>Whether condition w (mod 2) is a sum of u and v or one of them: the span of a pair of conditions.</summary>
    private static bool Satisfies(int[] w, int[] u, int[] v) =>
        w.SequenceEqual(u) || w.SequenceEqual(v) || w.SequenceEqual(u.Zip(v, (x, y) => Mod(x + y, 2)).ToArray());

    /// <summary>
    /// Every smaller cell reachable by up to three steps whose conditions the indexed lines satisfy, with at most
    /// <paramref name="maxExceptions"/> lines breaking them in all (a line that broke one step stays out of the later
    /// ones), as reciprocal metrics, distinct lattices only, the given cell first. Each step must predict absent lines.
    /// </summary>
    public static List<Metric> Sublattices(LineData lines, Metric reciprocal, double zero, double displacement,
        IReadOnlyList<int> indexedLines, Func<int, double> toleranceDegrees, int maxExceptions, int maxResults = 8)
    {
        var result = new List<Metric> { reciprocal };
        var fingerprints = new List<double[]> { CandidateRanking.Fingerprint(reciprocal.Inverse()) };
        var frontier = new List<(Metric G, List<int> Remaining, int Budget)> { (reciprocal, indexedLines.ToList(), maxExceptions) };
        var qMax = lines.Q[^1] * 1.02;
        for (var round = 0; round < 3 && frontier.Count > 0 && result.Count < maxResults; round++)
        {
            var next = new List<(Metric, List<int>, int)>();
            foreach (var (g, remaining, budget) in frontier)
            {
                var candidates = Candidates(lines, g, zero, displacement, remaining, toleranceDegrees);
                if (candidates is null) continue;
                var calculated = HklEnumerator.DistinctCount(HklEnumerator.Enumerate(g, qMax), qMax);
                foreach (var (conditions, transform) in Steps)
                {
                    var broken = new List<int>();
                    for (var k = 0; k < candidates.Count && broken.Count <= budget; k++)
                        if (!candidates[k].Any(h => conditions.All(c => Mod(c.V[0] * h[0] + c.V[1] * h[1] + c.V[2] * h[2], c.P) == 0))) broken.Add(k);
                    if (broken.Count > budget) continue;
                    var reduced = g.Transform(transform);
                    if (HklEnumerator.DistinctCount(HklEnumerator.Enumerate(reduced, qMax), qMax) > 0.9 * calculated) continue;
                    var fingerprint = CandidateRanking.Fingerprint(reduced.Inverse());
                    if (fingerprints.Any(f => CandidateRanking.SameLattice(f, fingerprint))) continue;
                    fingerprints.Add(fingerprint);
                    result.Add(reduced);
                    PowderIndexer.Debug($"sublattice {string.Join(",", transform)} from V {1 / g.SqrtDeterminant:0.#}: {broken.Count} lines break it");
                    next.Add((reduced, remaining.Where((_, k) => !broken.Contains(k)).ToList(), budget - broken.Count));
                    if (result.Count >= maxResults) return result;
                }
            }
            frontier = next;
        }
        return result;
    }

    /// <summary>For every indexed line, the hkl within tolerance (null when a line has none).</summary>
    private static List<List<int[]>>? Candidates(LineData lines, Metric reciprocal, double zero, double displacement, IReadOnlyList<int> indexedLines, Func<int, double> tolerance)
    {
        var qMax = lines.Q[^1] * 1.05 + lines.Slope[^1] * 0.5;
        var reflections = HklEnumerator.Enumerate(reciprocal, qMax);
        if (reflections.Length == 0) return null;
        var result = new List<List<int[]>>(indexedLines.Count);
        foreach (var i in indexedLines)
        {
            var q = lines.QCorrected(i, zero, displacement);
            // the window always reaches the nearest reflection, so a line the fit indexed loosely keeps its own hkl
            var nearest = reflections[HklEnumerator.Nearest(reflections, q)];
            var window = Math.Max(lines.Slope[i] * tolerance(i), 1.2 * Math.Abs(nearest.Q - q));
            var list = new List<int[]>();
            var start = HklEnumerator.Nearest(reflections, q - window);
            for (var j = Math.Max(0, start - 1); j < reflections.Length && reflections[j].Q <= q + window; j++)
                if (Math.Abs(reflections[j].Q - q) <= window) list.Add([reflections[j].H, reflections[j].K, reflections[j].L]);
            if (list.Count == 0) return null;
            result.Add(list);
        }
        return result;
    }

    /// <summary>A basis (rows) of {h : v·h ≡ 0 mod p}: e_j − v_j·e_i (j ≠ i) and p·e_i, with v scaled so that v_i = 1.</summary>
    public static int[] Basis(int[] v, int p)
    {
        var i = Array.FindIndex(v, x => Mod(x, p) != 0);
        var inverse = 1;
        while (Mod(v[i] * inverse, p) != 1) inverse++;
        var w = v.Select(x => Mod(x * inverse, p)).ToArray();
        var rows = new List<int[]>();
        for (var j = 0; j < 3; j++)
        {
            var r = new int[3];
            if (j == i) r[i] = p;
            else { r[j] = 1; r[i] = -w[j]; }
            rows.Add(r);
        }
        var m = rows.SelectMany(r => r).ToArray();
        var det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if (det < 0) for (var k = 0; k < 3; k++) m[k] = -m[k];
        return m;
    }

    private static int Mod(int x, int p) => ((x % p) + p) % p;

    /// <summary>One representative of each line through the origin of (Z/p)³: the conditions of the index-p sublattices.</summary>
    private static int[][] ProjectivePoints(int p)
    {
        var list = new List<int[]>();
        for (var a = 0; a < p; a++)
            for (var b = 0; b < p; b++)
                for (var c = 0; c < p; c++)
                {
                    if (a == 0 && b == 0 && c == 0) continue;
                    var first = a != 0 ? a : b != 0 ? b : c;
                    if (first != 1) continue; // normalised: first non-zero entry 1
                    list.Add([a, b, c]);
                }
        // the familiar conditions first (C, A, B, I, then axis halvings), so ties resolve to the usual description
        return [.. list.OrderBy(v => v.Count(x => x != 0) == 1 ? 1 : 0)];
    }
}
