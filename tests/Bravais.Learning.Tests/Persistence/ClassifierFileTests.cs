using System.IO.Compression;
using System.Text.Json.Nodes;
using Bravais.Learning.Data;
using Bravais.Learning.Persistence;
using Bravais.Learning.Training;
using Xunit;

namespace Bravais.Learning.Tests.Persistence;

public class ClassifierFileTests : IClassFixture<SmallTrainingRun>
{
    private readonly SmallTrainingRun _run;
    public ClassifierFileTests(SmallTrainingRun run) => _run = run;

    private static string Temp() => Path.Combine(Path.GetTempPath(), $"bravais-model-{Guid.NewGuid():N}.bravais");

    [Fact]
    public void SavedModelLoadsAndPredictsTheSame()
    {
        var path = Temp();
        try
        {
            ClassifierFile.Save(path, _run.Result.Model);
            var back = ClassifierFile.Load(path);
            Assert.Equal("centroid", back.Manifest.Family);
            Assert.Equal(ClassifierFile.CurrentFormatVersion, back.Manifest.FormatVersion);
            Assert.Equal("bravais", back.Manifest.Target);
            Assert.Equal(14, back.Manifest.Classes.Length);
            Assert.Equal(180, back.Manifest.Instrument.Grid.Count);
            Assert.Equal("abc123", back.Manifest.TrainingData!.Sha256);
            Assert.Equal(_run.Result.CvRuns.Count, back.Manifest.CrossValidation.Count);
            Assert.Equal(_run.Result.Selected.Test.Accuracy, back.Manifest.TestMetrics!.Accuracy);
            Assert.Equal(_run.Result.Model.Pipeline.Steps, back.Pipeline.Steps);
            Assert.Equal(_run.Result.Model.PredictProbabilities(_run.Data.Intensities), back.PredictProbabilities(_run.Data.Intensities));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".tmp*"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void TruncatedOrGarbageFileIsRefused()
    {
        var path = Temp();
        try
        {
            ClassifierFile.Save(path, _run.Result.Model);
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
            Assert.Contains("corrupt or truncated", Assert.Throws<LearningException>(() => ClassifierFile.Load(path)).Message);
            File.WriteAllText(path, "hello");
            Assert.Contains("not a Bravais model file", Assert.Throws<LearningException>(() => ClassifierFile.Load(path)).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void NewerFormatIsRefused()
    {
        var path = Temp();
        try
        {
            ClassifierFile.Save(path, _run.Result.Model);
            RewriteManifest(path, m => m["FormatVersion"] = ClassifierFile.CurrentFormatVersion + 1);
            var e = Assert.Throws<LearningException>(() => ClassifierFile.Load(path));
            Assert.Contains("newer Bravais", e.Message);
            Assert.Contains(path, e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void FormatOneManifestsLoadWithTheirGridAndWavelengthAsTheInstrument()
    {
        var path = Temp();
        try
        {
            ClassifierFile.Save(path, _run.Result.Model);
            // format 1 wrote Grid {StartDegrees, StepDegrees, Count} and the peak features' wavelength inside the steps
            RewriteManifest(path, m =>
            {
                m["FormatVersion"] = 1;
                m.Remove("Instrument");
                m["Grid"] = new JsonObject { ["StartDegrees"] = 0.5, ["StepDegrees"] = 0.5, ["Count"] = 180 };
                m["Preprocessing"]!["Steps"]!["WavelengthAngstrom"] = 1.54184;
            });
            var back = ClassifierFile.Load(path);
            Assert.Equal(Bravais.Diffraction.Instrument.Nano281, back.Manifest.Instrument);
            Assert.Equal(_run.Result.Model.PredictProbabilities(_run.Data.Intensities), back.PredictProbabilities(_run.Data.Intensities));
            // a format-1 model of another wavelength keeps it
            RewriteManifest(path, m =>
            {
                m["FormatVersion"] = 1;
                m.Remove("Instrument");
                m["Grid"] = new JsonObject { ["StartDegrees"] = 0.5, ["StepDegrees"] = 0.5, ["Count"] = 180 };
                m["Preprocessing"]!["Steps"]!["WavelengthAngstrom"] = 0.7093;
            });
            Assert.Equal(0.7093, ClassifierFile.Load(path).Manifest.Instrument.WavelengthAngstrom);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void AlteredPayloadIsRefused()
    {
        var path = Temp();
        try
        {
            ClassifierFile.Save(path, _run.Result.Model);
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
            {
                var entry = zip.GetEntry("model.bin")!;
                byte[] payload;
                using (var s = entry.Open()) { var ms = new MemoryStream(); s.CopyTo(ms); payload = ms.ToArray(); }
                payload[^1] ^= 0x55;
                entry.Delete();
                using var w = zip.CreateEntry("model.bin").Open();
                w.Write(payload);
            }
            Assert.Contains("does not match the SHA-256", Assert.Throws<LearningException>(() => ClassifierFile.Load(path)).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void UnknownFamilyIsRefused()
    {
        var path = Temp();
        try
        {
            ClassifierFile.Save(path, _run.Result.Model);
            RewriteManifest(path, m => m["Family"] = "quantum");
            Assert.Contains("'quantum' is not available", Assert.Throws<LearningException>(() => ClassifierFile.Load(path)).Message);
        }
        finally { File.Delete(path); }
    }

    private static void RewriteManifest(string path, Action<JsonObject> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry("manifest.json")!;
        JsonObject manifest;
        using (var s = entry.Open()) manifest = JsonNode.Parse(s)!.AsObject();
        change(manifest);
        entry.Delete();
        using var w = new StreamWriter(zip.CreateEntry("manifest.json").Open());
        w.Write(manifest.ToJsonString());
    }
}

/// <summary>One small end-to-end training run shared by the tests of a class (14 classes × 30 synthetic patterns, centroid family).</summary>
public sealed class SmallTrainingRun
{
    public PatternDataset Data { get; } = SyntheticPatterns.Make(14, 30, seed: 11);
    public TrainingResult Result { get; }

    public SmallTrainingRun()
    {
        Result = TrainingPipeline.Run(new TrainingRequest(Data, PredictionTarget.Bravais, ["centroid"], "synthetic.csv", "abc123", Folds: 3, Seed: 1, ImportanceRows: 60));
    }
}
