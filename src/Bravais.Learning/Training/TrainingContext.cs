using Bravais.Learning.Data;
using Bravais.Learning.Features;
using Bravais.Learning.Models;
using Bravais.Learning.Models.Ensemble;
using Bravais.Learning.Validation;

namespace Bravais.Learning.Training;

/// <summary>A fitted preprocessing and the rows it produced: train, validation, test and the CV folds of train.</summary>
internal sealed record FeatureSpace(FeaturePipeline Pipeline, LabelledRows Train, LabelledRows Validation, LabelledRows Test, List<(LabelledRows Fit, LabelledRows Held)> Folds);

/// <summary>
/// Step 1 of the protocol and what every later step shares: the checked request, labels, the stratified train / validation /
/// test split and the CV folds of the training part (<see cref="Prepare"/>); the feature spaces, each preprocessing fitted on
/// the training part once (<see cref="SpaceFor"/>); new models of a setting, started from the setting's pretrained model when
/// there is a pretraining set (<see cref="Create"/>); and the seeded fit options.
/// </summary>
internal sealed class TrainingContext
{
    public required TrainingRequest Request { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }
    public required int[] Labels { get; init; }
    public required IReadOnlyList<IClassifierFamily> Families { get; init; }
    public required TrainValidationTest Split { get; init; }
    public required IReadOnlyList<Fold> Folds { get; init; }
    public required IProgress<TrainingProgress>? Progress { get; init; }
    public required CancellationToken Cancellation { get; init; }

    public PatternDataset Data => Request.Data;
    public PredictionTarget Target => Request.Target;
    public int K => Classes.Count;
    public bool Holdout => Request.Folds == 0;
    public int Threads => Request.Threads > 0 ? Request.Threads : Environment.ProcessorCount;
    public int FoldCount => Holdout ? 1 : Folds.Count;
    public FeatureMatrix RawTrain => _rawTrain ??= Data.Intensities.SelectRows(Split.Train);

    /// <summary>The rows whose held-out predictions the search produces: the training part (K-fold) or the validation split (hold-out).</summary>
    public required int[] HeldLabels { get; init; }

    /// <summary>Per fold, the positions of its held-out rows among <see cref="HeldLabels"/>.</summary>
    public required IReadOnlyList<int>[] HeldRows { get; init; }

    private FeatureMatrix? _rawTrain;
    private readonly Dictionary<Preprocessing, FeatureSpace> _spaces = [];
    private readonly Dictionary<object, IPretrainable?> _pretrained = new(ReferenceEqualityComparer.Instance);

    public static TrainingContext Prepare(TrainingRequest request, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        var classes = request.Target.ClassNames();
        var labels = request.Target.Labels(request.Data);
        var present = labels.Distinct().Count();
        if (present < 2)
            throw new LearningException($"the data holds only one {request.Target.CliName()} class ({(labels.Length > 0 ? classes[labels[0]] : "none")}): there is nothing to tell apart, and any score would be 100 % without meaning", new(request.DataFile));
        var families = request.Families.Select(ClassifierFamilies.Get).ToList();
        if (families.Count == 0) throw new LearningException("no model families requested");
        if (families.Any(f => f is EnsembleFamily))
            throw new LearningException("'ensemble' is not searched by itself: it is formed from the other families' cross-validated predictions (turn it off with --no-ensemble)");
        if (request.Folds == 1 || request.Folds < 0) throw new LearningException($"--cv must be 0 (hold-out: score each setting on the validation split) or at least 2, got {request.Folds}");
        var split = StratifiedSplit.Split(labels, request.ValidationFraction, request.TestFraction, request.Seed);
        if (split.Validation.Length == 0 || split.Test.Length == 0)
            throw new LearningException($"the dataset ({request.Data.Count} rows) is too small for a validation and a test part");
        var trainLabels = split.Train.Select(i => labels[i]).ToArray();
        if (request.Pretraining is { } pre && (pre.Grid != request.Data.Grid || pre.Intensities.Columns != request.Data.Intensities.Columns))
            throw new LearningException($"the pretraining set's 2θ grid ({pre.Grid}, {pre.Intensities.Columns} points) differs from the data's ({request.Data.Grid}, {request.Data.Intensities.Columns} points)", new(request.PretrainingFile));
        var holdout = request.Folds == 0;
        IReadOnlyList<Fold> folds = holdout ? [] : StratifiedKFold.Split(trainLabels, request.Folds, request.Seed);
        return new TrainingContext
        {
            Request = request, Classes = classes, Labels = labels, Families = families, Split = split, Folds = folds,
            HeldLabels = holdout ? split.Validation.Select(i => labels[i]).ToArray() : trainLabels,
            HeldRows = holdout ? [Enumerable.Range(0, split.Validation.Length).ToArray()] : folds.Select(f => (IReadOnlyList<int>)f.Held).ToArray(),
            Progress = progress, Cancellation = cancellation,
        };
    }

