using System.Text.RegularExpressions;
using Bravais.Learning.Baselines;
using Bravais.Learning.Data;
using Bravais.Learning.Reports;
using Bravais.Learning.Tests.Persistence;
using Xunit;

namespace Bravais.Learning.Tests.Reports;

public class HtmlReportTests : IClassFixture<SmallTrainingRun>
{
    private readonly SmallTrainingRun _run;
    public HtmlReportTests(SmallTrainingRun run) => _run = run;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void TrainingReportReferencesOnlyValidPngsThatExist()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bravais-report-{Guid.NewGuid():N}");
        try
        {
            var index = HtmlReport.WriteTraining(dir, _run.Result);
            AssertPageAndImages(index, minimumImages: 8);
            var html = File.ReadAllText(index);
            Assert.Contains("validation_curve_centroid.png", html);
            Assert.Contains("learning_curve.png", html);
            Assert.Contains("importance.png", html);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void EvaluationReportReferencesOnlyValidPngsThatExist()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bravais-eval-{Guid.NewGuid():N}");
        try
        {
            var model = _run.Result.Model;
            var metrics = model.Evaluate(_run.Data);
            var y = model.Target.Labels(_run.Data);
            var index = HtmlReport.WriteEvaluation(dir, model.Manifest.Family, model.Describe(), model.Classes, "synthetic.csv", metrics, Baseline.Evaluate(y, y, model.Classes, 0), 1000);
            AssertPageAndImages(index, minimumImages: 3);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    internal static void AssertPageAndImages(string index, int minimumImages)
    {
        Assert.True(File.Exists(index));
        var images = Regex.Matches(File.ReadAllText(index), "<img src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.True(images.Count >= minimumImages, $"{images.Count} images");
        foreach (var image in images)
        {
            var path = Path.Combine(Path.GetDirectoryName(index)!, image);
            Assert.True(File.Exists(path), $"{image} missing");
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 1000, $"{image} is only {bytes.Length} bytes");
            Assert.Equal(PngSignature, bytes[..8]);
        }
    }
}
