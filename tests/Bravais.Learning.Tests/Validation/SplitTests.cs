using Bravais.Learning.Validation;
using Xunit;

namespace Bravais.Learning.Tests.Validation;

public class SplitTests
{
    private static int[] Labels(params int[] countsPerClass) =>
        countsPerClass.SelectMany((n, c) => Enumerable.Repeat(c, n)).ToArray();

    [Fact]
    public void SplitIsDisjointCoversEveryRowAndKeepsClassProportions()
    {
        var labels = Labels(1000, 500, 200, 300);
        var s = StratifiedSplit.Split(labels, 0.1, 0.1, seed: 3);
        var all = s.Train.Concat(s.Validation).Concat(s.Test).ToArray();
        Assert.Equal(labels.Length, all.Length);
        Assert.Equal(labels.Length, all.Distinct().Count());
        Assert.Equal(200, s.Test.Length);
        Assert.Equal(200, s.Validation.Length);
        // with counts that are multiples of 10, every class gets exactly 10% / 10% / 80%
        foreach (var (c, n) in new[] { (0, 1000), (1, 500), (2, 200), (3, 300) })
        {
            Assert.Equal(n / 10, s.Test.Count(i => labels[i] == c));
            Assert.Equal(n / 10, s.Validation.Count(i => labels[i] == c));
        }
    }

    [Fact]
    public void UnevenClassesStayWithinOneRowOfTheirShare()
    {
        var labels = Labels(37, 53, 11, 99, 5);
        var s = StratifiedSplit.Split(labels, 0.15, 0.2, seed: 1);
        for (var c = 0; c < 5; c++)
        {
            var n = labels.Count(l => l == c);
            Assert.InRange(s.Test.Count(i => labels[i] == c), n * 0.2 - 1, n * 0.2 + 1);
            Assert.InRange(s.Validation.Count(i => labels[i] == c), n * 0.15 - 1, n * 0.15 + 1);
        }
        Assert.Equal(Math.Round(labels.Length * 0.2), s.Test.Length, 0);
    }

    [Fact]
    public void RareClassesStayInTrain()
    {
        var labels = Labels(100, 1, 2, 3);
        var s = StratifiedSplit.Split(labels, 0.1, 0.1, seed: 0);
        Assert.Contains(100, s.Train);               // the single member of class 1
        Assert.Contains(101, s.Train); Assert.Contains(102, s.Train); // both of class 2
        Assert.True(s.Train.Count(i => labels[i] == 3) >= 1);         // class 3 keeps at least one in train
    }

    [Fact]
    public void SameSeedSameSplitOtherSeedOtherSplit()
    {
        var labels = Labels(50, 50, 50);
        Assert.Equal(StratifiedSplit.Split(labels, seed: 5).Test, StratifiedSplit.Split(labels, seed: 5).Test);
        Assert.NotEqual(StratifiedSplit.Split(labels, seed: 5).Test, StratifiedSplit.Split(labels, seed: 6).Test);
    }

    [Fact]
    public void KFoldHoldsEveryRowOutExactlyOnceAndStratifies()
    {
        var labels = Labels(100, 50, 25, 3);
        var folds = StratifiedKFold.Split(labels, 5, seed: 2);
        Assert.Equal(5, folds.Count);
        var held = folds.SelectMany(f => f.Held).ToArray();
        Assert.Equal(labels.Length, held.Length);
        Assert.Equal(Enumerable.Range(0, labels.Length), held.Order());
        foreach (var f in folds)
        {
            Assert.Empty(f.Train.Intersect(f.Held));
            Assert.Equal(labels.Length, f.Train.Length + f.Held.Length);
            Assert.InRange(f.Held.Length, labels.Length / 5, labels.Length / 5 + 1);
            Assert.Equal(20, f.Held.Count(i => labels[i] == 0));
            Assert.Equal(10, f.Held.Count(i => labels[i] == 1));
            Assert.InRange(f.Held.Count(i => labels[i] == 2), 5, 5);
        }
        Assert.Equal(3, folds.Count(f => f.Held.Any(i => labels[i] == 3))); // a 3-member class lands in 3 different folds
    }

    [Fact]
    public void KFoldRejectsTooFewFolds() =>
        Assert.Throws<LearningException>(() => StratifiedKFold.Split(Labels(10, 10), 1));
}
