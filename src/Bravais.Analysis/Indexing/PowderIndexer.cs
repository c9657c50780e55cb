using System.Diagnostics;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Indexing;

/// <summary>
/// Powder indexing of one pattern's peak list: exhaustive dichotomy from cubic to monoclinic in volume shells,
/// then (when nothing convincing is found) the triclinic zone search; every cell found is refined, reduced to its
/// primitive cell by the reflections it actually indexes, Niggli-reduced, typed by its metric symmetry, refined in
/// that symmetry and scored; equivalent cells are merged and the candidates ranked.
/// </summary>
public static class PowderIndexer
{
    public static IndexingResult Index(IReadOnlyList<ObservedPeak> peaks, IndexingOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= IndexingOptions.Default;
        var clock = Stopwatch.StartNew();
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Seconds * Stopwatch.Frequency);
        var lines = LineData.From(peaks, options.WavelengthAngstrom, options.RefinementLines, options.ToleranceDegrees);
        if (lines.Count < options.MinLines)
            return new IndexingResult(lines.Count, [], $"only {lines.Count} lines found; indexing needs at least {options.MinLines}", clock.Elapsed.TotalSeconds);
        var search = lines.Take(options.SearchLines);
        // impurity lines allowed: at most one in ten, so short lists must be indexed completely
        var maxUnindexed = Math.Min(options.MaxUnindexed, search.Count / 10);
        var found = new List<CellFitResult>();
        var systems = SearchSystem.All.Where(s => s.System >= options.LowestSystem).ToList();
        var timedOut = false;
        // Phase 1, the cheap systems (cubic, tetragonal, hexagonal): every search line indexed, then one impurity line
        // allowed, then two. Phase 2, orthorhombic and monoclinic, level by level, only while nothing is convincing
        // (they find subcells and pseudo-cells of high-symmetry lattices with an impurity line). Phase 3, triclinic
        // zone indexing, only while nothing is convincing. Each phase has its share of the budget.
        var start = Stopwatch.GetTimestamp();
        long Share(double fraction) => start + (long)(fraction * options.Seconds * Stopwatch.Frequency);
        var triclinic = options.LowestSystem == CrystalSystem.Triclinic;
        var cheap = systems.Where(s => s.System is CrystalSystem.Cubic or CrystalSystem.Tetragonal or CrystalSystem.Hexagonal).ToList();
        var expensive = systems.Except(cheap).ToList();
        bool AnyConvincing() => found.Any(f => Convincing(search, f, maxUnindexed));
        for (var allowed = 0; allowed <= maxUnindexed; allowed++)
            foreach (var system in cheap)
                RunDichotomy(system, allowed, Share(CheapShare));
        var expensiveDeadline = triclinic ? Share(CheapShare + DichotomyShare) : deadline;
        for (var allowed = 0; allowed <= maxUnindexed && !AnyConvincing(); allowed++)
            foreach (var system in expensive)
                if (!AnyConvincing()) RunDichotomy(system, allowed, expensiveDeadline);
        if (triclinic && !AnyConvincing() && Stopwatch.GetTimestamp() < deadline)
            timedOut |= SearchTriclinic(search, maxUnindexed, options, found, deadline);
        Debug($"search done: solutions {found.Count}, {clock.Elapsed.TotalSeconds:0.00}s{(timedOut ? " timed out" : "")}");

        void RunDichotomy(SearchSystem system, int allowed, long phaseDeadline, double maxVolume = double.PositiveInfinity)
        {
            if (Stopwatch.GetTimestamp() > phaseDeadline) { timedOut = true; return; }
            var cap = Math.Min(Math.Min(options.MaxVolumeAngstrom3, maxVolume), EstimatedVolume(search, system.System) * Multiplicity(system) * VolumeFactor);
            var dichotomy = new Dichotomy(system, search, allowed, options.MaxZeroShiftDegrees, options.MaxCellEdgeAngstrom, Math.Min(phaseDeadline, deadline),
                raw => Accept(raw, search, allowed, options, found));
            // volume shells, smallest cells first; one more shell after the first that holds a convincing cell
            var convincingShell = -1;
            var shell = 0;
            for (double low = 0, high = FirstShellVolume; low < cap && !dichotomy.TimedOut; low = high, high *= ShellRatio, shell++)
            {
                dichotomy.Search(low, Math.Min(high, cap));
                if (convincingShell < 0 && found.Any(f => f.Model == system.Model && Convincing(search, f, allowed))) convincingShell = shell;
                if (convincingShell >= 0 && shell >= convincingShell + 1) break;
            }
            Debug($"unindexed {allowed} {system.System} to {cap:0} Å³: nodes {dichotomy.Nodes}, scanned {dichotomy.Scanned}, terminal {dichotomy.Terminal}, local {dichotomy.LocalPassed}, solutions {found.Count}, {clock.Elapsed.TotalSeconds:0.00}s{(dichotomy.TimedOut ? " timed out" : "")}");
            timedOut |= dichotomy.TimedOut;
        }

