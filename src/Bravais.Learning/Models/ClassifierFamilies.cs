using Bravais.Learning.Models.Centroid;
using Bravais.Learning.Models.Forest;
using Bravais.Learning.Models.Knn;
using Bravais.Learning.Models.LightGbm;
using Bravais.Learning.Models.Logistic;
using Bravais.Learning.Models.Neural;

namespace Bravais.Learning.Models;

/// <summary>The model families the pipeline knows, looked up by <see cref="IClassifierFamily.Name"/>.</summary>
public static class ClassifierFamilies
{
    public static IReadOnlyList<IClassifierFamily> All { get; } =
    [
        new CentroidFamily(),
        new LogisticFamily(),
        new KnnFamily(),
        new ForestFamily(),
        new LightGbmFamily(),
        new MlpFamily(),
    ];

    /// <summary>Families used by <c>bravais train</c> when --models is not given: every registered one.</summary>
    public static IReadOnlyList<string> DefaultNames => All.Select(f => f.Name).ToArray();

    public static IClassifierFamily Get(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new LearningException($"unknown model family '{name}' (available: {string.Join(", ", All.Select(f => f.Name))})");
}
