using Bravais.Learning.Models;
using Bravais.Learning.Models.Forest;
using Xunit;
using Bravais.Learning.Features;

namespace Bravais.Learning.Tests.Models;

public class ForestSplitTests
{
    // Ten rows, two binary features, hand-made so that Gini prefers feature A although B misclassifies no more:
    //   split on A: left {4×class0}, right {2×class0, 4×class1} → weighted Gini 0.6·(1 − 1/9 − 4/9) = 0.2667
    //   split on B: left {5×class0, 1×class1}, right {1×class0, 3×class1} → 0.6·10/36 + 0.4·6/16 = 0.3167
    private static readonly float[,] Rows =
    {
        { 0, 0 }, { 0, 0 }, { 0, 0 }, { 0, 0 }, { 1, 0 }, { 1, 1 }, // class 0
        { 1, 0 }, { 1, 1 }, { 1, 1 }, { 1, 1 },                     // class 1
    };
    private static readonly int[] Labels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];

    private static LabelledRows Data()
    {
        var x = new FeatureMatrix(10, 2);
        for (var i = 0; i < 10; i++) { x[i, 0] = Rows[i, 0]; x[i, 1] = Rows[i, 1]; }
        return new LabelledRows(x, Labels, 2);
    }

    private static float[] Stump(ForestHyperParameters hp, float a, float b)
    {
        var model = new ForestClassifier(hp);
        model.Fit(Data(), null, new FitOptions());
        var query = new FeatureMatrix([a, b], 1, 2);
        return model.PredictProbabilities(query);
    }

    private static readonly ForestHyperParameters OneStump = new(Trees: 1, MaxDepth: 1, MaxFeatures: "all", Bootstrap: false);

    [Fact]
    public void GiniChoosesTheLowerWeightedImpurity()
    {
        // A chosen: (A=0, B=1) lands in the pure left leaf; had B been chosen it would get [1/4, 3/4].
        Assert.Equal([1f, 0f], Stump(OneStump, 0, 1));
        var right = Stump(OneStump, 1, 0);
        Assert.Equal(1 / 3f, right[0], 6);
        Assert.Equal(2 / 3f, right[1], 6);
    }

    [Fact]
    public void ThresholdIsTheMidpointBetweenTrainingValues()
    {
        Assert.Equal([1f, 0f], Stump(OneStump, 0.49f, 1));
        Assert.Equal(1 / 3f, Stump(OneStump, 0.51f, 1)[0], 6);
    }

    [Fact]
    public void MinSamplesLeafForbiddingBothSplitsLeavesTheRootAsLeaf()
    {
        // A would leave 4 rows on the left, B 4 on the right: with 5 required neither is allowed.
        var p = Stump(OneStump with { MinSamplesLeaf = 5 }, 0, 0);
        Assert.Equal(0.6f, p[0], 6);
        Assert.Equal(0.4f, p[1], 6);
    }

    [Fact]
    public void FullDepthTreeFitsTrainingRowsUpToDuplicates()
    {
        // Rows (1,0) and (1,1) occur with both labels; every other cell is pure and must be predicted with certainty.
        var model = new ForestClassifier(OneStump with { MaxDepth = null });
        model.Fit(Data(), null, new FitOptions());
        var p = model.PredictProbabilities(new FeatureMatrix([0, 0, 1, 0, 1, 1], 3, 2));
        Assert.Equal([1f, 0f], p[..2]);
        Assert.Equal(0.5f, p[2], 6);  // (1,0): one of each class
        Assert.Equal(0.25f, p[4], 6); // (1,1): one class 0, three class 1
    }

    [Theory]
    [InlineData(new float[] { 0, 0, 0, 5, 5, 5, 5 }, 2, new float[] { 2.5f })]
    [InlineData(new float[] { 1, 2, 3, 4 }, 255, new float[] { 1.5f, 2.5f, 3.5f })]
    public void BinEdgesAreMidpointsOfDistinctValues(float[] sorted, int maxBins, float[] expected) =>
        Assert.Equal(expected, BinnedFeatures.EdgesOf(sorted, maxBins));

    [Fact]
    public void HeavilyRepeatedValueGetsItsOwnBinAndTheRestShareTheOthers()
    {
        // 900 zeros and 100 distinct positive values, 11 bins: zero alone, then ~10 values per bin.
        var values = Enumerable.Repeat(0f, 900).Concat(Enumerable.Range(1, 100).Select(i => (float)i)).ToArray();
        var edges = BinnedFeatures.EdgesOf(values, 11);
        Assert.Equal(10, edges.Length);
        Assert.Equal(0.5f, edges[0]);
        var perBin = edges.Zip(edges.Skip(1)).Select(e => e.Second - e.First);
        Assert.All(perBin, width => Assert.InRange(width, 9f, 11f));
        Assert.Equal(0, BinnedFeatures.BinOf(edges, 0f));
        Assert.Equal(edges.Length, BinnedFeatures.BinOf(edges, 1000f));
    }
}
