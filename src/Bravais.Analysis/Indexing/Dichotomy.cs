using System.Diagnostics;

namespace Bravais.Analysis.Indexing;

/// <summary>A cell found by a search, before reduction and symmetry analysis: its model parameters and zero shift.</summary>
public sealed record RawSolution(SearchSystem System, double[] Parameters, double ZeroDegrees);

/// <summary>
/// Successive dichotomy (Louër &amp; Louër 1972; Boultif &amp; Louër 1991, 2004 — the method of DICVOL), here in the
/// reciprocal-metric parameters of <see cref="SearchSystem"/>, where Q(hkl) is linear so the range of Q over a
/// parameter box is exact at its corners. A box survives when every search line but at most
/// <c>maxUnindexed</c> lies within tolerance of the Q-range of some reflection; surviving boxes are halved along
/// their relatively widest parameter, depth first, until every reflection's Q-range is narrower than the tolerance,
/// where the box centre is refined by least squares (<see cref="CellFit"/>). The reflections that can index each
/// line are inherited from the parent box and only filtered, so deep boxes cost little. Boxes are confined to a
/// volume shell so that small cells are found first. Exhaustive within the bounds and the time budget.
/// </summary>
public sealed class Dichotomy
{
    private readonly SearchSystem _system;
    private readonly LineData _lines;
    private readonly int _maxUnindexed;
    private readonly double[] _qLow, _qHigh, _tolerance;
    private readonly double[] _coefficients;
    private readonly int _p, _n;
    private readonly double _zeroAllowance;
    private readonly long _deadline;
    private readonly List<int[]> _buffers = [];
    private readonly List<int[]> _offsets = [];
    private readonly List<double[]> _lo = [], _hi = [];
    private readonly List<RawSolution> _solutions = [];
    private double _volumeLow, _volumeHigh;
    private readonly Func<RawSolution, RawSolution?> _refine;

    public long Nodes { get; private set; }
    public bool TimedOut { get; private set; }

    /// <param name="refine">Refines a terminal box's centre; returns the refined solution when it is kept (boxes around it are then not refined again), null otherwise.</param>
    public Dichotomy(SearchSystem system, LineData lines, int maxUnindexed, double zeroAllowanceDegrees, double maxEdge, long deadlineTimestamp,
        Func<RawSolution, RawSolution?> refine)
    {
        _system = system;
        _lines = lines;
        _maxUnindexed = maxUnindexed;
        _zeroAllowance = zeroAllowanceDegrees;
        _deadline = deadlineTimestamp;
        _refine = refine;
        _p = system.Dimensions;
        _n = lines.Count;
        _qLow = new double[_n]; _qHigh = new double[_n]; _tolerance = new double[_n];
        for (var i = 0; i < _n; i++)
        {
            _tolerance[i] = lines.Slope[i] * (lines.ToleranceDegrees[i] + zeroAllowanceDegrees);
            _qLow[i] = lines.Q[i] - _tolerance[i];
            _qHigh[i] = lines.Q[i] + _tolerance[i];
        }
        var qLimit = _qHigh[^1];
        var (lo, hi) = system.Bounds(qLimit, maxEdge);
        _lo.Add(lo); _hi.Add(hi);
        (_coefficients, _) = system.Reflections(lo, qLimit);
        MaxEdge = maxEdge;
    }

    public double MaxEdge { get; }

    /// <summary>Searches cells with volume in [<paramref name="volumeLow"/>, <paramref name="volumeHigh"/>] Å³; returns the accepted solutions so far.</summary>
    public IReadOnlyList<RawSolution> Search(double volumeLow, double volumeHigh)
    {
        _volumeLow = volumeLow; _volumeHigh = volumeHigh;
        // root candidate lists: every reflection for every line
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
        if (!_system.Feasible(lo, hi)) return;
        var (vMin, vMax) = _system.VolumeRange(lo, hi);
        if (vMax < _volumeLow || vMin > _volumeHigh) return;
        if (depth > 200) return;

        while (_buffers.Count <= depth + 1) { _buffers.Add(new int[1024]); _offsets.Add(new int[_n + 1]); }
        var offsets = _offsets[depth + 1];
        var total = parentOffsets[_n];
        if (_buffers[depth + 1].Length < total) _buffers[depth + 1] = new int[Math.Max(total, 2 * _buffers[depth + 1].Length)];
        var buffer = _buffers[depth + 1];
        var unindexed = 0;
        var fine = true;
        var used = 0;
        for (var i = 0; i < _n; i++)
        {
            offsets[i] = used;
            var low = _qLow[i]; var high = _qHigh[i]; var tol = _tolerance[i];
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
                if (qMax - qMin > tol) fine = false;
            }
            if (used == offsets[i] && ++unindexed > _maxUnindexed) return;
        }
        offsets[_n] = used;

