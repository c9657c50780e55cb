using System.Numerics.Tensors;
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
internal sealed partial class PawleyFit
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
                    if (hi < lo) return;
                    var count = hi - lo + 1;
                    var dx = Offsets(lo, hi, centre);
                    var buffer = System.Buffers.ArrayPool<double>.Shared.Rent(3 * count);
                    try
                    {
                        Span<double> dOffset = buffer.AsSpan(0, count), dFwhm = buffer.AsSpan(count, count), dEta = buffer.AsSpan(2 * count, count);
                        ProfileShape.TruncatedDerivatives(dx, fwhm, shape.Eta, ReachFwhm, dOffset, dFwhm, dEta);
                        var k = lo - first;
                        // ∂/∂centre = −∂/∂offset
                        for (var a = 0; a < m; a++) TensorPrimitives.MultiplyAdd(dOffset, -scale * dCentreDq * _lines.BasisValues[l][a], result[a].AsSpan(k, count), result[a].AsSpan(k, count));
                        TensorPrimitives.MultiplyAdd(dOffset, -scale, result[m].AsSpan(k, count), result[m].AsSpan(k, count));
                        TensorPrimitives.MultiplyAdd(dOffset, -scale * cosTheta, result[m + 1].AsSpan(k, count), result[m + 1].AsSpan(k, count));
                        if (!atFloor)
                        {
                            var dH = scale / (2 * fwhm);
                            TensorPrimitives.MultiplyAdd(dFwhm, dH * tan * tan, result[m + 2].AsSpan(k, count), result[m + 2].AsSpan(k, count));
                            TensorPrimitives.MultiplyAdd(dFwhm, dH * tan, result[m + 3].AsSpan(k, count), result[m + 3].AsSpan(k, count));
                            TensorPrimitives.MultiplyAdd(dFwhm, dH, result[m + 4].AsSpan(k, count), result[m + 4].AsSpan(k, count));
                        }
                        TensorPrimitives.MultiplyAdd(dEta, scale, result[m + 5].AsSpan(k, count), result[m + 5].AsSpan(k, count));
                    }
                    finally { System.Buffers.ArrayPool<double>.Shared.Return(buffer); }
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
                if (to < from) continue;
                var dx = Offsets(from, to, centre);
                ProfileShape.AddTruncated(dx, fwhm, shape.Eta, ReachFwhm, weight, values.AsSpan(offset[b] + from - lo[b], to - from + 1));
            }
        return new Columns(lo, hi, offset, values);
    }

    /// <summary>x_i − centre for i in [from, to] (a buffer reused per thread).</summary>
    private ReadOnlySpan<double> Offsets(int from, int to, double centre)
    {
        var n = to - from + 1;
        if (_offsets is null || _offsets.Length < n) _offsets = new double[Math.Max(n, 256)];
        var span = _offsets.AsSpan(0, n);
        TensorPrimitives.Subtract(_x.AsSpan(from, n), centre, span);
        return span;
    }

    [ThreadStatic] private static double[]? _offsets;

    private int LowerBound(double value)
    {
        int a = 0, b = _x.Length;
        while (a < b) { var m = (a + b) >> 1; if (_x[m] < value) a = m + 1; else b = m; }
        return a;
    }
}

