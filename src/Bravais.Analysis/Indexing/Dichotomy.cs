using System.Diagnostics;

namespace Bravais.Analysis.Indexing;

/// <summary>A cell found by a search, before reduction and symmetry analysis: its model parameters and zero shift.</summary>
public sealed record RawSolution(SearchSystem System, double[] Parameters, double ZeroDegrees);

/// <summary>
/// Successive dichotomy (Louër &amp; Louër 1972; Boultif &amp; Louër 1991, 2004 — the method of DICVOL), here in the
/// reciprocal-metric parameters of <see cref="SearchSystem"/>, where Q(hkl) is linear so the range of Q over a
/// parameter box is exact at its corners, with the zero shift z as one more dimension of the box (the observed
/// Q_i − slope_i·z then range over an interval too). A box survives when every search line but at most
/// <c>maxUnindexed</c> lies within tolerance of the Q-range of some reflection; surviving boxes are halved along
/// the dimension that contributes most to the Q-ranges, depth first, until every range is narrower than the
/// tolerance, where a least-squares fit inside the box and then <see cref="CellFit"/> refine it. The reflections
/// that can index each line are inherited from the parent box and only filtered, so deep boxes cost little. Boxes
/// are confined to a volume shell so that small cells are found first. Exhaustive within the bounds and the budget.
/// </summary>
public sealed class Dichotomy
{
    private readonly SearchSystem _system;
    private readonly LineData _lines;
    private readonly int _maxUnindexed;
    private readonly double[] _tolerance;
    private readonly double[] _coefficients;
    private readonly int _p, _n, _z;
    private readonly double _zScale;
    private long _deadline;
    private readonly List<int[]> _buffers = [];
    private readonly List<int[]> _offsets = [];
    private readonly List<double[]> _lo = [], _hi = [];
    private readonly List<RawSolution> _solutions = [];
    private double _volumeLow, _volumeHigh;
    private readonly Func<RawSolution, RawSolution?> _refine;
    private readonly HashSet<(long, long, long, long)> _tried = [];

    public long Nodes { get; private set; }

    /// <summary>A box is terminal when every Q-range is narrower than this many tolerances; the least-squares fit inside it does the rest.</summary>
    public const double TerminalWidth = 2;

    /// <summary>Work counters: candidate entries filtered, terminal boxes, local fits passed.</summary>
    public long Scanned { get; private set; }
    public long Terminal { get; private set; }
    public long LocalPassed { get; private set; }
    public bool TimedOut { get; private set; }

    /// <param name="zeroRangeDegrees">The zero shift searched lies in ±this (degrees 2θ).</param>
    /// <param name="refine">Refines a terminal box's fit; returns the refined solution when it is kept (boxes around it are then not refined again), null otherwise.</param>
    public Dichotomy(SearchSystem system, LineData lines, int maxUnindexed, double zeroRangeDegrees, double maxEdge, long deadlineTimestamp,
        Func<RawSolution, RawSolution?> refine)
    {
        _system = system;
        _lines = lines;
        _maxUnindexed = maxUnindexed;
        _deadline = deadlineTimestamp;
        _refine = refine;
        _p = system.Dimensions;
        _z = _p;
        _n = lines.Count;
        _tolerance = new double[_n];
        for (var i = 0; i < _n; i++) _tolerance[i] = lines.Slope[i] * lines.ToleranceDegrees[i];
        var qLimit = lines.Q[^1] + lines.Slope[^1] * (zeroRangeDegrees + lines.ToleranceDegrees[^1]);
        var (lo, hi) = system.Bounds(qLimit, maxEdge);
        _lo.Add([.. lo, -zeroRangeDegrees]); _hi.Add([.. hi, zeroRangeDegrees]);
        (_coefficients, _) = system.Reflections(lo, qLimit);
        // relative Q-width per degree of zero at the median line: slope/Q = (π/180)·cot θ
        var median = lines.TwoThetaDegrees[_n / 2] * Math.PI / 360;
        _zScale = Math.PI / 180 / Math.Tan(median);
    }

