using System.Numerics.Tensors;

namespace Bravais.Analysis.SearchMatch;

/// <summary>
/// Refines one reference crystal's cell against a measured pattern, within the reference's own lattice symmetry.
/// A library of calculated (DFT) crystals has cells 1–3 % off, and not uniformly: a layered mineral's stacking
/// axis is off by more than its in-plane axes. The common d-scale of the search absorbs the uniform part; the rest
/// shifts high-angle peaks by up to several widths and can make a distorted lower-symmetry variant look better than
/// the right structure. Here the reciprocal metric moves along the directions its symmetry allows
/// (<see cref="ReferenceCells"/>: 1 for cubic … 6 for triclinic), starting from the search's best scale, by a compass
/// search (each direction ± a step, halving the step when nothing improves) that maximises the cosine with the query,
/// first with twice the peak width (a smoother landscape) and then with the matcher's own. The relative change of the
/// metric is bounded by <see cref="MatcherOptions.RefineMaxStrain"/>. Deterministic; one instance per thread, no allocation per refinement.
/// </summary>
public sealed class CellRefinement
{
    /// <summary>The refined cosine and the relative metric change (beyond the common scale) that reached it.</summary>
    public readonly record struct Result(float Similarity, float Strain);

    private const int MaxPeaks = 512;
    private readonly MatcherOptions _options;
    private readonly float[] _row, _query;
    private readonly double[] _quadratic = new double[6 * MaxPeaks], _baseInverseSquare = new double[MaxPeaks];
    private readonly float[] _d = new float[MaxPeaks], _intensity = new float[MaxPeaks];
    private readonly double[] _p = new double[6], _trial = new double[6], _zero = new double[6];
    private int _n, _dim, _first, _last;

    public CellRefinement(MatcherOptions options)
    {
        _options = options;
        _row = new float[options.Grid.Count];
        _query = new float[options.Grid.Count];
    }

    /// <param name="query">The query at d-scale 1 on the matcher grid, unit norm over channels <paramref name="first"/>…<paramref name="last"/>.</param>
    /// <param name="scale">The search's best d-scale of the query for this reference (the refinement starts from it).</param>
    public Result Refine(ReferenceLibrary library, int entry, ReadOnlySpan<float> query, int first, int last, double scale)
    {
        var cells = library.RequireCells();
        var start = library.PeakStart[entry];
        _n = Math.Min(library.PeakStart[entry + 1] - start, MaxPeaks);
        _dim = cells.Dimension(entry);
        _first = first; _last = last;
        query[first..(last + 1)].CopyTo(_query.AsSpan(first));
        var d0 = library.DSpacings(entry);
        library.Intensities(entry)[.._n].CopyTo(_intensity);
        for (var k = 0; k < _n; k++)
        {
            _baseInverseSquare[k] = scale * scale / ((double)d0[k] * d0[k]);
            for (var j = 0; j < _dim; j++) _quadratic[k * 6 + j] = cells.Quadratic(entry, j, start + k);
        }
        Array.Clear(_p);
        // stage 1: wide peaks, to reach the basin; stage 2: the matcher's width, from there; never worse than the start
        Search(2.0);
        var refined = Search(1.0);
        var unrefined = Similarity(_zero, 1.0);
        if (unrefined >= refined) { Array.Clear(_p); refined = unrefined; }
        return new Result((float)refined, (float)Norm(_p));
    }

    private double Search(double widthFactor)
    {
        var best = Similarity(_p, widthFactor);
        var step = _options.RefineStep;
        var evaluations = 0;
        while (step >= _options.RefineStep / 8 && evaluations < 60 * Math.Max(_dim, 1))
        {
            var improved = false;
            for (var j = 0; j < _dim; j++)
            {
                for (var sign = 1; sign >= -1; sign -= 2)
                {
                    Array.Copy(_p, _trial, 6);
                    _trial[j] += sign * step;
                    if (Norm(_trial) > _options.RefineMaxStrain) continue;
                    var v = Similarity(_trial, widthFactor);
                    evaluations++;
                    if (v > best) { best = v; Array.Copy(_trial, _p, 6); improved = true; break; }
                }
            }
            if (!improved) step /= 2;
        }
        return best;
    }

    private double Similarity(double[] change, double widthFactor)
    {
        for (var k = 0; k < _n; k++)
        {
            var inverseSquare = _baseInverseSquare[k];
            for (var j = 0; j < _dim; j++) inverseSquare += change[j] * _quadratic[k * 6 + j];
            _d[k] = inverseSquare > 0 ? (float)(1 / Math.Sqrt(inverseSquare)) : float.PositiveInfinity;
        }
        var row = _row.AsSpan(_first, _last - _first + 1);
        PatternMatcher.RenderPeaks(_d.AsSpan(0, _n), _intensity.AsSpan(0, _n), _options, _options.RefinedTolerance, widthFactor, row, _first);
        var norm = TensorPrimitives.Norm(row);
        return norm > 0 ? TensorPrimitives.Dot(row, _query.AsSpan(_first, row.Length)) / norm : -1;
    }

    private static double Norm(double[] x)
    {
        double s = 0;
        foreach (var v in x) s += v * v;
        return Math.Sqrt(s);
    }
}
