using System.Numerics.Tensors;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Physics;
using Bravais.Analysis.Cleaning;
using Bravais.Diffraction.Profiles;

namespace Bravais.Analysis.SearchMatch;

/// <summary>
/// One reference crystal close to a query: its index in the library, the best cosine similarity, the d-scale
/// where it was reached, the ranking score (cosine + the symmetry preference of the reference's space group), and for a
/// refined reference the relative change of its metric that refinement made (<see cref="CellRefinement.Result.Strain"/>; 0 otherwise).
/// </summary>
public readonly record struct Neighbour(int Entry, float Similarity, float Scale, float Score, float Strain = 0);

/// <summary>
/// Shift-tolerant nearest-neighbour search of a measured pattern in a <see cref="ReferenceLibrary"/>. Every
/// reference is rendered once as Gaussian peaks on the comparison grid and normalised; a query is cleaned
/// (background removed), broadened to the same σ and resampled at each trial d-scale; the similarity of a
/// reference is the largest cosine over the scales, computed only over channels the measurement covers
/// (the reference's norm is taken over the same channels, so an uncovered range neither helps nor hurts).
/// Dot products use <see cref="TensorPrimitives"/> (SIMD) and run in parallel over library blocks.
/// </summary>
public sealed class PatternMatcher
{
    public ReferenceLibrary Library { get; }
    public MatcherOptions Options { get; }
    private readonly float[] _rendered; // Count × G, each row unit norm over the full grid
    private readonly float[] _preference; // per entry: SymmetryPreference × ln(point-group order)
    private readonly int _g;