    /// <summary>
    /// Searches cells with volume in [<paramref name="volumeLow"/>, <paramref name="volumeHigh"/>] Å³ until done or
    /// <paramref name="deadlineTimestamp"/> (then <see cref="TimedOut"/>, and the shell must be searched again);
    /// returns the accepted solutions so far.
    /// </summary>
    public IReadOnlyList<RawSolution> Search(double volumeLow, double volumeHigh, long? deadlineTimestamp = null)
    {
        _volumeLow = volumeLow; _volumeHigh = volumeHigh;
        if (deadlineTimestamp is long d) _deadline = d;
        TimedOut = false;
        var count = _coefficients.Length / _p;
        var rootOffsets = new int[_n + 1];
        var root = new int[count * _n];
        for (var i = 0; i < _n; i++)
        {
            rootOffsets[i] = i * count;
            for (var r = 0; r < count; r++) root[i * count + r] = r;
        }
        rootOffsets[_n] = count * _n;
        Visit(0, _lo[0], _hi[0], root, rootOffsets);
        return _solutions;
    }

    private void Visit(int depth, double[] lo, double[] hi, int[] parent, int[] parentOffsets)
    {
        if (TimedOut) return;
        if ((++Nodes & 1023) == 0 && Stopwatch.GetTimestamp() > _deadline) { TimedOut = true; return; }
        var cell = lo.AsSpan(0, _p);
        var cellHi = hi.AsSpan(0, _p);
        if (!_system.Feasible(cell, cellHi)) return;
        var (vMin, vMax) = _system.VolumeRange(cell, cellHi);
        if (vMax < _volumeLow || vMin > _volumeHigh) return;
        if (depth > 250) return;

        while (_buffers.Count <= depth + 1) { _buffers.Add(new int[1024]); _offsets.Add(new int[_n + 1]); }
        var offsets = _offsets[depth + 1];
        var total = parentOffsets[_n];
        if (_buffers[depth + 1].Length < total) _buffers[depth + 1] = new int[Math.Max(total, 2 * _buffers[depth + 1].Length)];
        var buffer = _buffers[depth + 1];
        var unindexed = 0;
        var fine = true;
        var determined = 0;
        var used = 0;
        double zLo = lo[_z], zHi = hi[_z];
        var lastNarrow = false;
        for (var i = 0; i < _n; i++)
        {
            offsets[i] = used;
            var slope = _lines.Slope[i];
            var tol = _tolerance[i];
            // observed Q_i − slope·z over the z-interval, widened by the tolerance
            var low = _lines.Q[i] - slope * zHi - tol;
            var high = _lines.Q[i] - slope * zLo + tol;
            var zWidth = slope * (zHi - zLo);
            for (var c = parentOffsets[i]; c < parentOffsets[i + 1]; c++)
            {
                var r = parent[c];
                var baseIndex = r * _p;
                double qMin = 0, qMax = 0;
                for (var j = 0; j < _p; j++)
                {
                    var coefficient = _coefficients[baseIndex + j];
                    if (coefficient >= 0) { qMin += coefficient * lo[j]; qMax += coefficient * hi[j]; }
                    else { qMin += coefficient * hi[j]; qMax += coefficient * lo[j]; }
                }
                if (qMin > high || qMax < low) continue;
                buffer[used++] = r;
                if (qMax - qMin + zWidth > TerminalWidth * tol) fine = false;
                else if (used == offsets[i] + 1) lastNarrow = true;
            }
            if (used == offsets[i] && ++unindexed > _maxUnindexed) return;
            if (used == offsets[i] + 1 && lastNarrow) determined++;
            lastNarrow = false;
        }
        offsets[_n] = used;
        Scanned += total;

        // Terminal when every range is narrow; earlier when enough lines have one narrow candidate each to fix the
        // cell (parameters + zero + 2): the least-squares fit then settles the rest, and the box is split further
        // only when that fit fails.
        if (fine || determined >= _p + 3)
        {
            Terminal++;
            foreach (var s in _solutions)
                if (Inside(s.Parameters, lo, hi, 2)) return; // a refined solution already covers this box
            if (LocalFit(lo, hi, buffer, offsets) is { } local)
            {
                LocalPassed++;
                // neighbouring terminal boxes fit the same cell: refine each cell once (to 0.1 %)
                if (_tried.Add(Key(local.Parameters)) && _refine(local) is { } refined) _solutions.Add(refined);
                return;
            }
            if (fine) return;
        }

        var split = SplitDimension(lo, hi);
        while (_lo.Count <= depth + 2) { _lo.Add(new double[_p + 1]); _hi.Add(new double[_p + 1]); }
        var childLo = _lo[depth + 1]; var childHi = _hi[depth + 1];
        var mid = 0.5 * (lo[split] + hi[split]);
        for (var half = 0; half < 2; half++)
        {
            Array.Copy(lo, childLo, _p + 1); Array.Copy(hi, childHi, _p + 1);
            if (half == 0) childHi[split] = mid; else childLo[split] = mid;
            Visit(depth + 1, childLo, childHi, buffer, offsets);
            if (TimedOut) return;
        }
    }

