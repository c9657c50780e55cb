using Bravais.Diffraction.Physics;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// A Pawley fit of a background-subtracted pattern with the lines of a cell: y(2θ) = Σ_b J_b · A_b(2θ), where block b
/// is a run of lines closer than a fraction of the FWHM (their intensities cannot be told apart and are fitted as one,
/// shared by multiplicity), and A_b = Σ_{lines l ∈ b} (m_l / Σm) · LP(θ_l) · Σ_λ r_λ PV(2θ − 2θ_l(λ)), the sum over the
/// radiation's lines (Kα1 at r = 1 and Kα2 at r = 0.5 for a Kα doublet), PV cut off smoothly at ±8 FWHM
/// (<see cref="ProfileShape.Truncated"/>).
/// For fixed positions and widths the J are linear: they come from the banded normal equations (weights 1/σ²), with
/// their variances from the band of the inverse. J_b is thus the block's Σ m|F|² on an arbitrary scale; it may come
/// out negative when a block has no intensity.
/// </summary>
internal sealed class PawleyFit
{
    /// <summary>Profile reach each side of a line, in FWHM.</summary>
    public const double ReachFwhm = 8;

    private readonly double[] _x, _y;
    private double[] _observed; // y minus the far tails of the peaks (see SetFarTails)
    private readonly ReflectionLines _lines;
    private readonly double _primary;
    private readonly (double Wavelength, double Ratio)[] _satellites;

    public PawleyFit(double[] twoThetaDegrees, double[] intensity, ReflectionLines lines, Radiation radiation)
    {
        _x = twoThetaDegrees; _y = intensity; _observed = intensity; _lines = lines;
        var primary = radiation.PrimaryLine;
        _primary = primary.WavelengthAngstrom;
        _satellites = [.. radiation.Lines.Where(l => l != primary).Select(l => (l.WavelengthAngstrom, l.RelativeIntensity / primary.RelativeIntensity))];
    }

    public int PointCount => _x.Length;

    public double Observed(int i) => _observed[i];

    /// <summary>
    /// Takes the far tails of the peaks of intensities <paramref name="j"/> out of the data: what the untruncated
    /// pseudo-Voigt adds beyond the smoothly truncated one (its edge value inside the window, the whole profile outside,
    /// up to 100 FWHM). Lorentzian wings reach far and, summed over strong peaks, stand many σ above the noise; fitting
    /// them as fixed (from the previous intensities) keeps the normal equations banded. Followed to <see cref="FarTailFwhm"/>.
    /// </summary>
    public void SetFarTails(double[] t, ProfileShape shape, (int First, int Count)[] blocks, double[] j)
    {
        var tails = new double[_x.Length];
        const double lorentzNorm = 0.6366197723675814; // 2/π
        foreach (var (centre, fwhm, weight) in Profiles(t, shape, blocks, j))
        {
            var edge = weight * ProfileShape.Value(ReachFwhm * fwhm, fwhm, shape.Eta);
            int inner = LowerBound(centre - ReachFwhm * fwhm), outer = LowerBound(centre + ReachFwhm * fwhm);
            for (var i = inner; i < Math.Min(outer, _x.Length); i++) tails[i] += edge;
            // beyond the window only the Lorentzian part is left (the Gaussian is below 1e-77 there)
            var lorentz = weight * shape.Eta * lorentzNorm / fwhm;
            var inverse = 4 / (fwhm * fwhm);
            int from = LowerBound(centre - FarTailFwhm * fwhm), to = Math.Min(_x.Length, LowerBound(centre + FarTailFwhm * fwhm));
            for (var i = from; i < inner; i++) { var d = _x[i] - centre; tails[i] += lorentz / (1 + d * d * inverse); }
            for (var i = outer; i < to; i++) { var d = _x[i] - centre; tails[i] += lorentz / (1 + d * d * inverse); }
        }
        _observed = new double[_y.Length];
        for (var i = 0; i < _y.Length; i++) _observed[i] = _y[i] - tails[i];
    }

    /// <summary>How far the far tails are followed (FWHM); beyond, a Lorentzian holds (2/π)/(2·100) ≈ 0.3 % of its area.</summary>
    public const double FarTailFwhm = 100;

