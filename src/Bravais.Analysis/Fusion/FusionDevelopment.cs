using System.Text.Json;
using Bravais.Analysis.Prediction;
using Bravais.Diffraction.Measured;

namespace Bravais.Analysis.Fusion;

/// <summary>A labelled development pattern for the fusion.</summary>
public sealed record DevelopmentPattern(string Id, MeasuredPattern Pattern, int SpaceGroup);

/// <summary>
/// Collects what every source says about development patterns (<see cref="FusionExample"/>), in parallel, deterministic
/// in its order; search–match never finds a reference with the pattern's own id (the crystal may be in the library, its
/// structure type then is, its own pattern must not be). The examples are cached as JSON, written atomically, so that a
/// second fit (another L2, another profile) does not repeat the work.
/// </summary>
public static class FusionDevelopment
{
    public static IReadOnlyList<FusionExample> Collect(IPatternPredictor? searchMatch, IPhysicsAnalysis physics, IReadOnlyList<DevelopmentPattern> patterns,
        int threads = 0, IProgress<int>? done = null, CancellationToken cancellation = default)
    {
        var examples = new FusionExample[patterns.Count];
        var count = 0;
        Parallel.For(0, patterns.Count, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount, CancellationToken = cancellation }, i =>
        {
            var p = patterns[i];
            var matched = searchMatch?.Predict(new PatternInput.Measurement(p.Pattern), new PredictOptions(Threads: 1) { ExcludeReference = p.Id }, cancellation);
            var found = physics.Analyse(p.Pattern, cancellation);
            examples[i] = new FusionExample(p.Id, FusionEvidence.From(null, matched, found.Indexing), p.SpaceGroup);
            done?.Report(Interlocked.Increment(ref count));
        });
        return examples;
    }

    public static void Save(string path, IReadOnlyList<FusionExample> examples)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var s = File.Create(temporary)) JsonSerializer.Serialize(s, examples, Json);
        File.Move(temporary, path, overwrite: true);
    }

    public static IReadOnlyList<FusionExample> Load(string path)
    {
        try
        {
            using var s = File.OpenRead(path);
            return JsonSerializer.Deserialize<FusionExample[]>(s, Json) ?? throw new AnalysisException("empty fusion cache", new(path));
        }
        catch (JsonException e) { throw new AnalysisException($"fusion cache cannot be read: {e.Message}", new(path), e); }
    }

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
}
