using Bravais.Learning.Data;
using Bravais.Learning.Training;
using Xunit;

namespace Bravais.Learning.Tests.Training;

public class CvCheckpointTests
{
    [Fact]
    public void AResumedSearchReusesFinishedFitsAndGivesTheSameScores()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bravais-cv-{Guid.NewGuid():N}.jsonl");
        try
        {
            var request = new TrainingRequest(SyntheticPatterns.Make(4, 15, seed: 8, jitterDegrees: 3), PredictionTarget.Bravais, ["centroid"],
                DataSha256: "h", Folds: 3, Curves: false, ImportanceRows: 0, CheckpointPath: path);
            var first = TrainingPipeline.Run(request);
            var lines = File.ReadAllLines(path);
            Assert.Equal(first.CvRuns.Count * 3, lines.Length);

            // an interrupted write leaves a torn line; it is skipped, and the fits are all reused
            File.AppendAllText(path, "{\"protocol\":\"h|60");
            var events = new List<TrainingProgress>();
            var second = TrainingPipeline.Run(request, new SyncProgress(events.Add));
            Assert.Contains(events, e => e.Stage == "checkpoint" && e.Done == lines.Length);
            Assert.DoesNotContain(events, e => e.Stage == "cross-validation" && e.Message.Contains("fold"));
            Assert.Equal(first.CvRuns.Select(r => r.Mean), second.CvRuns.Select(r => r.Mean));

            // another protocol (seed) does not reuse them
            var other = new CvCheckpoint(path, CvCheckpoint.Protocol(request with { Seed = 1 }));
            Assert.Equal(0, other.Loaded);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void AResumedSearchFormsTheSameEnsembleFromTheStoredHeldOutProbabilities()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bravais-cv-{Guid.NewGuid():N}.jsonl");
        try
        {
            var request = new TrainingRequest(SyntheticPatterns.Make(6, 20, seed: 2, jitterDegrees: 3), PredictionTarget.Bravais, ["centroid", "knn", "logistic"],
                DataSha256: "h", Folds: 3, Curves: false, ImportanceRows: 0, Seed: 3, CheckpointPath: path);
            var first = TrainingPipeline.Run(request);
            var second = TrainingPipeline.Run(request);
            Assert.Equal(first.CvRuns.Select(r => (r.Family, r.Mean)), second.CvRuns.Select(r => (r.Family, r.Mean)));
            Assert.Equal(first.Families.Select(f => (f.Family, f.Test.Accuracy)), second.Families.Select(f => (f.Family, f.Test.Accuracy)));
            var stored = new CvCheckpoint(path, CvCheckpoint.Protocol(request));
            Assert.True(stored.TryGet(CvCheckpoint.Key("knn", first.CvRuns.First(r => r.Family == "knn").HyperParameters, 0), out var fold));
            Assert.NotNull(fold.Held);
            Assert.Equal(0, fold.Held!.Length % 14);
        }
        finally { File.Delete(path); }
    }

    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) { lock (this) report(value); }
    }
}