    /// <summary>Every peak (line × wavelength) of the blocks: centre, FWHM and J-scaled weight.</summary>
    private IEnumerable<(double Centre, double Fwhm, double Weight)> Profiles(double[] t, ProfileShape shape, (int First, int Count)[] blocks, double[] j)
    {
        for (var b = 0; b < blocks.Length; b++)
        {
            var (first, count) = blocks[b];
            double total = 0;
            for (var l = first; l < first + count; l++) total += _lines.Multiplicity[l];
            for (var l = first; l < first + count; l++)
            {
                var q = _lines.InverseDSquared(l, t);
                var t1 = ProfileShape.TwoTheta(q, _primary);
                if (double.IsNaN(t1)) continue;
                var w = j[b] * _lines.Multiplicity[l] / total * ProfileShape.LorentzPolarisation(t1);
                var c1 = shape.Observed(t1);
                yield return (c1, shape.Fwhm(c1), w);
                foreach (var (wavelength, ratio) in _satellites)
                {
                    var t2 = ProfileShape.TwoTheta(q, wavelength);
                    if (double.IsNaN(t2)) continue;
                    var c2 = shape.Observed(t2);
                    yield return (c2, shape.Fwhm(c2), w * ratio);
                }
            }
        }
    }

    public double Angle(int i) => _x[i];

    /// <summary>The blocks: runs of consecutive lines (by Kα1 position) closer than <paramref name="mergeFwhm"/> × FWHM,
    /// keeping only those whose profiles reach the data. Each block is (first line, line count).</summary>
    public (int First, int Count)[] Blocks(double[] t, ProfileShape shape, double mergeFwhm)
    {
        var blocks = new List<(int, int)>();
        double lo = _x[0], hi = _x[^1];
        var start = -1;
        var last = double.NaN;
        for (var l = 0; l <= _lines.Count; l++)
        {
            var tt = l < _lines.Count ? shape.Observed(ProfileShape.TwoTheta(_lines.InverseDSquared(l, t), _primary)) : double.NaN;
            var join = start >= 0 && !double.IsNaN(tt) && tt - last < mergeFwhm * shape.Fwhm(tt);
            if (!join)
            {
                if (start >= 0 && last > lo - shape.Fwhm(last) && last < hi + shape.Fwhm(last)) blocks.Add((start, l - start));
                start = double.IsNaN(tt) ? -1 : l;
            }
            last = tt;
            if (double.IsNaN(tt)) break;
        }
        return [.. blocks];
    }

