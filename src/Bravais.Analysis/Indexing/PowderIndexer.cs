using System.Diagnostics;

namespace Bravais.Analysis.Indexing;

/// <summary>
/// Powder indexing of one pattern's peak list: the search (<see cref="IndexingSearch"/>: dichotomy for cubic to
/// monoclinic, zone indexing for any lattice) finds cells; each is refined, reduced to the smallest cell that indexes
/// the lines, Niggli-reduced, typed by its metric symmetry and refined in it (<see cref="CandidateBuilder"/>); equal
/// lattices are merged and the candidates ranked (<see cref="CandidateRanking"/>). A pure function of its input
/// (and of the time budget, which bounds how much is searched).
/// </summary>
public static class PowderIndexer
{
    /// <summary>Ranking floor of the mean line error (degrees 2θ): below it, fits count as equally good.</summary>
    public const double RankingFloorDegrees = 0.01;

    public static IndexingResult Index(IReadOnlyList<ObservedPeak> peaks, IndexingOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= IndexingOptions.Default;
        var clock = Stopwatch.StartNew();
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Seconds * Stopwatch.Frequency);
        var lines = LineData.From(peaks, options.WavelengthAngstrom, options.RefinementLines, options.ToleranceDegrees);
        if (lines.Count < options.MinLines)
            return new IndexingResult(lines.Count, [], $"only {lines.Count} lines found; indexing needs at least {options.MinLines}", clock.Elapsed.TotalSeconds);
        var search = new IndexingSearch(lines.Take(options.SearchLines), options, deadline, cancellation);
        var found = search.Run();
        Debug($"search done: {found.Count} cells, {clock.Elapsed.TotalSeconds:0.00}s{(search.TimedOut ? " (budget spent)" : "")}");

        var candidates = new List<(IndexingCandidate Candidate, double[] Fingerprint)>();
        foreach (var fit in found)
        {
            if (Stopwatch.GetTimestamp() > deadline + Stopwatch.Frequency) break;
            foreach (var built in CandidateBuilder.Build(lines, fit, search.MaxUnindexed, RankingFloorDegrees))
            {
                if (built.Candidate.CrystalSystem < options.LowestSystem) continue;
                var fingerprint = CandidateRanking.Fingerprint(built.PrimitiveDirect);
                var same = candidates.FindIndex(c => CandidateRanking.SameLattice(c.Fingerprint, fingerprint));
                if (same < 0) candidates.Add((built.Candidate, fingerprint));
                else if (built.Candidate.Score > candidates[same].Candidate.Score) candidates[same] = (built.Candidate, fingerprint);
            }
        }
        var ranked = CandidateRanking.Rank(candidates.Select(c => c.Candidate).Where(c => c.M20 >= options.MinM20)).Take(options.MaxCandidates).ToList();
        var reason = ranked.Count > 0 ? null
            : candidates.Count > 0 ? $"no cell with M20 ≥ {options.MinM20} (best {candidates.Max(c => c.Candidate.M20):0.0})"
            : search.TimedOut ? $"no cell found within {options.Seconds:0.#} s"
            : "no cell indexes the lines";
        return new IndexingResult(lines.Count, ranked, reason, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A developer trace of the search (Debug builds only; the call and its message vanish from Release builds).</summary>
    [Conditional("DEBUG")]
    internal static void Debug(string message) => System.Diagnostics.Debug.WriteLine("indexing: " + message);
}
