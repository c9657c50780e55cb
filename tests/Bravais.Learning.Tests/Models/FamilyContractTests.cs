using System.Text.Json;
using Bravais.Learning.Models;
using Bravais.Learning.Models.Common;
using Bravais.Learning.Models.Forest;
using Bravais.Learning.Models.Knn;
using Bravais.Learning.Models.LightGbm;
using Bravais.Learning.Models.Logistic;
using Xunit;
using Bravais.Learning.Features;

namespace Bravais.Learning.Tests.Models;

/// <summary>What every classical family promises: learns blobs, valid probabilities, determinism, Save/Load, JSON hyper-parameters.</summary>
public class FamilyContractTests
{
    public static TheoryData<string> Families => new() { "logistic", "knn", "forest", "lightgbm" };

    internal static IClassifierFamily Family(string name) => name switch
    {
        "logistic" => LogisticFamily.Instance,
        "knn" => KnnFamily.Instance,
        "forest" => ForestFamily.Instance,
        "lightgbm" => LightGbmFamily.Instance,
        _ => throw new ArgumentException(name),
    };

    private static object SmallSetting(string name) => name switch
    {
        "logistic" => new LogisticHyperParameters(C: 1),
        "knn" => new KnnHyperParameters(K: 5),
        "forest" => new ForestHyperParameters(Trees: 30),
        "lightgbm" => new LightGbmHyperParameters(NumberOfLeaves: 7, Rounds: 40, MinExamplesPerLeaf: 5),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void LearnsSeparableBlobs(string name)
    {
        var train = SyntheticProblems.Blobs(60, 4, 6, seed: 1);
        var test = SyntheticProblems.Blobs(50, 4, 6, seed: 2);
        var model = Family(name).Create(SmallSetting(name));
        model.Fit(train, null, new FitOptions(Seed: 3));
        Assert.Equal(4, model.ClassCount);
        // Centres 4√2 apart with σ = 0.8: the Bayes error is about 0.03%; every family should be near perfect.
        Assert.True(SyntheticProblems.Accuracy(model, test) >= 0.97, $"{name}: {SyntheticProblems.Accuracy(model, test):P1}");
        SyntheticProblems.AssertProbabilitiesSumToOne(model.PredictProbabilities(test.X), 4);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void SameSeedGivesIdenticalProbabilitiesWhateverTheThreads(string name)
    {
        var train = SyntheticProblems.Blobs(40, 3, 5, seed: 4);
        var test = SyntheticProblems.Blobs(20, 3, 5, seed: 5);
        var a = Family(name).Create(SmallSetting(name));
        var b = Family(name).Create(SmallSetting(name));
        a.Fit(train, null, new FitOptions(Seed: 7, Threads: 1));
        b.Fit(train, null, new FitOptions(Seed: 7, Threads: 2));
        Assert.Equal(a.PredictProbabilities(test.X), b.PredictProbabilities(test.X));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void SaveThenLoadPredictsIdentically(string name)
    {
        var train = SyntheticProblems.Blobs(40, 3, 5, seed: 8);
        var test = SyntheticProblems.Blobs(20, 3, 5, seed: 9);
        var model = Family(name).Create(SmallSetting(name));
        model.Fit(train, null, new FitOptions(Seed: 1));
        var loaded = SyntheticProblems.RoundTrip(model, Family(name));
        Assert.Equal(model.ClassCount, loaded.ClassCount);
        Assert.Equal(model.PredictProbabilities(test.X), loaded.PredictProbabilities(test.X));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void TruncatedOrForeignStreamIsRefusedClearly(string name)
    {
        var model = Family(name).Create(SmallSetting(name));
        model.Fit(SyntheticProblems.Blobs(20, 3, 4, seed: 1), null, new FitOptions());
        using var full = new MemoryStream();
        model.Save(full);
        var bytes = full.ToArray();
        var truncated = Assert.Throws<InvalidDataException>(() => Family(name).Load(new MemoryStream(bytes[..(bytes.Length - 7)]), model.HyperParameters));
        Assert.Contains("truncated", truncated.Message);
        var foreign = Assert.Throws<InvalidDataException>(() => Family(name).Load(new MemoryStream("PK\u0003\u0004 not a model"u8.ToArray()), model.HyperParameters));
        Assert.Contains("not a", foreign.Message);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void HyperParametersRoundTripThroughJson(string name)
    {
        var family = Family(name);
        foreach (var setting in family.Grid(GridSize.Full).Concat(family.Grid(GridSize.Quick)))
        {
            Assert.IsType(family.HyperParameterType, setting);
            var json = JsonSerializer.Serialize(setting, family.HyperParameterType, HyperParameterRecords.Json);
            var back = JsonSerializer.Deserialize(json, family.HyperParameterType, HyperParameterRecords.Json);
            Assert.Equal(setting, back);
            // A JsonElement (as read from a grid file or manifest) is accepted by Create.
            using var doc = JsonDocument.Parse(json);
            Assert.Equal(setting, family.Create(doc.RootElement.Clone()).HyperParameters);
        }
        Assert.NotNull(family.HyperParameterType.GetProperty(family.MainHyperParameter));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void FeatureCountMismatchAndBadLabelsAreRejected(string name)
    {
        var model = Family(name).Create(SmallSetting(name));
        var train = SyntheticProblems.Blobs(10, 3, 4, seed: 1);
        var bad = new LabelledRows(train.X, train.Y.Select((y, i) => i == 5 ? 7 : y).ToArray(), 3);
        var error = Assert.Throws<ArgumentException>(() => model.Fit(bad, null, new FitOptions()));
        Assert.Contains("row 5", error.Message);
        model.Fit(train, null, new FitOptions());
        Assert.Throws<ArgumentException>(() => model.PredictProbabilities(new FeatureMatrix(2, 5)));
    }

    [Fact]
    public void QuickGridsAreTheAgreedOnes()
    {
        Assert.Equal([0.1, 1, 10], LogisticFamily.Instance.Grid(GridSize.Quick).Cast<LogisticHyperParameters>().Select(h => h.C));
        var knn = KnnFamily.Instance.Grid(GridSize.Quick).Cast<KnnHyperParameters>().ToArray();
        Assert.Equal(6, knn.Length);
        Assert.Equal([1, 5, 15], knn.Select(h => h.K).Distinct());
        Assert.Equal([KnnMetric.Euclidean, KnnMetric.Cosine], knn.Select(h => h.Metric).Distinct());
        var forest = ForestFamily.Instance.Grid(GridSize.Quick).Cast<ForestHyperParameters>().ToArray();
        Assert.Equal([null, 20], forest.Select(h => h.MaxDepth));
        Assert.All(forest, h => { Assert.Equal(300, h.Trees); Assert.Equal("sqrt", h.MaxFeatures); });
        var lightgbm = LightGbmFamily.Instance.Grid(GridSize.Quick).Cast<LightGbmHyperParameters>().ToArray();
        Assert.Equal([15, 31], lightgbm.Select(h => h.NumberOfLeaves));
        Assert.All(lightgbm, h => { Assert.Equal(0.05, h.LearningRate); Assert.Equal(1000, h.Rounds); Assert.Equal(0.3, h.FeatureFraction); });
    }
}