    public PatternMatcher(ReferenceLibrary library, MatcherOptions options, int threads = 0)
    {
        Library = library; Options = options;
        var grid = options.Grid;
        _g = grid.Count;
        _rendered = new float[(long)library.Count * _g];
        Parallel.For(0, library.Count, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount },
            e => Render(library, e, options, _rendered.AsSpan(e * _g, _g)));
        _preference = new float[library.Count];
        if (options.SymmetryPreference != 0)
            for (var e = 0; e < library.Count; e++) _preference[e] = (float)SymmetryPreference(library.SpaceGroups[e], options.SymmetryPreference);
    }

    /// <summary>
    /// Occam's razor for search–match: λ · ln(order of the point group of space group <paramref name="spaceGroup"/>)
    /// (1 for P1 … 48 for m-3m). A calculated library holds many ordered or slightly distorted low-symmetry variants
    /// of one structure whose patterns are almost the same; among equally good fits the more symmetric one is preferred.
    /// Unknown numbers get no preference.
    /// </summary>
    public static double SymmetryPreference(int spaceGroup, double lambda) =>
        lambda == 0 || spaceGroup is < 1 or > 230 ? 0 : lambda * Math.Log(PointGroupOrders.Value[spaceGroup]);

    private static readonly Lazy<int[]> PointGroupOrders = new(() =>
    {
        var orders = new int[231];
        for (var n = 1; n <= 230; n++)
            orders[n] = Crystallography.Symmetry.SpaceGroups.ByNumber(n).Operations.Select(o => (o.R00, o.R01, o.R02, o.R10, o.R11, o.R12, o.R20, o.R21, o.R22)).Distinct().Count();
        return orders;
    });

    /// <summary>Writes reference <paramref name="entry"/> as unit-norm Gaussian peaks on the grid.</summary>
    public static void Render(ReferenceLibrary library, int entry, MatcherOptions options, Span<float> row)
    {
        RenderPeaks(library.DSpacings(entry), library.Intensities(entry), options, options.RelativeTolerance, 1.0, row, 0);
        var norm = TensorPrimitives.Norm(row);
        if (norm > 0) TensorPrimitives.Divide(row, norm, row);
    }

    /// <summary>
    /// Writes stick peaks (d, I) as Gaussians of σ² = (f·σ)² + (2 tanθ ε)² (ε = <paramref name="relativeTolerance"/>, f =
    /// <paramref name="widthFactor"/>) into <paramref name="row"/>, which holds grid channels <paramref name="firstChannel"/> onward.
    /// Not normalised; <paramref name="row"/> is cleared first.
    /// </summary>
    public static void RenderPeaks(ReadOnlySpan<float> d, ReadOnlySpan<float> I, MatcherOptions options, double relativeTolerance, double widthFactor, Span<float> row, int firstChannel)
    {
        row.Clear();
        var power = options.IntensityPower;
        var sigma0 = widthFactor * options.SigmaDegrees / Math.Sqrt(power);
        var grid = options.Grid;
        var step = grid.StepDegrees;
        var origin = grid.StartDegrees + firstChannel * step;
        var wavelength = options.Instrument.WavelengthAngstrom;
        for (var k = 0; k < d.Length; k++)
        {
            var theta = Bragg.ThetaRadians(d[k], wavelength);
            if (double.IsNaN(theta)) continue;
            var t = 360 / Math.PI * theta;
            var widening = 2 * Math.Tan(theta) * relativeTolerance * 180 / Math.PI;
            var sigma = Math.Sqrt(sigma0 * sigma0 + widening * widening);
            var height = power == 1 ? I[k] : Math.Pow(I[k], power);
            GaussianPeaks.Add(row, origin, step, t, height, sigma, reachSigmas: 4);
        }
    }

    /// <summary>The query rendered at each trial scale, restricted to the channels covered at every scale.</summary>
    public QueryVectors Prepare(CleanedPattern cleaned, PreprocessingOptions preprocessing)
    {
        var scales = Options.Scales();
        var spec = Options.Instrument;
        var options = preprocessing with { Normalisation = Normalisation.Max, UncoveredFill = 0f, BroadenToModel = true };
        var vectors = new float[scales.Length][];
        var covered = Enumerable.Repeat(true, _g).ToArray();
        for (var s = 0; s < scales.Length; s++)
        {
            var p = MeasuredPreprocessor.ToGrid(cleaned, spec, options, scales[s]);
            vectors[s] = p.Values;
            for (var c = 0; c < _g; c++) covered[c] &= p.Covered[c];
        }
        var unscaled = MeasuredPreprocessor.ToGrid(cleaned, spec, options, 1.0);
        for (var c = 0; c < _g; c++) covered[c] &= unscaled.Covered[c];
        var first = Array.IndexOf(covered, true); var last = Array.LastIndexOf(covered, true);
        if (first < 0) throw new AnalysisException("the measurement does not overlap the comparison grid at every trial scale", new(cleaned.Source));
        foreach (var v in vectors.Append(unscaled.Values))
        {
            if (Options.IntensityPower != 1)
                for (var c = 0; c < v.Length; c++) v[c] = MathF.Pow(v[c], (float)Options.IntensityPower);
            v.AsSpan(0, first).Clear();
            v.AsSpan(last + 1).Clear();
            var n = TensorPrimitives.Norm(v);
            if (n > 0) TensorPrimitives.Divide(v, n, v);
        }
        return new QueryVectors(vectors, scales, first, last, unscaled.Values);
    }

    /// <summary>The query at each trial scale and at scale 1 (<see cref="Unscaled"/>, for cell refinement), unit norm over the covered channels.</summary>
    public sealed record QueryVectors(float[][] Vectors, double[] Scales, int FirstCovered, int LastCovered, float[] Unscaled);

    /// <summary>
    /// Refines the cells of the first <see cref="MatcherOptions.RefineCandidates"/> neighbours against the query
    /// (<see cref="CellRefinement"/>) and ranks them by refined cosine + symmetry preference − <see cref="MatcherOptions.FreeParameterPenalty"/>
    /// per free metric parameter beyond the first; the other neighbours follow unchanged. Needs a library with cells.
    /// </summary>
    public Neighbour[] Refine(QueryVectors query, Neighbour[] neighbours, int threads = 0)
    {
        var m = Math.Min(Options.RefineCandidates, neighbours.Length);
        if (m <= 0) return neighbours;
        var cells = Library.RequireCells();
        var refined = new Neighbour[m];
        var workers = Math.Max(1, Math.Min(m, threads > 0 ? threads : Environment.ProcessorCount));
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var refinement = new CellRefinement(Options);
            for (var i = w; i < m; i += workers)
            {
                var nb = neighbours[i];
                var r = refinement.Refine(Library, nb.Entry, query.Unscaled, query.FirstCovered, query.LastCovered, nb.Scale);
                var penalty = Options.FreeParameterPenalty * (cells.Dimension(nb.Entry) - 1);
                refined[i] = new Neighbour(nb.Entry, r.Similarity, nb.Scale, (float)(r.Similarity + _preference[nb.Entry] - penalty), r.Strain);
            }
        });
        return [.. refined.OrderByDescending(x => x.Score).ThenBy(x => x.Entry), .. neighbours.Skip(m)];
    }

    /// <summary>The <paramref name="k"/> most similar references (best first). <paramref name="exclude"/> skips entries (held-out checks).</summary>
    public Neighbour[] Search(QueryVectors query, int k, Func<int, bool>? exclude = null, int threads = 0, CancellationToken cancellation = default)
    {
        var n = Library.Count;
        var blocks = Math.Max(1, threads > 0 ? threads : Environment.ProcessorCount) * 4;
        var partial = new List<Neighbour>[blocks];
        var a = query.FirstCovered; var len = query.LastCovered - query.FirstCovered + 1;
        var full = a == 0 && len == _g;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount, CancellationToken = cancellation }, b =>
        {
            var top = new TopK(k);
            var from = (int)((long)n * b / blocks); var to = (int)((long)n * (b + 1) / blocks);
            for (var e = from; e < to; e++)
            {
                if (exclude is not null && exclude(e)) continue;
                var row = new ReadOnlySpan<float>(_rendered, e * _g + a, len);
                var norm = full ? 1f : TensorPrimitives.Norm(row);
                if (norm <= 0) continue;
                float best = -1; var bestScale = 0;
                for (var s = 0; s < query.Vectors.Length; s++)
                {
                    var dot = TensorPrimitives.Dot(row, new ReadOnlySpan<float>(query.Vectors[s], a, len));
                    if (dot > best) { best = dot; bestScale = s; }
                }
                var cosine = best / norm;
                top.Offer(new Neighbour(e, cosine, (float)query.Scales[bestScale], cosine + _preference[e]));
            }
            partial[b] = top.Items;
        });
        return partial.SelectMany(p => p).OrderByDescending(x => x.Score).ThenBy(x => x.Entry).Take(k).ToArray();
    }

    /// <summary>
    /// Class scores from neighbours: logit_c = log Σ_{neighbours of class c} exp(score / τ) (score = cosine + symmetry
    /// preference; −∞ → a floor when no neighbour votes for c). Softmax of these (after temperature scaling) are the probabilities.
    /// </summary>
    public static double[] Logits(ReferenceLibrary library, IReadOnlyList<Neighbour> neighbours, double voteTemperature, int classes = 14)
    {
        var logits = new double[classes];
        Array.Fill(logits, double.NegativeInfinity);
        foreach (var nb in neighbours)
        {
            var c = (int)library.Lattices[nb.Entry];
            var v = nb.Score / voteTemperature;
            logits[c] = double.IsNegativeInfinity(logits[c]) ? v : Math.Max(logits[c], v) + Math.Log(1 + Math.Exp(-Math.Abs(logits[c] - v)));
        }
        // classes with no vote sit a fixed margin below the weakest voting neighbour
        var floor = neighbours.Count == 0 ? 0 : neighbours.Min(x => x.Score) / voteTemperature - 3;
        for (var c = 0; c < classes; c++) if (double.IsNegativeInfinity(logits[c])) logits[c] = floor;
        return logits;
    }

    /// <summary>
    /// Space-group scores from the same neighbours and temperature as <see cref="Logits"/>: logit_g = log Σ_{neighbours of
    /// space group g} exp(score / τ), for the groups that received a vote.
    /// </summary>
    public static Dictionary<int, double> SpaceGroupLogits(ReferenceLibrary library, IReadOnlyList<Neighbour> neighbours, double voteTemperature)
    {
        var logits = new Dictionary<int, double>();
        foreach (var nb in neighbours)
        {
            var g = (int)library.SpaceGroups[nb.Entry];
            var v = nb.Score / voteTemperature;
            logits[g] = logits.TryGetValue(g, out var l) ? Math.Max(l, v) + Math.Log(1 + Math.Exp(-Math.Abs(l - v))) : v;
        }
        return logits;
    }

    private sealed class TopK(int k)
    {
        public List<Neighbour> Items { get; } = new(k + 1);
        private float _min = float.NegativeInfinity;

        public void Offer(Neighbour n)
        {
            if (Items.Count >= k && n.Score <= _min) return;
            Items.Add(n);
            if (Items.Count > k)
            {
                var worst = 0;
                for (var i = 1; i < Items.Count; i++) if (Items[i].Score < Items[worst].Score) worst = i;
                Items.RemoveAt(worst);
            }
            if (Items.Count >= k) { _min = Items[0].Score; foreach (var x in Items) _min = Math.Min(_min, x.Score); }
        }
    }
}
