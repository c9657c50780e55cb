using System.Diagnostics;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Indexing;

/// <summary>
/// The search for cells of one pattern, in phases with shares of the budget:
/// <list type="number">
/// <item>cubic, tetragonal, hexagonal dichotomy, every search line indexed, then one impurity line allowed, then two
/// (cheap: one or two parameters);</item>
/// <item>orthorhombic and monoclinic dichotomy together, shell by shell, every line indexed, while nothing is
/// convincing (its cost grows with about the fifth power of the volume, so large cells are left for later);</item>
/// <item>zone indexing (<see cref="ZoneIndexing"/>), which finds lattices of any symmetry, large monoclinic and
/// triclinic ones included, while nothing is convincing;</item>
/// <item>the orthorhombic and monoclinic dichotomy resumed to larger volumes, then with one and two impurity lines,
/// for the rest of the budget.</item>
/// </list>
/// Each cell found is refined (<see cref="CellFit"/>) and kept when it indexes the search lines but the allowed ones.
/// </summary>
public sealed class IndexingSearch(LineData search, IndexingOptions options, long deadline, CancellationToken cancellation)
{
    /// <summary>Shares of the budget: cheap systems, first orthorhombic/monoclinic pass, zone indexing (cumulative ends).</summary>
    public const double CheapEnd = 0.1, FirstDichotomyEnd = 0.2, ZonesEnd = 0.45;

    /// <summary>How far beyond the line-density estimate the dichotomy goes (missing and overlapping lines make the true cell larger).</summary>
    public const double VolumeFactor = 3;

    /// <summary>M20 from which a cell that indexes all search lines but the allowed impurities ends the search (de Wolff: ≥ 10 is probably right; measured-like data need more).</summary>
    public const double ConvincingM20 = 20;

    /// <summary>What is left of the zero error between the zero shifts tried for zone indexing, allowed for in its relations (degrees 2θ).</summary>
    public const double ZoneZeroAllowanceDegrees = 0.03;

    private readonly List<CellFitResult> _found = [];
    private readonly long _start = Stopwatch.GetTimestamp();

    /// <summary>Impurity lines allowed: at most one in ten, so short lists must be indexed completely.</summary>
    public int MaxUnindexed { get; } = Math.Min(options.MaxUnindexed, search.Count / 10);

    public bool TimedOut { get; private set; }

    public List<CellFitResult> Run()
    {
        var systems = SearchSystem.All.Where(s => s.System >= options.LowestSystem).ToList();
        var cheap = systems.Where(s => s.System is CrystalSystem.Cubic or CrystalSystem.Tetragonal or CrystalSystem.Hexagonal).ToList();
        var expensive = systems.Except(cheap).ToList();
        for (var allowed = 0; allowed <= MaxUnindexed; allowed++)
            foreach (var system in cheap)
                Finish(Shells([system], allowed), Share(CheapEnd));
        var levels = Enumerable.Range(0, MaxUnindexed + 1).Select(allowed => Shells(expensive, allowed)).ToList();
        if (!AnyConvincing()) Finish(levels[0], Share(FirstDichotomyEnd));
        if (!AnyConvincing()) SearchZones(Share(ZonesEnd));
        foreach (var level in levels)
            if (!AnyConvincing()) Finish(level, deadline);
        TimedOut |= Stopwatch.GetTimestamp() > deadline;
        return _found;
    }

    private long Share(double fraction) => Math.Min(deadline, _start + (long)(fraction * options.Seconds * Stopwatch.Frequency));

    private bool AnyConvincing() => _found.Any(f => Convincing(f, MaxUnindexed));

    private bool Convincing(CellFitResult fit, int allowed) =>
        fit.IndexedCount >= search.Count - allowed && FiguresOfMerit.Compute(search, fit).M20 >= ConvincingM20;

    private ShellSearch Shells(IEnumerable<SearchSystem> group, int allowed) => new(group.Select(system => (system,
            Math.Min(options.MaxVolumeAngstrom3, EstimatedVolume(search, system.System) * Multiplicity(system) * VolumeFactor),
            new Dichotomy(system, search, allowed, options.MaxZeroShiftDegrees, options.MaxCellEdgeAngstrom, deadline,
                raw => Accept(raw, allowed)))),
        _found, f => Convincing(f, allowed));

    private void Finish(ShellSearch shells, long until)
    {
        cancellation.ThrowIfCancellationRequested();
        shells.Advance(until);
        PowderIndexer.Debug($"shells to {shells.ReachedVolume:0} Å³ ({(shells.Done ? "done" : "stopped")}): {shells.Nodes} nodes, {_found.Count} cells");
    }