    /// <summary>The fit for given metric coefficients, profile and blocks, with a residual background of piecewise-linear
    /// hats (nodes every <see cref="BackgroundNodeSpacingDegrees"/>) solved with the intensities (Schur complement).</summary>
    public PawleyResult Solve(double[] t, ProfileShape shape, (int First, int Count)[] blocks, double[] weights, bool variances)
    {
        var columns = BuildColumns(t, shape, blocks);
        var k = blocks.Length;
        if (k == 0) return new PawleyResult(blocks, [], null, new double[_x.Length], 0, 0, 0, -1, columns, []);
        int first = columns.Lo.Min(), last = columns.Hi.Max();
        var bandwidth = 0;
        for (var b = 0; b < k; b++)
        {
            var b2 = b + 1;
            while (b2 < k && columns.Lo[b2] <= columns.Hi[b]) b2++;
            bandwidth = Math.Max(bandwidth, b2 - 1 - b);
        }
        var solver = new BandedSolver(k, bandwidth);
        var rhs = new double[k];
        for (var b = 0; b < k; b++)
        {
            var (lo, hi, off) = (columns.Lo[b], columns.Hi[b], columns.Offset[b]);
            double r = 0;
            for (var i = lo; i <= hi; i++) r += weights[i] * columns.Values[off + i - lo] * _observed[i];
            rhs[b] = r;
            for (var b2 = b; b2 <= Math.Min(k - 1, b + bandwidth); b2++)
            {
                int lo2 = columns.Lo[b2], hi2 = columns.Hi[b2], off2 = columns.Offset[b2];
                int from = Math.Max(lo, lo2), to = Math.Min(hi, hi2);
                double s = 0;
                for (var i = from; i <= to; i++) s += weights[i] * columns.Values[off + i - lo] * columns.Values[off2 + i - lo2];
                if (s != 0) solver.Add(b, b2, s);
            }
        }
        solver.Factor();

        // background hats over [first, last]: node m at x0 + m·Δ, value 1 − |x − node|/Δ within ±Δ
        var background = new Hats(_x[first], _x[last], BackgroundNodeSpacingDegrees);
        var c = background.Count;
        var nbc = new double[c][];
        for (var m = 0; m < c; m++) nbc[m] = new double[k];
        var ncc = new double[c, c];
        var rc = new double[c];
        for (var i = first; i <= last; i++)
        {
            var (m0, h0, h1) = background.At(_x[i]);
            rc[m0] += weights[i] * h0 * _observed[i];
            ncc[m0, m0] += weights[i] * h0 * h0;
            if (m0 + 1 < c) { rc[m0 + 1] += weights[i] * h1 * _observed[i]; ncc[m0 + 1, m0 + 1] += weights[i] * h1 * h1; ncc[m0, m0 + 1] += weights[i] * h0 * h1; ncc[m0 + 1, m0] = ncc[m0, m0 + 1]; }
        }
        for (var b = 0; b < k; b++)
        {
            var (lo, hi, off) = (columns.Lo[b], columns.Hi[b], columns.Offset[b]);
            for (var i = lo; i <= hi; i++)
            {
                var (m0, h0, h1) = background.At(_x[i]);
                var a = weights[i] * columns.Values[off + i - lo];
                nbc[m0][b] += a * h0;
                if (m0 + 1 < c) nbc[m0 + 1][b] += a * h1;
            }
        }
        var j0 = (double[])rhs.Clone();
        solver.Solve(j0);
        var xcols = new double[c][];
        for (var m = 0; m < c; m++) { xcols[m] = (double[])nbc[m].Clone(); solver.Solve(xcols[m]); }
        var schur = new double[c, c];
        var sr = new double[c];
        for (var m = 0; m < c; m++)
        {
            sr[m] = rc[m] - Dot(nbc[m], j0);
            for (var n = 0; n < c; n++) schur[m, n] = ncc[m, n] - Dot(nbc[m], xcols[n]);
            schur[m, m] += 1e-12 * Math.Max(ncc[m, m], 1e-300);
        }
        var coefficients = PeakRefinement.DenseSolve(schur, sr) ?? new double[c];
        var j = j0;
        for (var m = 0; m < c; m++) for (var b = 0; b < k; b++) j[b] -= xcols[m][b] * coefficients[m];

        var model = new double[_x.Length];
        for (var b = 0; b < k; b++)
        {
            var (lo, hi, off) = (columns.Lo[b], columns.Hi[b], columns.Offset[b]);
            for (var i = lo; i <= hi; i++) model[i] += j[b] * columns.Values[off + i - lo];
        }
        for (var i = first; i <= last; i++)
        {
            var (m0, h0, h1) = background.At(_x[i]);
            model[i] += coefficients[m0] * h0 + (m0 + 1 < c ? coefficients[m0 + 1] * h1 : 0);
        }
        double chi2 = 0;
        for (var i = first; i <= last; i++) { var d = _observed[i] - model[i]; chi2 += weights[i] * d * d; }

        Covariance? covariance = null;
        if (variances)
        {
            // Cov = (N_bb⁻¹ band) + X S⁻¹ Xᵀ, the second term being the uncertainty the background adds
            var schurInverse = new double[c, c];
            for (var m = 0; m < c; m++)
            {
                var e = new double[c]; e[m] = 1;
                var col = PeakRefinement.DenseSolve(schur, e) ?? new double[c];
                for (var n = 0; n < c; n++) schurInverse[n, m] = col[n];
            }
            covariance = new Covariance(solver.Inverse(), xcols, schurInverse);
        }
        return new PawleyResult(blocks, j, covariance, model, chi2, last - first + 1, first, last, columns, coefficients);
    }

