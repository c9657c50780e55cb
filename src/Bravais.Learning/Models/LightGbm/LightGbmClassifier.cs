using Bravais.Learning.Models.Common;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Bravais.Learning.Features;

namespace Bravais.Learning.Models.LightGbm;

/// <summary>
/// Gradient-boosted trees through ML.NET's <see cref="LightGbmMulticlassTrainer"/> (native LightGBM, softmax
/// objective). With validation rows, LightGBM stops when their multi-class log-loss has not improved
/// for <see cref="LightGbmHyperParameters.EarlyStoppingRounds"/> rounds. Determinism: LightGBM's
/// deterministic mode with column-wise histograms, a fixed seed and a fixed thread count
/// (FitOptions.Threads, default all cores) — results are identical for the same seed and thread count.
/// </summary>
public sealed class LightGbmClassifier : IClassifier
{
    private const string Magic = "BRAVAIS-LIGHTGBM";
    private const int FormatVersion = 1;

    private readonly MLContext _ml;
    private ITransformer? _model;
    private int _features;

    static LightGbmClassifier() => OpenMpEnvironment.PreferPassiveWaiting();

    public LightGbmClassifier(LightGbmHyperParameters hyperParameters)
    {
        hyperParameters.Validate();
        Parameters = hyperParameters;
        _ml = new MLContext(seed: 0);
    }

    public string Family => "lightgbm";
    public LightGbmHyperParameters Parameters { get; }
    public object HyperParameters => Parameters;
    public int ClassCount { get; private set; }

    public void Fit(LabelledRows train, LabelledRows? validation, FitOptions options)
    {
        TrainingChecks.Validate(train, Family);
        if (validation is not null)
        {
            TrainingChecks.Validate(validation, Family, "validation");
            if (validation.X.Columns != train.X.Columns || validation.ClassCount != train.ClassCount)
                throw new ArgumentException($"lightgbm: validation rows have {validation.X.Columns} features and {validation.ClassCount} classes, training rows {train.X.Columns} and {train.ClassCount}");
        }
        options.Cancellation.ThrowIfCancellationRequested();
        var earlyStopping = validation is not null ? Parameters.EarlyStoppingRounds : 0;
        var trainer = _ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = MlNetViews.Label,
            FeatureColumnName = MlNetViews.Features,
            NumberOfLeaves = Parameters.NumberOfLeaves,
            LearningRate = Parameters.LearningRate,
            NumberOfIterations = Parameters.Rounds,
            MinimumExampleCountPerLeaf = Parameters.MinExamplesPerLeaf,
            EarlyStoppingRound = earlyStopping,
            EvaluationMetric = LightGbmMulticlassTrainer.Options.EvaluateMetricType.LogLoss,
            UseSoftmax = true,
            Seed = options.Seed,
            Deterministic = true,
            ForceColumnWise = true,
            NumberOfThreads = options.EffectiveThreads,
            Silent = true,
            Verbose = false,
            Booster = new GradientBooster.Options
            {
                FeatureFraction = Parameters.FeatureFraction,
                L2Regularization = Parameters.L2Regularization,
            },
        });
        var trainView = MlNetViews.Labelled(_ml, train);
        options.Progress?.Report($"lightgbm: boosting up to {Parameters.Rounds} rounds ({Parameters.NumberOfLeaves} leaves, rate {Parameters.LearningRate}{(earlyStopping > 0 ? $", early stopping after {earlyStopping}" : "")})");
        var model = validation is null
            ? trainer.Fit(trainView)
            : trainer.Fit(trainView, MlNetViews.Labelled(_ml, validation));
        _model = model;
        _features = train.X.Columns;
        ClassCount = train.ClassCount;
    }

    public void PredictProbabilities(FeatureMatrix x, Span<float> probabilities)
    {
        TrainingChecks.CheckPredict(x, probabilities, _features, ClassCount, Family, _model is not null);
        if (x.Rows == 0) return;
        var scored = _model!.Transform(MlNetViews.Unlabelled(_ml, x));
        MlNetViews.CopyScores(scored, ClassCount, probabilities);
    }

    public void Save(Stream stream)
    {
        var model = _model ?? throw new InvalidOperationException("lightgbm: the model is not fitted");
        using var zip = new MemoryStream();
        _ml.Model.Save(model, InputSchema(_features), zip);
        using var w = ModelStreams.Writer(stream);
        ModelStreams.WriteHeader(w, Magic, FormatVersion);
        w.Write(ClassCount);
        w.Write(_features);
        w.Write(checked((int)zip.Length));
        w.Write(zip.GetBuffer(), 0, (int)zip.Length);
    }

    public static LightGbmClassifier Load(Stream stream, LightGbmHyperParameters hyperParameters)
    {
        using var r = ModelStreams.Reader(stream);
        ModelStreams.ReadHeader(r, Magic, FormatVersion);
        var classes = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        var features = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        var length = ModelStreams.ReadOrTruncated(r, Magic, x => x.ReadInt32());
        if (classes < 2 || features < 1 || length <= 0) throw new InvalidDataException($"{Magic} model is corrupt: {classes} classes, {features} features, {length} model bytes");
        var bytes = r.ReadBytes(length);
        if (bytes.Length != length) throw new InvalidDataException($"{Magic} model is truncated");
        var classifier = new LightGbmClassifier(hyperParameters);
        ITransformer model;
        try { model = classifier._ml.Model.Load(new MemoryStream(bytes, writable: false), out _); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{Magic} model is corrupt: ML.NET could not read it ({e.Message})", e);
        }
        classifier._model = model;
        classifier._features = features;
        classifier.ClassCount = classes;
        return classifier;
    }

    private static DataViewSchema InputSchema(int features)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(MlNetViews.Features, new VectorDataViewType(NumberDataViewType.Single, features));
        return builder.ToSchema();
    }
}
