using System.Text.Json;
using Bravais.Diffraction;
using Bravais.Learning.Features;
using Bravais.Learning.Metrics;

namespace Bravais.Learning.Persistence;

/// <summary>
/// Where a model's training data came from: file name, SHA-256 of its bytes and row count; <see cref="Pretraining"/>: the
/// auxiliary set it was pretrained on (e.g. synthetic patterns), if any.
/// </summary>
public sealed record TrainingDataInfo(string File, string Sha256, int Rows, TrainingDataInfo? Pretraining = null);

/// <summary>The split and cross-validation protocol a model was chosen by.</summary>
public sealed record ProtocolInfo(int Seed, double ValidationFraction, double TestFraction, int TrainRows, int ValidationRows, int TestRows, int Folds, string Grid);

/// <summary>Mean ± std of the K fold scores of one setting.</summary>
public sealed record CvSummary(string Family, JsonElement HyperParameters, double MeanAccuracy, double StdAccuracy, double MeanTrainAccuracy, double FitSeconds);

/// <summary>
/// manifest.json of a <c>.bravais</c> model file: everything needed to use the model and to judge it.
/// <see cref="FormatVersion"/> is checked on load; a file from a newer format is refused.
/// </summary>
public sealed record ModelManifest(
    int FormatVersion,
    string BravaisVersion,
    DateTime CreatedUtc,
    string Target,
    string[] Classes,
    Instrument Instrument,
    FeaturePipelineInfo Preprocessing,
    string Family,
    JsonElement HyperParameters,
    TrainingDataInfo? TrainingData,
    ProtocolInfo? Protocol,
    IReadOnlyList<CvSummary> CrossValidation,
    ClassificationMetrics? ValidationMetrics,
    ClassificationMetrics? TestMetrics,
    string PayloadSha256)
{
    /// <summary>The model kind every Bravais model file names in its manifest (files written before it was recorded are classifiers).</summary>
    public const string KindName = "classifier";

    public string Kind { get; init; } = KindName;
}

/// <summary>Serialised form of a fitted <see cref="FeaturePipeline"/>.</summary>
public sealed record FeaturePipelineInfo(Preprocessing Steps, float[] PeakMeans, float[] PeakStds);
