using Bravais.Learning.Features;
using Bravais.Learning.Models.Centroid;
using Bravais.Learning.Models.Ensemble;
using Bravais.Learning.Models.LightGbm;
using Bravais.Learning.Models.Forest;
using Bravais.Learning.Models.Knn;
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
        new CnnFamily(),
        new EnsembleFamily(),
    ];

    /// <summary>
    /// Families used by <c>bravais train</c> when --models is not given: every registered one except the CNN, whose
    /// K-fold grid search takes hours on a laptop-class CPU (ask for it with --models …,cnn), and the ensemble, which is
    /// formed from the others rather than searched.
    /// </summary>
    public static IReadOnlyList<string> DefaultNames => All.Where(f => f is not CnnFamily and not EnsembleFamily).Select(f => f.Name).ToArray();

    /// <summary>
    /// The preprocessing a family's models are trained behind. Every family takes the requested steps except the
    /// CNN, which reads the raw profile on the grid (it scales each row to max 1, augments and transforms the
    /// intensities itself): no peak features, no scaling, no normalisation.
    /// </summary>
    public static Preprocessing PreprocessingFor(IClassifierFamily family, Preprocessing requested) => family switch
    {
        CnnFamily => requested with { Features = FeatureSet.Profile, Scaling = IntensityScaling.None, NormaliseMax = false },
        _ => requested,
    };

    public static IClassifierFamily Get(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new LearningException($"unknown model family '{name}' (available: {string.Join(", ", All.Select(f => f.Name))})");
}
