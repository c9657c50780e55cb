using System.Text.Json;
using Bravais.Learning.Data;
using Bravais.Learning.Models;
using Bravais.Learning.Models.Ensemble;
using Bravais.Learning.Persistence;
using Bravais.Learning.Training;
using Xunit;

namespace Bravais.Learning.Tests.Models;

public class EnsembleTests
{
    // Two models that are each right on half the rows, confidently, and narrowly wrong on the other half (the
    // other model's half); a third one is uninformative. Their average is right everywhere, each alone on half.
    private static (float[] A, float[] B, float[] Noise, int[] Labels) Complementary(int rows = 120)
    {
        const int k = 3;
        var a = new float[rows * k]; var b = new float[rows * k]; var noise = new float[rows * k];
        var labels = new int[rows];
        var random = new Random(3);
        for (var i = 0; i < rows; i++)
        {
            var y = labels[i] = i % k;
            var wrong = (y + 1) % k; var other = (y + 2) % k;
            var (confident, unsure) = i % 2 == 0 ? (a, b) : (b, a);
            confident[i * k + y] = 0.8f; confident[i * k + wrong] = 0.1f; confident[i * k + other] = 0.1f;
            unsure[i * k + wrong] = 0.45f; unsure[i * k + y] = 0.35f; unsure[i * k + other] = 0.2f;
            var u = new[] { random.NextSingle(), random.NextSingle(), random.NextSingle() };
            for (var c = 0; c < k; c++) noise[i * k + c] = u[c] / u.Sum();
        }
        return (a, b, noise, labels);
    }

    [Fact]
    public void SelectionMixesComplementaryModelsAndLeavesOutNoise()
    {
        var (a, b, noise, labels) = Complementary();
        var counts = EnsembleSelection.Select([a, b, noise], labels, 3, Enumerable.Range(0, labels.Length).ToArray());
        Assert.True(counts[0] > 0 && counts[1] > 0, string.Join(",", counts));
        Assert.Equal(0, counts[2]);
        var mix = EnsembleSelection.Mix([a, b, noise], counts, 3, labels.Length);
        Assert.Equal(labels, Bravais.Learning.Metrics.Argmax.Rows(mix, 3));
    }

    [Fact]
    public void CrossValidatedSelectionScoresEachGroupWithWeightsChosenElsewhere()
    {
        var (a, b, noise, labels) = Complementary();
        var groups = Enumerable.Range(0, 4).Select(g => (IReadOnlyList<int>)Enumerable.Range(0, labels.Length).Where(i => i % 4 == g).ToArray()).ToList();
        var (accuracy, counts) = EnsembleSelection.CrossValidate([a, b, noise], labels, 3, groups);
        Assert.Equal(4, accuracy.Length);
        Assert.All(accuracy, x => Assert.Equal(1.0, x));
        Assert.Equal(0, counts[2]);
        // a single candidate: the first step already gives the best prefix
        Assert.Equal([1], EnsembleSelection.Select([a], labels, 3, Enumerable.Range(0, labels.Length).ToArray()));
    }

    [Fact]
    public void EnsembleAveragesItsMembersAndSurvivesSaveAndLoad()
    {
        var data = SyntheticPatterns.Make(4, 12, seed: 8, jitterDegrees: 2);
        var rows = new LabelledRows(data.Intensities, data.BravaisLattices.Select(l => (int)l).ToArray(), 14);
        var hp = new EnsembleHyperParameters([
            new EnsembleMember("centroid", ClassifierFile.ToJson(ClassifierFamilies.Get("centroid").Grid(GridSize.Quick)[0]), 3),
            new EnsembleMember("logistic", ClassifierFile.ToJson(ClassifierFamilies.Get("logistic").Grid(GridSize.Quick)[0]), 1)]);
        var ensemble = (EnsembleClassifier)new EnsembleFamily().Create(hp);
        ensemble.Fit(rows, null, new FitOptions(Seed: 1, Threads: 2));
        var p = ensemble.PredictProbabilities(data.Intensities);
        var p0 = ensemble.Members[0].PredictProbabilities(data.Intensities);
        var p1 = ensemble.Members[1].PredictProbabilities(data.Intensities);
        for (var i = 0; i < p.Length; i++) Assert.Equal(0.75 * p0[i] + 0.25 * p1[i], p[i], 5);

        var stream = new MemoryStream();
        ensemble.Save(stream);
        var back = new EnsembleFamily().Load(new MemoryStream(stream.ToArray()), ClassifierFile.ToJson(hp).Deserialize<EnsembleHyperParameters>(ClassifierFile.Json)!);
        Assert.Equal(p, back.PredictProbabilities(data.Intensities));
        var truncated = stream.ToArray()[..(int)(stream.Length / 2)];
        Assert.Throws<InvalidDataException>(() => new EnsembleFamily().Load(new MemoryStream(truncated), hp));
    }

    [Fact]
    public void BadEnsemblesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new EnsembleClassifier(new EnsembleHyperParameters([])));
        var json = ClassifierFile.ToJson(ClassifierFamilies.Get("centroid").Grid(GridSize.Quick)[0]);
        Assert.Throws<ArgumentException>(() => new EnsembleClassifier(new EnsembleHyperParameters([new EnsembleMember("centroid", json, 0)])));
        Assert.DoesNotContain(EnsembleFamily.FamilyName, ClassifierFamilies.DefaultNames);
        var request = new TrainingRequest(SyntheticPatterns.Make(3, 10, seed: 1), PredictionTarget.Bravais, ["centroid", "ensemble"], Folds: 2, Curves: false, ImportanceRows: 0);
        Assert.Contains("formed from the other families", Assert.Throws<LearningException>(() => TrainingPipeline.Run(request)).Message);
    }
}

public class EnsembleSettingTextTests
{
    [Fact]
    public void AnEnsembleIsDescribedByWeightsFamiliesAndWhatTellsTwinsApart()
    {
        var forest = ClassifierFamilies.Get("forest").Grid(GridSize.Quick); // MaxDepth none and 20
        var hp = new EnsembleHyperParameters([
            new EnsembleMember("forest", ClassifierFile.ToJson(forest[0]), 5),
            new EnsembleMember("forest", ClassifierFile.ToJson(forest[1]), 6),
            new EnsembleMember("knn", ClassifierFile.ToJson(ClassifierFamilies.Get("knn").Grid(GridSize.Quick)[0]), 2)]);
        Assert.Equal("5×forest(MaxDepth=none) + 6×forest(MaxDepth=20) + 2×knn", SettingText.Short(hp, [hp]));
    }
}
