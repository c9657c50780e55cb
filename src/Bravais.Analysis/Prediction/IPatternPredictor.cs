using Bravais.Diffraction;

namespace Bravais.Analysis.Prediction;

/// <summary>Settings of one prediction run: how many classes to rank per level, threads, and how many references a search–match model reports.</summary>
public sealed record PredictOptions(int Top = 3, int Threads = 0, int Neighbours = 0);

/// <summary>What a loaded model is: its kind, primary level and classes, the instrument its inputs are mapped to, and a line for humans.</summary>
public sealed record ModelSummary(string Kind, PredictionLevel Primary, IReadOnlyList<string> Classes, Instrument Instrument, string Description);

/// <summary>
/// The one model contract: every kind of model file (<see cref="ModelFile.Load"/>) is a predictor that takes any
/// <see cref="PatternInput"/> (a dataset row or a measured file) and returns a <see cref="PatternPrediction"/>.
/// Implementations are thread-safe for concurrent <see cref="Predict"/> calls.
/// </summary>
public interface IPatternPredictor
{
    ModelSummary Summary { get; }

    /// <summary>One pattern. Throws a <see cref="Crystallography.BravaisException"/> naming the input when it cannot be used.</summary>
    PatternPrediction Predict(PatternInput input, PredictOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Many dataset rows at once (the same answers as one at a time; a model may batch them).</summary>
    IReadOnlyList<PatternPrediction> PredictRows(IReadOnlyList<PatternInput.Row> rows, PredictOptions? options = null, CancellationToken cancellation = default)
    {
        var results = new PatternPrediction[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = options?.Threads > 0 ? options.Threads : Environment.ProcessorCount },
            i => results[i] = Predict(rows[i], options, cancellation));
        return results;
    }
}