    /// <summary>The cell parameter the system would split, or the zero shift when its share of the Q-ranges is larger.</summary>
    private int SplitDimension(double[] lo, double[] hi)
    {
        var cellLo = lo.AsSpan(0, _p); var cellHi = hi.AsSpan(0, _p);
        var j = _system.SplitDimension(cellLo, cellHi);
        var scale = _system.ScaleOf(j);
        var relative = (cellHi[j] - cellLo[j]) / (0.5 * (cellLo[scale] + cellHi[scale]));
        return (hi[_z] - lo[_z]) * _zScale > relative ? _z : j;
    }

    /// <summary>
    /// A quick least-squares fit within a terminal box before the full refinement: each line takes the reflection
    /// whose Q at the box centre is nearest, and the parameters and the zero shift are fitted to those; the box is
    /// dropped when more than the allowed lines then miss their tolerance.
    /// </summary>
    private RawSolution? LocalFit(double[] lo, double[] hi, int[] candidates, int[] offsets)
    {
        var m = _p + 1;
        Span<double> a = stackalloc double[m * m];
        Span<double> b = stackalloc double[m];
        Span<double> row = stackalloc double[m];
        Span<int> chosen = stackalloc int[_n];
        Span<double> current = stackalloc double[m];
        for (var j = 0; j < _p; j++) current[j] = 0.5 * (lo[j] + hi[j]);
        current[_p] = 0.5 * (lo[_z] + hi[_z]);
        // twice: choose the nearest reflections at the box centre, fit; choose again at the fit, fit again
        for (var pass = 0; pass < 2; pass++)
        {
            a.Clear(); b.Clear();
            for (var i = 0; i < _n; i++)
            {
                chosen[i] = -1;
                var best = double.MaxValue;
                var target = _lines.Q[i] - _lines.Slope[i] * current[_p];
                for (var c = offsets[i]; c < offsets[i + 1]; c++)
                {
                    var r = candidates[c];
                    double q = 0;
                    for (var j = 0; j < _p; j++) q += _coefficients[r * _p + j] * current[j];
                    var d = Math.Abs(q - target);
                    if (d < best) { best = d; chosen[i] = r; }
                }
                if (chosen[i] < 0) continue;
                for (var j = 0; j < _p; j++) row[j] = _coefficients[chosen[i] * _p + j];
                row[_p] = _lines.Slope[i];
                var sigma = _tolerance[i];
                var w = 1 / (sigma * sigma);
                for (var x = 0; x < m; x++)
                {
                    b[x] += w * row[x] * _lines.Q[i];
                    for (var y = 0; y < m; y++) a[x * m + y] += w * row[x] * row[y];
                }
            }
            a[m * m - 1] += 1 / (0.1 * 0.1); // weak prior on the zero shift (degrees)
            for (var x = 0; x < m; x++) a[x * m + x] *= 1 + 1e-12;
            if (!Numerics.SymmetricSystem.TrySolve(a, m, b)) return null;
            b.CopyTo(current);
        }
        var missed = 0;
        for (var i = 0; i < _n; i++)
        {
            if (chosen[i] < 0) { missed++; continue; }
            double q = current[_p] * _lines.Slope[i];
            for (var j = 0; j < _p; j++) q += _coefficients[chosen[i] * _p + j] * current[j];
            if (Math.Abs(q - _lines.Q[i]) > 1.5 * _tolerance[i]) missed++;
        }
        if (missed > _maxUnindexed) return null;
        var parameters = new double[_p];
        for (var j = 0; j < _p; j++) parameters[j] = current[j];
        return new RawSolution(_system, parameters, current[_p]);
    }

    private (long, long, long, long) Key(double[] p)
    {
        long K(int j) => j < _p ? (long)Math.Round(p[j] / (1e-3 * Math.Abs(p[_system.ScaleOf(j)]) + 1e-12)) : 0;
        return (K(0), K(1), K(2), K(3));
    }

    private bool Inside(double[] p, double[] lo, double[] hi, double margin)
    {
        for (var j = 0; j < _p; j++)
        {
            var w = (hi[j] - lo[j]) * margin;
            if (p[j] < lo[j] - w || p[j] > hi[j] + w) return false;
        }
        return true;
    }
}