    /// <summary>
    /// ∂model/∂p at points [<paramref name="first"/>, <paramref name="last"/>] for the non-linear parameters
    /// p = (t_0 … t_{m−1}, zero, displacement, U, V, W, η), the block intensities held at <paramref name="j"/>
    /// (the Jacobian a variable-projection step uses; the Lorentz–polarisation weights are held too).
    /// </summary>
    public double[][] Derivatives(double[] t, ProfileShape shape, (int First, int Count)[] blocks, double[] j, int first, int last)
    {
        var m = t.Length;
        var n = last - first + 1;
        var result = new double[m + 6][];
        for (var p = 0; p < result.Length; p++) result[p] = new double[n];
        const double degrees = 180 / Math.PI;
        for (var b = 0; b < blocks.Length; b++)
        {
            if (j[b] == 0) continue;
            var (start, count) = blocks[b];
            double total = 0;
            for (var l = start; l < start + count; l++) total += _lines.Multiplicity[l];
            for (var l = start; l < start + count; l++)
            {
                var q = _lines.InverseDSquared(l, t);
                var t1 = ProfileShape.TwoTheta(q, _primary);
                var weight = j[b] * _lines.Multiplicity[l] / total * ProfileShape.LorentzPolarisation(t1);
                Add(_primary, 1);
                foreach (var (wavelength, ratio) in _satellites) Add(wavelength, ratio);

                void Add(double wavelength, double ratio)
                {
                    var calc = ProfileShape.TwoTheta(q, wavelength);
                    if (double.IsNaN(calc)) return;
                    var theta = calc * Math.PI / 360;
                    var centre = shape.Observed(calc);
                    var fwhm = shape.Fwhm(centre);
                    var atFloor = fwhm <= ProfileShape.MinFwhmDegrees;
                    var tan = Math.Tan(centre * Math.PI / 360);
                    // d(centre)/dQ: d(2θ)/dQ = (180/π) λ / (2 √Q cos θ), times (1 − D sin θ · π/360) from the displacement term
                    var dCentreDq = degrees * wavelength / (2 * Math.Sqrt(q) * Math.Cos(theta)) * (1 - shape.DisplacementDegrees * Math.Sin(theta) * Math.PI / 360);
                    var cosTheta = Math.Cos(theta);
                    var scale = weight * ratio;
                    int lo = Math.Max(first, LowerBound(centre - ReachFwhm * fwhm)), hi = Math.Min(last, LowerBound(centre + ReachFwhm * fwhm) - 1);
                    for (var i = lo; i <= hi; i++)
                    {
                        var (_, dx, dh, de) = ProfileShape.TruncatedAndDerivatives(_x[i] - centre, fwhm, shape.Eta, ReachFwhm);
                        var dCentre = -scale * dx; // ∂/∂centre = −∂/∂x
                        var k = i - first;
                        for (var a = 0; a < m; a++) result[a][k] += dCentre * dCentreDq * _lines.BasisValues[l][a];
                        result[m][k] += dCentre;
                        result[m + 1][k] += dCentre * cosTheta;
                        if (!atFloor)
                        {
                            var dH = scale * dh / (2 * fwhm);
                            result[m + 2][k] += dH * tan * tan;
                            result[m + 3][k] += dH * tan;
                            result[m + 4][k] += dH;
                        }
                        result[m + 5][k] += scale * de;
                    }
                }
            }
        }
        return result;
    }

    /// <summary>Σ_b J_b A_b at every point for given intensities (no background): the profile part of the model.</summary>
    public double[] ProfileModel(double[] t, ProfileShape shape, (int First, int Count)[] blocks, double[] j)
    {
        var columns = BuildColumns(t, shape, blocks);
        var model = new double[_x.Length];
        for (var b = 0; b < blocks.Length; b++)
        {
            var (lo, hi, off) = (columns.Lo[b], columns.Hi[b], columns.Offset[b]);
            for (var i = lo; i <= hi; i++) model[i] += j[b] * columns.Values[off + i - lo];
        }
        return model;
    }

    /// <summary>Spacing of the residual-background nodes (degrees 2θ).</summary>
    public const double BackgroundNodeSpacingDegrees = 3;

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>Piecewise-linear hat functions on equally spaced nodes from <c>lo</c> to (at least) <c>hi</c>.</summary>
    private readonly record struct Hats(double Lo, double Hi, double Spacing)
    {
        public int Count => (int)Math.Ceiling((Hi - Lo) / Spacing) + 1;

        /// <summary>The node left of x and the two hat values there (left node's, right node's).</summary>
        public (int Node, double Left, double Right) At(double x)
        {
            var u = (x - Lo) / Spacing;
            var m = Math.Clamp((int)Math.Floor(u), 0, Count - 2 < 0 ? 0 : Count - 2);
            var f = Math.Clamp(u - m, 0, 1);
            return (m, 1 - f, f);
        }
    }

