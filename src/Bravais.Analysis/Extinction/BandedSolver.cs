namespace Bravais.Analysis.Extinction;

/// <summary>
/// A symmetric positive (semi)definite banded system (the normal equations of overlapping peaks): LDLᵀ factorisation
/// in O(n·b²), solution, and the band of the inverse by the Takahashi recurrence (Z = D⁻¹L⁻¹ + (I − Lᵀ)Z), whose
/// diagonal gives the variances of the solution. Rows are stored as their lower band, entry (i, j) for i − b ≤ j ≤ i at
/// i·(b + 1) + (j − i + b).
/// </summary>
internal sealed class BandedSolver
{
    public int Size { get; }
    public int Bandwidth { get; }
    private readonly double[] _a; // matrix, then L (unit lower) in place
    private readonly double[] _d;
    private bool _factored;

    public BandedSolver(int size, int bandwidth)
    {
        Size = size; Bandwidth = bandwidth;
        _a = new double[size * (bandwidth + 1)];
        _d = new double[size];
    }

    public void Clear() { Array.Clear(_a); _factored = false; }

    /// <summary>Adds v to entry (i, j), |i − j| ≤ bandwidth (either triangle).</summary>
    public void Add(int i, int j, double v)
    {
        if (j > i) (i, j) = (j, i);
        _a[i * (Bandwidth + 1) + j - i + Bandwidth] += v;
    }

    public double Get(int i, int j)
    {
        if (j > i) (i, j) = (j, i);
        return i - j > Bandwidth ? 0 : _a[i * (Bandwidth + 1) + j - i + Bandwidth];
    }

    /// <summary>Factorises in place; pivots below <paramref name="relativeFloor"/> × the largest diagonal are raised to it
    /// (parameters the data cannot determine get a huge variance instead of breaking the solve).</summary>
    public void Factor(double relativeFloor = 1e-12)
    {
        int b = Bandwidth, w = b + 1;
        var maxDiag = 0.0;
        for (var i = 0; i < Size; i++) maxDiag = Math.Max(maxDiag, _a[i * w + b]);
        var floor = Math.Max(maxDiag * relativeFloor, double.Epsilon);
        for (var i = 0; i < Size; i++)
        {
            var j0 = Math.Max(0, i - b);
            for (var j = j0; j < i; j++)
            {
                var s = _a[i * w + j - i + b];
                var k0 = Math.Max(j0, j - b);
                for (var k = k0; k < j; k++) s -= _a[i * w + k - i + b] * _d[k] * _a[j * w + k - j + b];
                _a[i * w + j - i + b] = s / _d[j];
            }
            var dii = _a[i * w + b];
            for (var k = j0; k < i; k++) { var l = _a[i * w + k - i + b]; dii -= l * l * _d[k]; }
            _d[i] = Math.Max(dii, floor);
        }
        _factored = true;
    }

    /// <summary>Solves A x = rhs in place (after <see cref="Factor"/>).</summary>
    public void Solve(Span<double> x)
    {
        if (!_factored) throw new InvalidOperationException("factor first");
        int b = Bandwidth, w = b + 1;
        for (var i = 0; i < Size; i++)
            for (var k = Math.Max(0, i - b); k < i; k++) x[i] -= _a[i * w + k - i + b] * x[k];
        for (var i = 0; i < Size; i++) x[i] /= _d[i];
        for (var i = Size - 1; i >= 0; i--)
            for (var k = i + 1; k <= Math.Min(Size - 1, i + b); k++) x[i] -= _a[k * w + i - k + b] * x[k];
    }

    /// <summary>Forward substitution L y = x in place (after <see cref="Factor"/>), for x zero before <paramref name="start"/>.</summary>
    public void ForwardFrom(Span<double> x, int start)
    {
        if (!_factored) throw new InvalidOperationException("factor first");
        int b = Bandwidth, w = b + 1;
        for (var i = Math.Max(start, 0) + 1; i < Size; i++)
        {
            var k0 = Math.Max(start, i - b);
            double s = 0;
            for (var k = k0; k < i; k++) s += _a[i * w + k - i + b] * x[k];
            x[i] -= s;
        }
    }

    /// <summary>1/D of the factorisation (after <see cref="Factor"/>).</summary>
    public double[] InverseD() => [.. _d.Select(d => 1 / d)];

    /// <summary>The band of A⁻¹ (after <see cref="Factor"/>) by the Takahashi recurrence: entry (i, j) for |i − j| ≤ bandwidth
    /// through <see cref="InverseBand.this"/>.</summary>
    public InverseBand Inverse()
    {
        if (!_factored) throw new InvalidOperationException("factor first");
        int b = Bandwidth, w = b + 1, n = Size;
        var z = new double[n * w]; // upper band of Z: (i, j), i ≤ j ≤ i + b at i·w + (j − i)
        double Z(int i, int j) { if (i > j) (i, j) = (j, i); return z[i * w + j - i]; }
        for (var i = n - 1; i >= 0; i--)
        {
            var kMax = Math.Min(n - 1, i + b);
            for (var j = kMax; j >= i; j--)
            {
                var s = i == j ? 1 / _d[i] : 0;
                for (var k = i + 1; k <= kMax; k++) s -= _a[k * w + i - k + b] * Z(k, j);
                z[i * w + j - i] = s;
            }
        }
        return new InverseBand(z, b);
    }

    /// <summary>The diagonal of A⁻¹ (after <see cref="Factor"/>).</summary>
    public double[] InverseDiagonal()
    {
        var band = Inverse();
        return [.. Enumerable.Range(0, Size).Select(i => band[i, i])];
    }

    /// <summary>The band of a symmetric inverse; entries outside the band are not known (NaN).</summary>
    public sealed class InverseBand(double[] upper, int bandwidth)
    {
        public double this[int i, int j]
        {
            get
            {
                if (i > j) (i, j) = (j, i);
                return j - i > bandwidth ? double.NaN : upper[i * (bandwidth + 1) + j - i];
            }
        }
    }
}
