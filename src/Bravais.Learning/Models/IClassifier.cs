using Bravais.Learning.Features;
namespace Bravais.Learning.Models;

/// <summary>
/// What every model family offers (scikit-learn's estimator contract): fit on labelled rows, predict
/// class probabilities. Labels are class indices 0..ClassCount-1. Hyper-parameters are a plain record
/// given at construction; a fitted model is saved with <see cref="Save"/> and restored by its family's
/// loader. Implementations are deterministic for a given <see cref="FitOptions.Seed"/>.
/// </summary>
public interface IClassifier
{
    /// <summary>Family name as used on the command line: logistic, knn, forest, lightgbm, mlp, cnn.</summary>
    string Family { get; }

    /// <summary>The hyper-parameters as plain data (a record), for manifests and reports.</summary>
    object HyperParameters { get; }

    int ClassCount { get; }

    /// <summary>Fits the model. <paramref name="validation"/> is used only for early stopping where the family supports it.</summary>
    void Fit(LabelledRows train, LabelledRows? validation, FitOptions options);

    /// <summary>Writes class probabilities, row-major rows × ClassCount, into <paramref name="probabilities"/>.</summary>
    void PredictProbabilities(FeatureMatrix x, Span<float> probabilities);

    /// <summary>Serialises the fitted state (not the hyper-parameters record type, which the caller records).</summary>
    void Save(Stream stream);
}

/// <summary>
/// Feature rows with their class labels (0..ClassCount-1). <see cref="ProfileGrid"/>: the 2θ grid of the leading columns when
/// they are a powder profile (families that read the profile itself, the CNN and its augmentation, take the grid from here).
/// </summary>
public sealed record LabelledRows(FeatureMatrix X, int[] Y, int ClassCount)
{
    public int Count => Y.Length;

    public Bravais.Diffraction.Patterns.AngleGrid? ProfileGrid { get; init; }
}

/// <summary>Options common to every fit: seed, threads, progress and cancellation.</summary>
public sealed record FitOptions(int Seed = 0, int Threads = 0, IProgress<string>? Progress = null, CancellationToken Cancellation = default)
{
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}

public static class ClassifierExtensions
{
    public static float[] PredictProbabilities(this IClassifier model, FeatureMatrix x)
    {
        var p = new float[x.Rows * model.ClassCount];
        model.PredictProbabilities(x, p);
        return p;
    }

    public static int[] Predict(this IClassifier model, FeatureMatrix x)
    {
        var p = model.PredictProbabilities(x);
        var k = model.ClassCount;
        var y = new int[x.Rows];
        for (var i = 0; i < y.Length; i++)
        {
            var row = p.AsSpan(i * k, k);
            var best = 0;
            for (var c = 1; c < k; c++) if (row[c] > row[best]) best = c;
            y[i] = best;
        }
        return y;
    }
}