    internal sealed record Columns(int[] Lo, int[] Hi, int[] Offset, double[] Values);

    private Columns BuildColumns(double[] t, ProfileShape shape, (int First, int Count)[] blocks)
    {
        var k = blocks.Length;
        var lo = new int[k]; var hi = new int[k]; var offset = new int[k];
        var peaks = new List<(double Centre, double Fwhm, double Weight)>[k];
        for (var b = 0; b < k; b++)
        {
            var (first, count) = blocks[b];
            var list = new List<(double, double, double)>(count * (1 + _satellites.Length));
            double total = 0;
            for (var l = first; l < first + count; l++) total += _lines.Multiplicity[l];
            double min = double.MaxValue, max = double.MinValue;
            for (var l = first; l < first + count; l++)
            {
                var q = _lines.InverseDSquared(l, t);
                var t1 = ProfileShape.TwoTheta(q, _primary);
                var w = _lines.Multiplicity[l] / total * ProfileShape.LorentzPolarisation(t1);
                Add(shape.Observed(t1), w);
                foreach (var (wavelength, ratio) in _satellites) Add(shape.Observed(ProfileShape.TwoTheta(q, wavelength)), w * ratio);
            }
            void Add(double centre, double weight)
            {
                if (double.IsNaN(centre)) return;
                var f = shape.Fwhm(centre);
                list.Add((centre, f, weight));
                min = Math.Min(min, centre - ReachFwhm * f);
                max = Math.Max(max, centre + ReachFwhm * f);
            }
            peaks[b] = list;
            lo[b] = LowerBound(min);
            hi[b] = LowerBound(max) - 1;
        }
        // monotone windows so that the band scan can stop at the first block that starts after this one ends
        for (var b = k - 2; b >= 0; b--) lo[b] = Math.Min(lo[b], lo[b + 1]);
        for (var b = 1; b < k; b++) hi[b] = Math.Max(hi[b], hi[b - 1]);
        var size = 0;
        for (var b = 0; b < k; b++) { offset[b] = size; size += Math.Max(hi[b] - lo[b] + 1, 0); }
        var values = new double[size];
        for (var b = 0; b < k; b++)
            foreach (var (centre, fwhm, weight) in peaks[b])
            {
                int from = Math.Max(lo[b], LowerBound(centre - ReachFwhm * fwhm)), to = Math.Min(hi[b], LowerBound(centre + ReachFwhm * fwhm) - 1);
                for (var i = from; i <= to; i++) values[offset[b] + i - lo[b]] += weight * ProfileShape.Truncated(_x[i] - centre, fwhm, shape.Eta, ReachFwhm);
            }
        return new Columns(lo, hi, offset, values);
    }

    private int LowerBound(double value)
    {
        int a = 0, b = _x.Length;
        while (a < b) { var m = (a + b) >> 1; if (_x[m] < value) a = m + 1; else b = m; }
        return a;
    }
}

/// <summary>The outcome of one Pawley solve: block intensities (and variances of the unit-weight problem), the model,
/// χ² = Σ w (y − model)² over the points the blocks reach.</summary>
internal sealed record PawleyResult((int First, int Count)[] Blocks, double[] Intensity, Covariance? Covariance, double[] Model, double Chi2, int Points, int FirstPoint, int LastPoint, PawleyFit.Columns Columns, double[] Background);

/// <summary>Covariance of the fitted intensities of the unit-weight problem for units at most a bandwidth apart:
/// the band of the inverse normal matrix plus the share of the background (X S⁻¹ Xᵀ).</summary>
internal sealed class Covariance(BandedSolver.InverseBand band, double[][] x, double[,] schurInverse)
{
    public double this[int u, int v]
    {
        get
        {
            var c = x.Length;
            var s = band[u, v];
            for (var m = 0; m < c; m++)
                for (var n = 0; n < c; n++)
                    s += x[m][u] * schurInverse[m, n] * x[n][v];
            return s;
        }
    }
}