        var candidates = new List<(IndexingCandidate Candidate, double[] Fingerprint)>();
        foreach (var fit in found)
        {
            if (Stopwatch.GetTimestamp() > deadline + Stopwatch.Frequency) break;
            foreach (var built in CandidateBuilder.Build(lines, fit, maxUnindexed, RankingFloorDegrees))
            {
                var fingerprint = Fingerprint(built.PrimitiveDirect);
                var same = candidates.FindIndex(c => SameLattice(c.Fingerprint, fingerprint));
                if (same < 0) candidates.Add((built.Candidate, fingerprint));
                else if (built.Candidate.Score > candidates[same].Candidate.Score) candidates[same] = (built.Candidate, fingerprint);
            }
        }
        var ranked = Rank(candidates.Select(c => c.Candidate).Where(c => c.M20 >= options.MinM20)).Take(options.MaxCandidates).ToList();
        var reason = ranked.Count > 0 ? null
            : candidates.Count > 0 ? $"no cell with M20 ≥ {options.MinM20} (best {candidates.Max(c => c.Candidate.M20):0.0})"
            : timedOut ? $"no cell found within {options.Seconds:0.#} s"
            : "no cell indexes the lines";
        return new IndexingResult(lines.Count, ranked, reason, clock.Elapsed.TotalSeconds);
    }

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

    /// <summary>Ranking floor of the mean line error (degrees 2θ): below it, fits count as equally good.</summary>
    public const double RankingFloorDegrees = 0.01;

    /// <summary>Sorted lengths of the 13 shortest lattice vectors (combinations −2…2 of a reduced basis): equal for equal lattices, whatever the cell.</summary>
    public static double[] Fingerprint(Metric primitiveDirect)
    {
        var (g, _) = NiggliReduction.Reduce(primitiveDirect);
        var lengths = new List<double>();
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

    /// <summary>Shares of the budget: the cheap systems may use the first, orthorhombic and monoclinic the next (when triclinic follows).</summary>
    public const double CheapShare = 0.15, DichotomyShare = 0.45;

    /// <summary>First volume shell (Å³) and the ratio of successive shell bounds.</summary>
    public const double FirstShellVolume = 120, ShellRatio = 1.5;

    /// <summary>M20 from which a cell that indexes all search lines but the allowed impurities ends the search (de Wolff: ≥ 10 is probably right; measured-like data need more).</summary>
    public const double ConvincingM20 = 20;

    private static bool Convincing(LineData search, CellFitResult fit, int maxUnindexed) =>
        fit.IndexedCount >= search.Count - maxUnindexed && FiguresOfMerit.Compute(search, fit).M20 >= ConvincingM20;

    /// <summary>What is left of the zero error after <see cref="ZeroEstimate"/>, allowed for in the zone relations (degrees 2θ).</summary>
    public const double ZoneZeroAllowanceDegrees = 0.02;

    /// <summary>Zone indexing (<see cref="ZoneIndexing"/>): each distinct lattice refined as triclinic; returns whether the budget ran out.</summary>
    private static bool SearchTriclinic(LineData search, int maxUnindexed, IndexingOptions options, List<CellFitResult> found, long deadline)
    {
        var zero = ZeroEstimate.FromOrders(search, options.MaxZeroShiftDegrees) ?? 0;
        var zones = new ZoneIndexing(search, zero, ZoneZeroAllowanceDegrees, deadline);
        var list = zones.Zones();
        var tried = new List<double[]>();
        var lattices = 0;
        foreach (var g in zones.Lattices(list))
        {
            lattices++;
            var fingerprint = Fingerprint(g.Inverse());
            if (tried.Any(t => SameLattice(t, fingerprint, 0.002))) continue;
            tried.Add(fingerprint);
            var (niggli, _) = NiggliReduction.Reduce(g.Inverse());
            Accept(new RawSolution(SearchSystem.Triclinic, niggli.Inverse().ToArray(), zero), search, maxUnindexed, options, found);
            if (Stopwatch.GetTimestamp() > deadline) break;
        }
        Debug($"zero {zero:0.###}, zones {list.Count}, lattices {lattices}, distinct {tried.Count}");
        return zones.TimedOut || Stopwatch.GetTimestamp() > deadline;
    }

    /// <summary>Refines a terminal box of the dichotomy; keeps it (in <paramref name="found"/>) when it indexes enough lines.</summary>
    private static RawSolution? Accept(RawSolution raw, LineData search, int maxUnindexed, IndexingOptions options, List<CellFitResult> found)
    {
        var model = raw.System.Model;
        // first with a wider window (the box fit is approximate), then at the lines' own tolerance
        var fit = CellFit.Refine(search, model, raw.Parameters, raw.ZeroDegrees, 0, refineZero: true, refineDisplacement: false, toleranceScale: 2);
        if (Environment.GetEnvironmentVariable("BRAVAIS_DEBUG2") is not null) Debug($"accept {raw.System.System} {string.Join(",", raw.Parameters.Select(v => v.ToString("0.00000")))} z {raw.ZeroDegrees:0.000} -> {(fit is null ? "null" : $"{fit.IndexedCount} z {fit.ZeroDegrees:0.000} {string.Join(",", fit.Parameters.Select(v => v.ToString("0.00000")))}")}");
        if (fit is null || fit.IndexedCount < search.Count - maxUnindexed) return null;
        fit = CellFit.Refine(search, model, fit.Parameters, fit.ZeroDegrees, 0, refineZero: true, refineDisplacement: false);
        if (fit is null || fit.IndexedCount < search.Count - maxUnindexed) return null;
        if (!found.Any(f => f.Model == fit.Model && Same(f.Parameters, fit.Parameters))) found.Add(fit);
        return raw with { Parameters = fit.Parameters, ZeroDegrees = fit.ZeroDegrees };
    }

    private static bool Same(double[] a, double[] b)
    {
        for (var i = 0; i < a.Length; i++)
            if (Math.Abs(a[i] - b[i]) > 1e-4 * Math.Max(Math.Abs(a[i]) + Math.Abs(b[i]), 1e-6)) return false;
        return true;
    }

    private static Crystallography.Symmetry.CrystalSystem SystemOf(MetricModel model) =>
        SearchSystem.All.First(s => s.Model == model).System;

    internal static void Debug(string message)
    {
        if (Environment.GetEnvironmentVariable("BRAVAIS_DEBUG") is not null) Console.Error.WriteLine("DEBUG " + message);
    }

    /// <summary>Centring multiplicity allowed for in the conventional cells the system's search finds (cubic F: 4, C/I: 2, R on hexagonal axes: 3; oF is found through its C-centred monoclinic cell).</summary>
    private static double Multiplicity(SearchSystem system) => system.System switch
    {
        CrystalSystem.Cubic => 4,
        CrystalSystem.Hexagonal => 3,
        _ => 2,
    };

    /// <summary>How far beyond the line-density estimate the search goes (missing and overlapping lines make the true cell larger).</summary>
    public const double VolumeFactor = 3;

    /// <summary>
    /// The primitive volume the density of lines implies: N lines up to Q_N are about (4π/3)·Q_N^{3/2}·V reciprocal
    /// lattice points divided by the order of the Laue group (2 triclinic … 48 cubic) (Smith 1977).
    /// </summary>
    public static double EstimatedVolume(LineData lines, Crystallography.Symmetry.CrystalSystem system)
    {
        var laueOrder = system switch
        {
            CrystalSystem.Cubic => 48,
            CrystalSystem.Hexagonal => 24,
            CrystalSystem.Trigonal => 12,
            CrystalSystem.Tetragonal => 16,
            CrystalSystem.Orthorhombic => 8,
            CrystalSystem.Monoclinic => 4,
            _ => 2,
        };
        return lines.Count * laueOrder / (4 * Math.PI / 3 * Math.Pow(lines.Q[^1], 1.5));
    }
}
