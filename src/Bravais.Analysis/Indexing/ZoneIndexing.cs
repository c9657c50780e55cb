using System.Diagnostics;

namespace Bravais.Analysis.Indexing;

/// <summary>
/// Zone indexing after Ito (1949) and Visser (1969), for cells of any symmetry and used here for triclinic ones.
/// A zone is a plane of the reciprocal lattice with basis vectors A, B: Q(mA + nB) = m²Q_A + n²Q_B + 2mn·R. Taking
/// two observed lines as Q_A and Q_B, every pair of lines with Q_k + Q_l = 2(Q_A + Q_B) gives R = |Q_k − Q_l|/4
/// (the parallelogram law for A + B and A − B; also for A ± 2B and 2A ± B, when weak lines are missing). Zones are scored by how many lines they index, reduced (Gauss) and
/// deduplicated. Two zones that share a row (a vector of equal Q in both) span a 3-D lattice up to the one unknown
/// product R' of their other two basis vectors, which every line with indices outside both zones fixes: the
/// values R' = (Q − …)/(2np) that the lines give are histogrammed and the most frequent are tried. Each lattice is
/// refined by least squares with the zero shift and kept when it indexes enough lines.
/// </summary>
public sealed class ZoneIndexing
{
    private const int MaxIndex = 4;

    /// <summary>A zone: its reduced basis Q values and product, and the lines it indexes.</summary>
    public readonly record struct Zone(double Qa, double Qb, double R, int Indexed);

    private readonly LineData _lines;
    private readonly double[] _q;
    private readonly double[] _tolerance;
    private readonly int _n;
    private readonly long _deadline;

    public bool TimedOut { get; private set; }

    /// <param name="zeroDegrees">Zero shift removed from the lines first.</param>
    /// <param name="zeroAllowanceDegrees">Error of that zero shift, allowed for in every relation.</param>
    public ZoneIndexing(LineData lines, double zeroDegrees, double zeroAllowanceDegrees, long deadlineTimestamp)
    {
        _lines = lines;
        _n = lines.Count;
        _deadline = deadlineTimestamp;
        _q = new double[_n];
        _tolerance = new double[_n];
        for (var i = 0; i < _n; i++)
        {
            _q[i] = lines.QCorrected(i, zeroDegrees, 0);
            _tolerance[i] = lines.Slope[i] * (lines.ToleranceDegrees[i] + zeroAllowanceDegrees);
        }
    }

    /// <summary>The best zones, most lines first (at most <paramref name="keep"/>).</summary>
    public List<Zone> Zones(int basisLines = 12, int keep = 60)
    {
        var zones = new List<Zone>();
        var q = _q;
        var nb = Math.Min(basisLines, _n);
        foreach (var (mm, nn) in Multiples)
            for (var a = 0; a < nb; a++)
                for (var b = a; b < nb; b++)
                {
                    if (mm != nn && a == b) continue;
                    // Q(mA + nB) + Q(mA − nB) = 2m²Q_A + 2n²Q_B, and their difference is 4mn·R
                    var sum = 2 * (mm * mm * q[a] + nn * nn * q[b]);
                    var baseTolerance = 2 * (mm * mm * _tolerance[a] + nn * nn * _tolerance[b]);
                    for (var k = 0; k < _n; k++)
                    {
                        if (q[k] > sum) break;
                        for (var l = k; l < _n; l++)
                        {
                            var total = q[k] + q[l];
                            if (total > sum + baseTolerance + _tolerance[k] + _tolerance[l]) break;
                            if (Math.Abs(total - sum) > baseTolerance + _tolerance[k] + _tolerance[l]) continue;
                            var r = Math.Abs(q[l] - q[k]) / (4 * mm * nn);
                            if (r >= Math.Sqrt(q[a] * q[b]) * 0.999) continue;
                            var zone = Reduce(q[a], q[b], r);
                            var indexed = CountZone(zone);
                            if (indexed >= 5) zones.Add(zone with { Indexed = indexed });
                        }
                    }
                }
        // deduplicate equal zones (same reduced basis within tolerance), keep the best
        zones.Sort((x, y) => y.Indexed != x.Indexed ? y.Indexed.CompareTo(x.Indexed) : x.Qa.CompareTo(y.Qa));
        var distinct = new List<Zone>();
        foreach (var z in zones)
        {
            if (distinct.Any(d => Near(d.Qa, z.Qa) && Near(d.Qb, z.Qb) && Math.Abs(d.R - z.R) <= 2e-3 * (d.Qa + d.Qb))) continue;
            distinct.Add(z);
            if (distinct.Count >= keep) break;
        }
        return distinct;
    }

    /// <summary>Reciprocal metrics (basis: shared row, rest of zone 1, rest of zone 2) from pairs of zones, most promising first.</summary>
    public IEnumerable<Metric> Lattices(List<Zone> zones, int valuesPerPair = 2)
    {
        for (var i = 0; i < zones.Count; i++)
            for (var j = i + 1; j < zones.Count; j++)
            {
                if (Stopwatch.GetTimestamp() > _deadline) { TimedOut = true; yield break; }
                foreach (var (qv, qu1, rv1, qu2, rv2) in SharedRows(zones[i], zones[j]))
                    foreach (var r12 in ThirdProducts(qv, qu1, rv1, qu2, rv2, valuesPerPair))
                    {
                        var g = new Metric(qv, qu1, qu2, r12, rv2, rv1);
                        if (g.Determinant > 0) yield return g;
                    }
            }
    }

