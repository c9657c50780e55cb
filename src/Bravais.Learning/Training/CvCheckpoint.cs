using System.Globalization;
using System.Text;
using System.Text.Json;
using Bravais.Learning.Persistence;

namespace Bravais.Learning.Training;

/// <summary>One finished CV fit as stored in a checkpoint; <paramref name="Held"/>: its class probabilities on the held-out rows (for the ensemble).</summary>
public sealed record FoldScore(double Accuracy, double TrainAccuracy, double FitSeconds, float[]? Held = null);

/// <summary>
/// Makes a long grid search resumable: every finished CV fit is appended as one JSON line to a checkpoint
/// file, keyed by the protocol (data hash, target, seed, folds, split, preprocessing) plus family, setting and
/// fold. A rerun of the same protocol reads the file and skips the fits already done; lines from another
/// protocol are ignored. Appends are flushed line by line, so an interrupted run loses at most the fit in
/// progress; a torn last line is skipped. Each line also carries the fit's held-out class probabilities (float32, base64),
/// so a resumed run can still form the ensemble.
/// </summary>
public sealed class CvCheckpoint
{
    private readonly string? _path;
    private readonly string _protocol;
    private readonly Dictionary<string, FoldScore> _done = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public int Loaded { get; }

    public CvCheckpoint(string? path, string protocol)
    {
        _path = path;
        _protocol = protocol;
        if (path is null || !File.Exists(path)) return;
        foreach (var line in File.ReadLines(path))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.GetProperty("protocol").GetString() != protocol) continue;
                float[]? held = null;
                if (root.TryGetProperty("held", out var h) && h.ValueKind == JsonValueKind.String)
                {
                    var bytes = Convert.FromBase64String(h.GetString()!);
                    if (bytes.Length % sizeof(float) == 0) held = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
                }
                _done[root.GetProperty("key").GetString()!] = new FoldScore(root.GetProperty("accuracy").GetDouble(), root.GetProperty("train").GetDouble(), root.GetProperty("seconds").GetDouble(), held);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException) { /* torn or foreign line */ }
        }
        Loaded = _done.Count;
    }

    /// <summary>The protocol fingerprint of a request: what must be equal for stored scores to be reused.</summary>
    public static string Protocol(TrainingRequest request) => string.Join("|",
        request.DataSha256, request.Data.Count.ToString(CultureInfo.InvariantCulture), request.Target, request.Seed.ToString(CultureInfo.InvariantCulture),
        request.Folds.ToString(CultureInfo.InvariantCulture), request.ValidationFraction.ToString("R", CultureInfo.InvariantCulture),
        request.TestFraction.ToString("R", CultureInfo.InvariantCulture), JsonSerializer.Serialize(request.EffectivePreprocessing, ClassifierFile.Json).Replace("\n", "", StringComparison.Ordinal),
        request.TrainScoreRows.ToString(CultureInfo.InvariantCulture))
        + (request.Pretraining is null ? "" : $"|pretrain:{request.PretrainingSha256}:{request.Pretraining.Count}");

    public static string Key(string family, object hyperParameters, int fold) =>
        $"{family}|{JsonSerializer.Serialize(hyperParameters, hyperParameters.GetType(), ClassifierFile.Json).Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)}|{fold}";

    public bool TryGet(string key, out FoldScore score)
    {
        lock (_gate) return _done.TryGetValue(key, out score!);
    }

    public void Add(string key, FoldScore score)
    {
        lock (_gate)
        {
            _done[key] = score;
            if (_path is null) return;
            var fields = new Dictionary<string, object>
            {
                ["protocol"] = _protocol, ["key"] = key, ["accuracy"] = score.Accuracy, ["train"] = score.TrainAccuracy, ["seconds"] = score.FitSeconds,
            };
            if (score.Held is not null) fields["held"] = Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(score.Held.AsSpan()));
            var line = JsonSerializer.Serialize(fields);
            using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
    }
}
