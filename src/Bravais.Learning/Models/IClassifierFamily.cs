namespace Bravais.Learning.Models;

/// <summary>How large a hyper-parameter grid to search.</summary>
public enum GridSize { Quick, Full }

/// <summary>
/// A model family (logistic, knn, forest, lightgbm, mlp, cnn): makes untrained classifiers from plain
/// hyper-parameter records, proposes grids to search, and restores fitted models. The pipeline knows
/// families only through this contract.
/// </summary>
public interface IClassifierFamily
{
    /// <summary>Name used on the command line and in model files.</summary>
    string Name { get; }

    /// <summary>The record type of this family's hyper-parameters (serialised as JSON in manifests).</summary>
    Type HyperParameterType { get; }

    /// <summary>Name of the hyper-parameter a validation curve is drawn against (e.g. "C", "K", "MaxDepth").</summary>
    string MainHyperParameter { get; }

    /// <summary>The settings to search, each an instance of <see cref="HyperParameterType"/>.</summary>
    IReadOnlyList<object> Grid(GridSize size);

    /// <summary>A new, unfitted classifier.</summary>
    IClassifier Create(object hyperParameters);

    /// <summary>Restores a classifier written by <see cref="IClassifier.Save"/>.</summary>
    IClassifier Load(Stream stream, object hyperParameters);
}