    /// <summary>The feature space of the preprocessing a family reads (the requested one, or the family's own, e.g. the CNN's raw profile).</summary>
    public FeatureSpace SpaceFor(IClassifierFamily family) => SpaceOf(ClassifierFamilies.PreprocessingFor(family, Request.EffectivePreprocessing));

    public FeatureSpace SpaceOf(Preprocessing steps)
    {
        lock (_spaces)
        {
            if (_spaces.TryGetValue(steps, out var space)) return space;
            var fitted = FeaturePipeline.Fit(steps, Data.Instrument, RawTrain);
            var features = fitted.Transform(Data.Intensities, Cancellation);
            LabelledRows Rows(IReadOnlyList<int> idx) => new(features.SelectRows(idx), idx.Select(i => Labels[i]).ToArray(), K) { ProfileGrid = fitted.ProfileGrid };
            var train = Rows(Split.Train);
            var validation = Rows(Split.Validation);
            space = new FeatureSpace(fitted, train, validation, Rows(Split.Test),
                Holdout ? [(train, validation)] : Folds.Select(f => (Subset(train, f.Train), Subset(train, f.Held))).ToList());
            return _spaces[steps] = space;
        }
    }

    /// <summary>A new model of a setting; with a pretraining set, started from the setting's pretrained model (pretrained once per setting).</summary>
    public IClassifier Create(IClassifierFamily family, object hp)
    {
        var model = family.Create(hp);
        if (PretrainedFor(family, hp) is { } start) ((IPretrainable)model).StartFrom(start);
        return model;
    }

    private IPretrainable? PretrainedFor(IClassifierFamily family, object hp)
    {
        if (Request.Pretraining is not { } set) return null;
        lock (_pretrained)
        {
            if (_pretrained.TryGetValue(hp, out var done)) return done;
            if (family.Create(hp) is not IPretrainable model) return _pretrained[hp] = null;
            var space = SpaceFor(family);
            Progress?.Report(new TrainingProgress("pretraining", 0, 1, $"{family.Name} {SettingText.Short(hp, Request.EffectiveGrid.For(family))} on {set.Count} rows of {Path.GetFileName(Request.PretrainingFile)}"));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var rows = new LabelledRows(space.Pipeline.Transform(set.Intensities, Cancellation), Target.Labels(set), K) { ProfileGrid = space.Pipeline.ProfileGrid };
            model.Pretrain(rows, space.Validation, Options(Threads, 0));
            Progress?.Report(new TrainingProgress("pretraining", 1, 1, FormattableString.Invariant($"{family.Name} pretrained in {watch.Elapsed.TotalSeconds:0} s (not counted in its fit seconds)")));
            return _pretrained[hp] = model;
        }
    }

    /// <summary>Seeded fit options; <paramref name="salt"/> separates the fits of one run (folds).</summary>
    public FitOptions Options(int threads, int salt) => new(Request.Seed + 7919 * salt, threads, null, Cancellation);

    public static LabelledRows Subset(LabelledRows rows, IReadOnlyList<int> idx) =>
        rows with { X = rows.X.SelectRows(idx), Y = idx.Select(i => rows.Y[i]).ToArray() };

    /// <summary>At most <paramref name="max"/> rows, drawn with the seed (for training-accuracy estimates).</summary>
    public static LabelledRows Sample(LabelledRows rows, int max, int seed)
    {
        if (rows.Count <= max) return rows;
        var idx = Enumerable.Range(0, rows.Count).ToArray();
        new Random(seed).Shuffle(idx);
        return Subset(rows, idx[..max]);
    }
}
