using Bravais.Diffraction.Augmentation;
using System.Diagnostics;
using Bravais.Analysis.Cleaning;
using Bravais.Learning.Calibration;

namespace Bravais.Analysis.SearchMatch;

/// <summary>Everything the measured recipe needs.</summary>
public sealed record MeasuredTrainingRequest(
    IReadOnlyList<string> StructureFiles,
    string? LabelsTsv,
    string SourceDescription,
    int Seed = 0,
    int ValidationQueries = 300,
    int Threads = 0,
    LibraryOptions? Library = null,
    MatcherOptions? Matcher = null,
    PreprocessingOptions? Preprocessing = null,
    MeasuredAugmentation? Augmentation = null,
    double InLibraryFraction = 0.5);

/// <summary>The reference structures of a recipe: a folder (every structure file in it; its labels.tsv when there is one) or a file.</summary>
public sealed record ReferenceSource(IReadOnlyList<string> Files, string? LabelsTsv, string Description)
{
    public static ReferenceSource From(string source)
    {
        var files = Crystallography.IO.StructureFiles.Expand(source).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new AnalysisException("no structure files (.cif, .cif.gz, POSCAR)", new(source));
        var labels = Directory.Exists(source) && File.Exists(Path.Combine(source, "labels.tsv")) ? Path.Combine(source, "labels.tsv") : null;
        return new ReferenceSource(files, labels, $"{source} ({files.Count} files{(labels is null ? "" : ", labels.tsv")})");
    }
}

/// <summary>Progress of the measured recipe: a stage name, done/total and a message.</summary>
public sealed record MeasuredTrainingProgress(string Stage, int Done, int Total, string Message);

/// <summary>
/// The measured recipe: (1) simulate the reference library from the structures with the project's powder
/// calculator; (2) draw <see cref="MeasuredTrainingRequest.ValidationQueries"/> reference crystals at random
/// (seeded), turn each into a measured-looking pattern with <see cref="MeasuredSimulator"/>, and classify it with
/// the matcher, hiding its own entry except for a fraction <see cref="MeasuredTrainingRequest.InLibraryFraction"/> of the
/// queries (measured crystals are sometimes in the library — then the matcher finds their own, slightly different
/// calculated pattern — and sometimes only analogues are; calibrating on hidden entries alone makes the model
/// under-confident on crystals it knows); (3) fit the temperature on those queries (NLL) and record ECE before
/// and after. Deterministic for a given seed.
/// </summary>
public static class MeasuredTraining
{
    public static MeasuredModel Run(MeasuredTrainingRequest request, IProgress<MeasuredTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var libraryOptions = request.Library ?? new LibraryOptions(Threads: request.Threads);
        var matcherOptions = request.Matcher ?? new MatcherOptions();
        var preprocessing = request.Preprocessing ?? PreprocessingOptions.Default;
        var augmentation = request.Augmentation ?? MeasuredAugmentation.Default;

        var labels = request.LabelsTsv is null ? null : ReferenceLibraryBuilder.ReadLabels(request.LabelsTsv);
        var files = 0;
        var library = ReferenceLibraryBuilder.Build(request.StructureFiles, labels, libraryOptions,
            new Progress<string>(m => progress?.Report(new MeasuredTrainingProgress("library", m.StartsWith("library: ", StringComparison.Ordinal) && m.Contains("files") ? ++files : files, request.StructureFiles.Count, m))),
            cancellation);
        if (library.Count < 2) throw new AnalysisException("the reference library needs at least two crystals");

        var manifest = new MeasuredModelManifest(MeasuredModelManifest.CurrentFormatVersion, MeasuredModelManifest.KindName,
            Learning.Persistence.ClassifierFile.BravaisVersion, DateTime.UtcNow, Enum.GetNames<Crystallography.Symmetry.BravaisLattice>(),
            matcherOptions, preprocessing, preprocessing.Describe(), augmentation, new CalibrationSummary(1, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN),
            request.Seed, library.Count, library.PeakDSpacing.Length, request.SourceDescription, 0);
        var model = new MeasuredModel(manifest, library);
        progress?.Report(new MeasuredTrainingProgress("render", 0, 1, $"rendering {library.Count} references"));
        model.Matcher(request.Threads);
        progress?.Report(new MeasuredTrainingProgress("render", 1, 1, "rendered"));

        // validation queries: measured-looking patterns of held-out references
        var rng = new Random(request.Seed);
        var n = Math.Min(request.ValidationQueries, library.Count);
        var picks = Enumerable.Range(0, library.Count).OrderBy(_ => rng.Next()).Take(n).ToArray();
        var classes = manifest.Classes.Length;
        var logits = new double[n * classes];
        var y = new int[n];
        var queries = new CalibrationQuery[n];
        for (var q = 0; q < n; q++)
        {
            cancellation.ThrowIfCancellationRequested();
            var entry = picks[q];
            var pattern = MeasuredSimulator.Simulate(library, entry, augmentation, new Random(QuerySeed(request.Seed, q)), $"validation:{library.Ids[entry]}");
            var hidden = rng.NextDouble() >= request.InLibraryFraction;
            var (z, neighbours, _) = model.Score(pattern, hidden ? e => e == entry : null, request.Threads, cancellation);
            z.CopyTo(logits, q * classes);
            y[q] = (int)library.Lattices[entry];
            queries[q] = new CalibrationQuery(pattern.Source, y[q], z, neighbours.Length > 0 ? neighbours[0].Similarity : double.NaN);
            progress?.Report(new MeasuredTrainingProgress("calibration queries", q + 1, n, library.Ids[entry]));
        }
        var t = TemperatureScaling.Fit(logits, y, classes);
        var summary = Summarise(logits, y, classes, t) with { InLibraryFraction = request.InLibraryFraction };
        var final = manifest with { Calibration = summary, TrainingMinutes = clock.Elapsed.TotalMinutes };
        return new MeasuredModel(final, library, queries);
    }

    /// <summary>
    /// The seed of calibration query <paramref name="q"/>: a fixed mix of the run's seed and the query number
    /// (not <see cref="HashCode"/>, whose values change from process to process).
    /// </summary>
    public static int QuerySeed(int seed, int q) => unchecked((int)((uint)seed * 2654435761u ^ (uint)q * 40503u + 0x9E3779B9u));

    /// <summary>Accuracy, NLL and ECE at T = 1 and at the fitted T.</summary>
    public static CalibrationSummary Summarise(double[] logits, int[] labels, int classes, double temperature)
    {
        var (accuracy, eceBefore) = Ece(logits, labels, classes, 1);
        var (_, eceAfter) = Ece(logits, labels, classes, temperature);
        return new CalibrationSummary(temperature, labels.Length, accuracy,
            TemperatureScaling.NegativeLogLikelihood(logits, labels, classes, 1), TemperatureScaling.NegativeLogLikelihood(logits, labels, classes, temperature),
            eceBefore, eceAfter);
    }

    private static (double Accuracy, double Ece) Ece(double[] logits, int[] labels, int classes, double t)
    {
        var conf = new double[labels.Length]; var ok = new bool[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            var p = TemperatureScaling.Softmax(logits.AsSpan(i * classes, classes), t);
            var best = 0;
            for (var c = 1; c < classes; c++) if (p[c] > p[best]) best = c;
            conf[i] = p[best]; ok[i] = best == labels[i];
        }
        return (ok.Count(b => b) / (double)Math.Max(1, labels.Length), CalibrationError.Expected(conf, ok));
    }
}