    /// <summary>Refines a cell from a search; keeps it when it indexes the search lines but <paramref name="allowed"/>.</summary>
    private RawSolution? Accept(RawSolution raw, int allowed)
    {
        var model = raw.System.Model;
        // first with a wider window (the box fit is approximate), then at the lines' own tolerance
        var fit = CellFit.Refine(search, model, raw.Parameters, raw.ZeroDegrees, 0, refineZero: true, refineDisplacement: false, toleranceScale: 2);
        if (fit is null || fit.IndexedCount < search.Count - allowed) return null;
        fit = CellFit.Refine(search, model, fit.Parameters, fit.ZeroDegrees, 0, refineZero: true, refineDisplacement: false);
        if (fit is null || fit.IndexedCount < search.Count - allowed) return null;
        if (!_found.Any(f => f.Model == fit.Model && Same(f.Parameters, fit.Parameters))) _found.Add(fit);
        return raw with { Parameters = fit.Parameters, ZeroDegrees = fit.ZeroDegrees };
    }

    private static bool Same(double[] a, double[] b)
    {
        for (var i = 0; i < a.Length; i++)
            if (Math.Abs(a[i] - b[i]) > 1e-4 * Math.Max(Math.Abs(a[i]) + Math.Abs(b[i]), 1e-6)) return false;
        return true;
    }

    /// <summary>
    /// Zone indexing at the order-pair zero estimate or, without one, at zero shifts over the searched range; every
    /// distinct lattice that a quick count finds promising is refined as triclinic.
    /// </summary>
    private void SearchZones(long until)
    {
        var estimate = ZeroEstimate.FromOrders(search, options.MaxZeroShiftDegrees);
        var step = 2 * ZoneZeroAllowanceDegrees;
        var zeros = estimate is double e ? [e]
            : Enumerable.Range(0, 2 * (int)Math.Ceiling(options.MaxZeroShiftDegrees / step) + 1)
                .Select(k => (k % 2 == 1 ? 1 : -1) * ((k + 1) / 2) * step).Where(z => Math.Abs(z) <= options.MaxZeroShiftDegrees + 1e-9).ToArray();
        var tried = new List<double[]>();
        var lattices = 0;
        foreach (var zero in zeros)
        {
            var zones = new ZoneIndexing(search, zero, ZoneZeroAllowanceDegrees, until);
            var list = zones.Zones();
            foreach (var g in zones.Lattices(list))
            {
                lattices++;
                var fingerprint = CandidateRanking.Fingerprint(g.Inverse());
                if (tried.Any(t => CandidateRanking.SameLattice(t, fingerprint, 0.002))) continue;
                tried.Add(fingerprint);
                var (niggli, _) = NiggliReduction.Reduce(g.Inverse());
                var start = niggli.Inverse();
                if (QuickCount(start, zero) < search.Count - MaxUnindexed) continue;
                Accept(new RawSolution(SearchSystem.Triclinic, start.ToArray(), zero), MaxUnindexed);
                if (Stopwatch.GetTimestamp() > until) break;
            }
            PowderIndexer.Debug($"zones at zero {zero:0.###}: {list.Count} zones, {lattices} lattices, {tried.Count} distinct, {_found.Count} cells");
            if (zones.TimedOut || Stopwatch.GetTimestamp() > until) { TimedOut = true; break; }
            if (AnyConvincing()) break;
        }
    }

    /// <summary>How many lines a reciprocal metric indexes at a zero shift, within tolerance plus the zone allowance: a cheap screen before refinement.</summary>
    private int QuickCount(Metric reciprocal, double zero)
    {
        var reflections = HklEnumerator.Enumerate(reciprocal, search.Q[^1] * 1.02 + search.Slope[^1] * 0.3);
        if (reflections.Length == 0) return 0;
        var count = 0;
        for (var i = 0; i < search.Count; i++)
        {
            var q = search.QCorrected(i, zero, 0);
            var j = HklEnumerator.Nearest(reflections, q);
            if (Math.Abs(reflections[j].Q - q) <= search.Slope[i] * (search.ToleranceDegrees[i] + ZoneZeroAllowanceDegrees)) count++;
        }
        return count;
    }

    /// <summary>Centring multiplicity allowed for in the conventional cells the system's search finds (cubic F: 4, C/I: 2, R on hexagonal axes: 3; oF is found through its C-centred monoclinic cell).</summary>
    private static double Multiplicity(SearchSystem system) => system.System switch
    {
        CrystalSystem.Cubic => 4,
        CrystalSystem.Hexagonal => 3,
        _ => 2,
    };

    /// <summary>
    /// The primitive volume the density of lines implies: N lines up to Q_N are about (4π/3)·Q_N^{3/2}·V reciprocal
    /// lattice points divided by the order of the Laue group (2 triclinic … 48 cubic) (Smith 1977).
    /// </summary>
    public static double EstimatedVolume(LineData lines, CrystalSystem system) =>
        lines.Count * LatticeSymmetry.HolohedryOrder(system switch
        {
            CrystalSystem.Cubic => BravaisLattice.cP,
            CrystalSystem.Hexagonal => BravaisLattice.hP,
            CrystalSystem.Trigonal => BravaisLattice.hR,
            CrystalSystem.Tetragonal => BravaisLattice.tP,
            CrystalSystem.Orthorhombic => BravaisLattice.oP,
            CrystalSystem.Monoclinic => BravaisLattice.mP,
            _ => BravaisLattice.aP,
        }) / (4 * Math.PI / 3 * Math.Pow(lines.Q[^1], 1.5));
}
