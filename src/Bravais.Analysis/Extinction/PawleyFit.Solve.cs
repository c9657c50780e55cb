using System.Numerics.Tensors;

namespace Bravais.Analysis.Extinction;

internal sealed partial class PawleyFit
{
    /// <summary>
    /// The fit for given metric coefficients, profile and units, with a residual background of piecewise-linear hats
    /// (nodes every <see cref="BackgroundNodeSpacingDegrees"/>) solved with the intensities: the banded normal equations
    /// of the units are factorised once (LDLᵀ) and the background enters through its Schur complement, for which only
    /// forward substitutions from each hat's first unit are needed.
    /// </summary>
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
        // √w-scaled columns and data make every normal-matrix entry a plain (vectorised) dot product
        var root = new double[_x.Length];
        var scaledData = new double[_x.Length];
        for (var i = first; i <= last; i++) { root[i] = Math.Sqrt(weights[i]); scaledData[i] = root[i] * _observed[i]; }
        var scaled = new double[columns.Values.Length];
        for (var b = 0; b < k; b++)
        {
            var (lo, hi, off) = (columns.Lo[b], columns.Hi[b], columns.Offset[b]);
            TensorPrimitives.Multiply(columns.Values.AsSpan(off, hi - lo + 1), root.AsSpan(lo, hi - lo + 1), scaled.AsSpan(off, hi - lo + 1));
        }
        Span<double> Column(int b) => scaled.AsSpan(columns.Offset[b], columns.Hi[b] - columns.Lo[b] + 1);
        var solver = new BandedSolver(k, bandwidth);
        var rhs = new double[k];
        for (var b = 0; b < k; b++)
        {
            var (lo, hi) = (columns.Lo[b], columns.Hi[b]);
            rhs[b] = TensorPrimitives.Dot(Column(b), scaledData.AsSpan(lo, hi - lo + 1));
            for (var b2 = b; b2 <= Math.Min(k - 1, b + bandwidth); b2++)
            {
                int lo2 = columns.Lo[b2], hi2 = columns.Hi[b2];
                int from = Math.Max(lo, lo2), to = Math.Min(hi, hi2);
                if (to < from) continue;
                var s = TensorPrimitives.Dot(Column(b).Slice(from - lo, to - from + 1), Column(b2).Slice(from - lo2, to - from + 1));
                if (s != 0) solver.Add(b, b2, s);
            }
        }
        solver.Factor();

        // background hats over [first, last]: node m at x0 + m·Δ, value 1 − |x − node|/Δ within ±Δ
        var background = new Hats(_x[first], _x[last], BackgroundNodeSpacingDegrees);
        var c = background.Count;
        var nbc = new double[c][];
        for (var m = 0; m < c; m++) nbc[m] = new double[k];
        var firstUnit = Enumerable.Repeat(k, c).ToArray();
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
            var (lo, hi) = (columns.Lo[b], columns.Hi[b]);
            var column = Column(b);
            for (var i = lo; i <= hi; i++)
            {
                var (m0, h0, h1) = background.At(_x[i]);
                var a = root[i] * column[i - lo];
                nbc[m0][b] += a * h0;
                firstUnit[m0] = Math.Min(firstUnit[m0], b);
                if (m0 + 1 < c) { nbc[m0 + 1][b] += a * h1; firstUnit[m0 + 1] = Math.Min(firstUnit[m0 + 1], b); }
            }
        }
        // S = N_cc − N_cb N_bb⁻¹ N_bc = N_cc − Yᵀ D⁻¹ Y with Y = L⁻¹ N_bc; the data enter as y = L⁻¹ r_b
        var y = new double[c][];
        for (var m = 0; m < c; m++) { y[m] = (double[])nbc[m].Clone(); solver.ForwardFrom(y[m], Math.Min(firstUnit[m], k)); }
        var yr = (double[])rhs.Clone();
        solver.ForwardFrom(yr, 0);
        var inverseD = solver.InverseD();
        var schur = new double[c, c];
        var sr = new double[c];
        var scratch = new double[k];
        for (var m = 0; m < c; m++)
        {
            TensorPrimitives.Multiply(y[m], inverseD, scratch);
            sr[m] = rc[m] - TensorPrimitives.Dot(scratch, yr);
            for (var n = m; n < c; n++) schur[m, n] = schur[n, m] = ncc[m, n] - TensorPrimitives.Dot(scratch, y[n]);
            schur[m, m] += 1e-12 * Math.Max(ncc[m, m], 1e-300);
        }
        var coefficients = PeakRefinement.DenseSolve(schur, sr) ?? new double[c];
        // J = N_bb⁻¹ (r_b − N_bc c)
        var j = (double[])rhs.Clone();
        for (var m = 0; m < c; m++) if (coefficients[m] != 0) TensorPrimitives.MultiplyAdd(nbc[m], -coefficients[m], j, j);
        solver.Solve(j);

        var model = new double[_x.Length];
        for (var b = 0; b < k; b++)
        {
            var (lo, hi, off) = (columns.Lo[b], columns.Hi[b], columns.Offset[b]);
            TensorPrimitives.MultiplyAdd(columns.Values.AsSpan(off, hi - lo + 1), j[b], model.AsSpan(lo, hi - lo + 1), model.AsSpan(lo, hi - lo + 1));
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
            // Cov = (N_bb⁻¹ band) + X S⁻¹ Xᵀ with X = N_bb⁻¹ N_bc, the uncertainty the background adds
            var x = new double[c][];
            for (var m = 0; m < c; m++) { x[m] = (double[])nbc[m].Clone(); solver.Solve(x[m]); }
            var schurInverse = new double[c, c];
            for (var m = 0; m < c; m++)
            {
                var e = new double[c]; e[m] = 1;
                var col = PeakRefinement.DenseSolve(schur, e) ?? new double[c];
                for (var n = 0; n < c; n++) schurInverse[n, m] = col[n];
            }
            covariance = new Covariance(solver.Inverse(), x, schurInverse);
        }
        return new PawleyResult(blocks, j, covariance, model, chi2, last - first + 1, first, last, columns, coefficients);
    }

    /// <summary>Spacing of the residual-background nodes (degrees 2θ).</summary>
    public const double BackgroundNodeSpacingDegrees = 3;

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