        if (fine)
        {
            foreach (var s in _solutions)
                if (Inside(s.Parameters, lo, hi, 2)) return; // a refined solution already covers this box
            if (LocalFit(lo, hi, buffer, offsets) is not { } local) return;
            if (_refine(new RawSolution(_system, local, 0)) is { } refined) _solutions.Add(refined);
            return;
        }

        var split = _system.SplitDimension(lo, hi);
        while (_lo.Count <= depth + 2) { _lo.Add(new double[_p]); _hi.Add(new double[_p]); }
        var childLo = _lo[depth + 1]; var childHi = _hi[depth + 1];
        var mid = 0.5 * (lo[split] + hi[split]);
        for (var half = 0; half < 2; half++)
        {
            Array.Copy(lo, childLo, _p); Array.Copy(hi, childHi, _p);
            if (half == 0) childHi[split] = mid; else childLo[split] = mid;
            Visit(depth + 1, childLo, childHi, buffer, offsets);
            if (TimedOut) return;
            // the child at depth+1 reuses these arrays for its own children only; restore ours
        }
    }

    /// <summary>
    /// A quick least-squares fit within a terminal box before the full refinement: each line takes the reflection
    /// whose Q at the box centre is nearest, and the parameters and the zero shift are fitted to those; the box is
    /// dropped when more than the allowed lines then miss their tolerance. Returns the fitted parameters.
    /// </summary>
    private double[]? LocalFit(double[] lo, double[] hi, int[] candidates, int[] offsets)
    {
        var m = _p + 1;
        Span<double> a = stackalloc double[m * m];
        Span<double> b = stackalloc double[m];
        Span<double> row = stackalloc double[m];
        Span<int> chosen = stackalloc int[_n];
        a.Clear(); b.Clear();
        for (var i = 0; i < _n; i++)
        {
            chosen[i] = -1;
            var best = double.MaxValue;
            for (var c = offsets[i]; c < offsets[i + 1]; c++)
            {
                var r = candidates[c];
                double q = 0;
                for (var j = 0; j < _p; j++) q += _coefficients[r * _p + j] * 0.5 * (lo[j] + hi[j]);
                var d = Math.Abs(q - _lines.Q[i]);
                if (d < best) { best = d; chosen[i] = r; }
            }
            if (chosen[i] < 0) continue;
            for (var j = 0; j < _p; j++) row[j] = _coefficients[chosen[i] * _p + j];
            row[_p] = _lines.Slope[i];
            var sigma = _lines.Slope[i] * _lines.ToleranceDegrees[i];
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
        var missed = 0;
        for (var i = 0; i < _n; i++)
        {
            if (chosen[i] < 0) { missed++; continue; }
            double q = b[_p] * _lines.Slope[i];
            for (var j = 0; j < _p; j++) q += _coefficients[chosen[i] * _p + j] * b[j];
            if (Math.Abs(q - _lines.Q[i]) > _lines.Slope[i] * 1.5 * _lines.ToleranceDegrees[i]) missed++;
        }
        if (missed > _maxUnindexed) return null;
        var parameters = new double[_p];
        for (var j = 0; j < _p; j++) parameters[j] = b[j];
        return parameters;
    }

    private static bool Inside(double[] p, double[] lo, double[] hi, double margin)
    {
        for (var j = 0; j < p.Length; j++)
        {
            var w = (hi[j] - lo[j]) * margin;
            if (p[j] < lo[j] - w || p[j] > hi[j] + w) return false;
        }
        return true;
    }
}
