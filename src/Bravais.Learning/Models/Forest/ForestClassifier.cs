using Bravais.Learning.Models.Common;
using Bravais.Learning.Features;

namespace Bravais.Learning.Models.Forest;

/// <summary>
/// Random forest (Breiman 2001): CART trees with Gini impurity, each on a bootstrap sample, trying a
/// random subset of features at every split. Features are binned once into quantile bins (see
/// <see cref="BinnedFeatures"/>), trees grow in parallel, and tree t draws its randomness only from
/// (seed, t), so the forest is identical for a given seed whatever the thread count. Probabilities are
/// the mean over trees of the leaves' class fractions.
/// </summary>
public sealed class ForestClassifier : IClassifier
{
    private const string Magic = "BRAVAIS-FOREST";
    private const int FormatVersion = 1;

    private TreeNodes? _trees;
    private int _features;

    public ForestClassifier(ForestHyperParameters hyperParameters)
    {
        hyperParameters.Validate();
        Parameters = hyperParameters;
    }

    public string Family => "forest";
    public ForestHyperParameters Parameters { get; }
    public object HyperParameters => Parameters;
    public int ClassCount { get; private set; }

    /// <summary>Total nodes over all trees (0 before fitting).</summary>
    public int NodeCount => _trees?.NodeCount ?? 0;

    public void Fit(LabelledRows train, LabelledRows? validation, FitOptions options)
    {
        TrainingChecks.Validate(train, Family);
        var threads = options.EffectiveThreads;
        var binned = BinnedFeatures.Build(train.X, Parameters.MaxBins, threads);
        var trees = new TreeNodes[Parameters.Trees];
        var done = 0;
        var reportEvery = Math.Max(1, Parameters.Trees / 10);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = options.Cancellation };
        Parallel.For(0, Parameters.Trees, parallel, () => new TreeBuilder(binned, train.Y, train.ClassCount, Parameters), (t, _, builder) =>
        {
            trees[t] = builder.Grow(options.Seed, t);
            var finished = Interlocked.Increment(ref done);
            if (finished % reportEvery == 0 || finished == Parameters.Trees) options.Progress?.Report($"forest: {finished}/{Parameters.Trees} trees");
            return builder;
        }, _ => { });
        _trees = TreeNodes.Concatenate(trees, train.ClassCount);
        _features = train.X.Columns;
        ClassCount = train.ClassCount;
    }

    public void PredictProbabilities(FeatureMatrix x, Span<float> probabilities)
    {
        TrainingChecks.CheckPredict(x, probabilities, _features, ClassCount, Family, _trees is not null);
        var trees = _trees!;
        var k = ClassCount;
        var scale = 1f / trees.Roots.Length;
        var output = new float[probabilities.Length];
        Parallel.ForEach(TrainingChecks.Chunks(x.Rows, 64), chunk =>
        {
            for (var i = chunk.Start; i < chunk.End; i++)
            {
                var p = output.AsSpan(i * k, k);
                trees.AccumulateLeaves(x.ReadOnlyRow(i), p);
                System.Numerics.Tensors.TensorPrimitives.Multiply(p, scale, p);
            }
        });
        output.CopyTo(probabilities);
    }

    public void Save(Stream stream)
    {
        var trees = _trees ?? throw new InvalidOperationException("forest: the model is not fitted");
        using var w = ModelStreams.Writer(stream);
        ModelStreams.WriteHeader(w, Magic, FormatVersion);
        w.Write(ClassCount);
        w.Write(_features);
        ModelStreams.WriteArray(w, trees.Roots);
        ModelStreams.WriteArray(w, trees.Feature);
        ModelStreams.WriteArray(w, trees.Threshold);
        ModelStreams.WriteArray(w, trees.Left);
        ModelStreams.WriteArray(w, trees.Right);
        ModelStreams.WriteArray(w, trees.LeafValues);
    }

    public static ForestClassifier Load(Stream stream, ForestHyperParameters hyperParameters)
    {
        using var r = ModelStreams.Reader(stream);
        ModelStreams.ReadHeader(r, Magic, FormatVersion);
        var classes = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        var features = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        if (classes < 2 || features < 1) throw new InvalidDataException($"{Magic} model is corrupt: {classes} classes, {features} features");
        var trees = new TreeNodes
        {
            Roots = ModelStreams.ReadInts(r, Magic),
            Feature = ModelStreams.ReadInts(r, Magic),
            Threshold = ModelStreams.ReadFloats(r, Magic),
            Left = ModelStreams.ReadInts(r, Magic),
            Right = ModelStreams.ReadInts(r, Magic),
            LeafValues = ModelStreams.ReadFloats(r, Magic),
        };
        trees.Validate(features, classes, Magic);
        return new ForestClassifier(hyperParameters) { _trees = trees, _features = features, ClassCount = classes };
    }
}
