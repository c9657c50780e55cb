using Bravais.Learning.Models;
using Bravais.Learning.Models.Forest;
using Bravais.Learning.Models.Knn;
using Bravais.Learning.Models.Logistic;
using Xunit;

namespace Bravais.Learning.Tests.Models;

/// <summary>XOR is not linearly separable: logistic regression stays near chance, trees and neighbours solve it.</summary>
public class XorTests
{
    private static readonly LabelledRows Train = SyntheticProblems.Xor(400, seed: 11, noiseFeatures: 1);
    private static readonly LabelledRows Test = SyntheticProblems.Xor(300, seed: 12, noiseFeatures: 1);

    [Fact]
    public void LogisticRegressionCannotSeparateXor()
    {
        var model = new LogisticClassifier(new LogisticHyperParameters(C: 10));
        model.Fit(Train, null, new FitOptions());
        Assert.InRange(SyntheticProblems.Accuracy(model, Test), 0.0, 0.65);
    }

    [Fact]
    public void ForestSeparatesXor()
    {
        var model = new ForestClassifier(new ForestHyperParameters(Trees: 50, MaxFeatures: "all"));
        model.Fit(Train, null, new FitOptions(Seed: 1));
        Assert.True(SyntheticProblems.Accuracy(model, Test) >= 0.95, $"{SyntheticProblems.Accuracy(model, Test):P1}");
    }

    [Fact]
    public void KnnSeparatesXor()
    {
        var model = new KnnClassifier(new KnnHyperParameters(K: 5));
        model.Fit(Train, null, new FitOptions());
        Assert.True(SyntheticProblems.Accuracy(model, Test) >= 0.9, $"{SyntheticProblems.Accuracy(model, Test):P1}");
    }
}