    /// <summary>
    /// The ways two zones share a row: short vectors v₁ of zone 1 and v₂ of zone 2 with equal Q, each completed to a
    /// basis of its zone; returns Q_v, then Q and product with v of the other basis vector of each zone.
    /// </summary>
    private IEnumerable<(double Qv, double Qu1, double Rv1, double Qu2, double Rv2)> SharedRows(Zone z1, Zone z2)
    {
        foreach (var (m1, n1) in Rows)
        {
            var qv1 = Q(z1, m1, n1);
            foreach (var (m2, n2) in Rows)
            {
                var qv2 = Q(z2, m2, n2);
                if (Math.Abs(qv1 - qv2) > 1.5e-3 * qv1 + 1e-5) continue;
                var qv = 0.5 * (qv1 + qv2);
                var (p1, s1) = Complement(m1, n1);
                var (p2, s2) = Complement(m2, n2);
                yield return (qv, Q(z1, p1, s1), Product(z1, m1, n1, p1, s1), Q(z2, p2, s2), Product(z2, m2, n2, p2, s2));
            }
        }
    }

    /// <summary>Primitive rows (m, n) of a zone tried as the shared row: the basis vectors and their short sums and differences.</summary>
    private static readonly (int M, int N)[] Rows = [(1, 0), (0, 1), (1, 1), (1, -1), (2, 1), (1, 2), (2, -1), (1, -2)];

    /// <summary>A vector (p, s) with m·s − n·p = 1, completing (m, n) to a basis of the zone.</summary>
    private static (int P, int S) Complement(int m, int n)
    {
        for (var p = -2; p <= 2; p++)
            for (var s = -2; s <= 2; s++)
                if (m * s - n * p == 1) return (p, s);
        throw new InvalidOperationException("row is not primitive");
    }

    private static double Q(Zone z, int m, int n) => m * m * z.Qa + n * n * z.Qb + 2 * m * n * z.R;
    private static double Product(Zone z, int m1, int n1, int m2, int n2) => m1 * m2 * z.Qa + n1 * n2 * z.Qb + (m1 * n2 + n1 * m2) * z.R;

    /// <summary>
    /// The most frequent values of the product of the two non-shared basis vectors: every line and indices (m, n, p)
    /// with n, p ≠ 0 give one value; a window as wide as the line's tolerance / 2|np| around each value counts the
    /// distinct lines that agree.
    /// </summary>
    private List<double> ThirdProducts(double qv, double qu1, double rv1, double qu2, double rv2, int count)
    {
        var limit = Math.Sqrt(qu1 * qu2);
        var values = _values;
        values.Clear();
        const int k = ThirdIndex;
        for (var line = 0; line < _n; line++)
        {
            var qObs = _q[line];
            for (var n = 1; n <= k; n++)
                for (var p = -k; p <= k; p++)
                {
                    if (p == 0) continue;
                    var rest = n * n * qu1 + p * p * qu2;
                    if (rest - 2 * Math.Abs(n * p) * limit > qObs + _tolerance[line]) continue;
                    var scale = 1.0 / (2 * n * p);
                    for (var m = -k; m <= k; m++)
                    {
                        var known = m * m * qv + rest + 2 * m * n * rv1 + 2 * m * p * rv2;
                        var r = (qObs - known) * scale;
                        if (Math.Abs(r) < limit) values.Add(r);
                    }
                }
        }
        if (values.Count == 0) return [];
        values.Sort();
        // most populated windows of a fixed width (the tolerance of a mid-pattern line for n·p = 1), two pointers
        var width = _tolerance[_n / 2] / 2;
        var scored = new List<(double R, int Count)>();
        var hi = 0;
        for (var lo = 0; lo < values.Count; lo++)
        {
            if (hi < lo) hi = lo;
            while (hi + 1 < values.Count && values[hi + 1] - values[lo] <= width) hi++;
            var c = hi - lo + 1;
            if (c >= 3) scored.Add((0.5 * (values[lo] + values[hi]), c));
        }
        scored.Sort((a, b) => b.Count.CompareTo(a.Count));
        var chosen = new List<double>();
        foreach (var (r, _) in scored)
        {
            if (chosen.Any(c => Math.Abs(c - r) < 2 * width)) continue;
            chosen.Add(r);
            if (chosen.Count >= count) break;
        }
        return chosen;
    }

    private readonly List<double> _values = new(4096);

    /// <summary>Largest index used to find the product of the non-shared basis vectors.</summary>
    private const int ThirdIndex = 3;

    /// <summary>The pairs mA ± nB whose lines give the zone product: A ± B first, then A ± 2B and 2A ± B when a first sum is absent.</summary>
    private static readonly (int M, int N)[] Multiples = [(1, 1), (1, 2), (2, 1)];

    /// <summary>Lines indexed by a zone with indices up to <see cref="MaxIndex"/>.</summary>
    private int CountZone(Zone z)
    {
        var count = 0;
        for (var i = 0; i < _n; i++)
        {
            var found = false;
            for (var m = 0; m <= MaxIndex && !found; m++)
                for (var n = m == 0 ? 1 : -MaxIndex; n <= MaxIndex && !found; n++)
                    found = Math.Abs(Q(z, m, n) - _q[i]) <= _tolerance[i];
            if (found) count++;
        }
        return count;
    }

    /// <summary>Gauss reduction of a 2-D metric: |2R| ≤ Q_a ≤ Q_b, R ≥ 0.</summary>
    public static Zone Reduce(double qa, double qb, double r)
    {
        for (var i = 0; i < 100; i++)
        {
            if (qa > qb) (qa, qb) = (qb, qa);
            if (Math.Abs(2 * r) <= qa * (1 + 1e-9)) break;
            var k = Math.Round(r / qa);
            qb = qb - 2 * k * r + k * k * qa;
            r -= k * qa;
        }
        return new Zone(qa, qb, Math.Abs(r), 0);
    }

    private static bool Near(double a, double b) => Math.Abs(a - b) <= 1.5e-3 * Math.Max(a, b);
}
