using Bravais.Learning.Data;
using Bravais.Learning.Features;
using Bravais.Learning.Models;

namespace Bravais.Learning.Training;

/// <summary>Which hyper-parameter settings to search: a family's quick or full grid, or settings given per family (JSON file).</summary>
public sealed record GridChoice(GridSize Size, IReadOnlyDictionary<string, IReadOnlyList<object>>? Explicit = null, string Name = "quick")
{
    public static GridChoice Quick => new(GridSize.Quick, null, "quick");
    public static GridChoice Full => new(GridSize.Full, null, "full");

    public IReadOnlyList<object> For(IClassifierFamily family) =>
        Explicit is null ? family.Grid(Size)
        : Explicit.TryGetValue(family.Name, out var settings) ? settings : family.Grid(Size);
}

/// <summary>
/// One run of the training protocol. <see cref="Curves"/> adds a learning curve and the feature-set comparison
/// (profile vs peaks vs both) for the selected setting; <see cref="ImportanceRows"/> caps the validation rows
/// used for permutation importance (0 = skip it). <see cref="ParallelFolds"/>: CV folds fitted side by side (0 = one per thread).
/// <see cref="CurveBudgetSeconds"/>: the curves (about three refits) use the selected family when its refit took less than a
/// third of this, otherwise the best-scoring family that is fast enough (the report says which).
/// <see cref="CheckpointPath"/>: a file where finished CV fits are recorded so an interrupted search resumes (null = none).
/// <see cref="Folds"/>: K of the stratified K-fold CV, or 0 for hold-out validation (each setting fitted once, scored on the validation split).
/// <see cref="Ensemble"/>: also form and score a soft-voting ensemble of the families' best settings.
/// <see cref="Pretraining"/>: an auxiliary labelled set on the same grid (e.g. synthetic patterns) that families able to
/// (<see cref="IPretrainable"/>: the CNN) train on first, once per setting, before fitting the real training rows; it never
/// enters the validation or test part nor the CV scores' held-out rows.
/// </summary>
public sealed record TrainingRequest(
    PatternDataset Data,
    PredictionTarget Target,
    IReadOnlyList<string> Families,
    string DataFile = "",
    string DataSha256 = "",
    int Folds = 5,
    GridChoice? Grid = null,
    int Seed = 0,
    Preprocessing? Preprocessing = null,
    double ValidationFraction = 0.1,
    double TestFraction = 0.1,
    int Threads = 0,
    bool Curves = true,
    int ImportanceRows = 600,
    int TrainScoreRows = 2000,
    int ParallelFolds = 0,
    double CurveBudgetSeconds = 300,
    string? CheckpointPath = null,
    bool Ensemble = true,
    PatternDataset? Pretraining = null,
    string PretrainingFile = "",
    string PretrainingSha256 = "")
{
    public GridChoice EffectiveGrid => Grid ?? GridChoice.Quick;
    public Preprocessing EffectivePreprocessing => Preprocessing ?? new Preprocessing();
}

/// <summary>Progress of a training run: a stage, how far it is, and a line for a human.</summary>
public readonly record struct TrainingProgress(string Stage, int Done, int Total, string Message);
