using Bravais.Learning.Models;
using Bravais.Learning.Models.Logistic;
using Bravais.Learning.Tests.Models.Fixtures;
using Xunit;
using Bravais.Learning.Features;

namespace Bravais.Learning.Tests.Models;

/// <summary>Our L-BFGS logistic regression against scipy minimising scikit-learn's objective (Fixtures/make_logistic_reference.py).</summary>
public class LogisticReferenceTests
{
    private static LogisticClassifier Fitted()
    {
        var model = new LogisticClassifier(new LogisticHyperParameters(C: LogisticReference.C, MaxIterations: 1000, Tolerance: 1e-10));
        var rows = new LabelledRows(new FeatureMatrix(LogisticReference.X, LogisticReference.Rows, LogisticReference.Features), LogisticReference.Y, LogisticReference.Classes);
        model.Fit(rows, null, new FitOptions());
        return model;
    }

    [Fact]
    public void ReachesTheSameOptimumAsScipyOnScikitLearnsObjective()
    {
        var model = Fitted();
        Assert.True(model.LastFit!.Converged);
        // Our objective is scikit-learn's divided by C·n.
        Assert.Equal(LogisticReference.Objective / (LogisticReference.C * LogisticReference.Rows), model.LastFit.Value, 1e-9);
    }

    [Fact]
    public void ProbabilitiesMatchTheReference()
    {
        var model = Fitted();
        var queries = new FeatureMatrix(LogisticReference.Queries, LogisticReference.Queries.Length / LogisticReference.Features, LogisticReference.Features);
        var p = model.PredictProbabilities(queries);
        for (var i = 0; i < p.Length; i++) Assert.Equal(LogisticReference.Probabilities[i], p[i], 1e-5);
    }

    [Fact]
    public void NonPositiveCIsRejected() =>
        Assert.Throws<ArgumentException>(() => new LogisticClassifier(new LogisticHyperParameters(C: 0)));
}
