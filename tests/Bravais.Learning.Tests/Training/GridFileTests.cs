using Bravais.Learning.Models.Centroid;
using Bravais.Learning.Models.Knn;
using Bravais.Learning.Training;
using Xunit;

namespace Bravais.Learning.Tests.Training;

public class GridFileTests
{
    private static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bravais-grid-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void ReadsSettingsPerFamilyAndFallsBackToQuick()
    {
        var path = Write("""{"centroid": [{"Shrinkage": 0.5}, {"Shrinkage": 2}], "knn": [{"K": 7, "Metric": "Cosine"}]}""");
        try
        {
            var grid = GridFile.Parse(path);
            Assert.Equal([new CentroidHyperParameters(0.5), new CentroidHyperParameters(2)], grid.For(new CentroidFamily()));
            var knn = Assert.IsType<KnnHyperParameters>(Assert.Single(grid.For(new KnnFamily())));
            Assert.Equal(7, knn.K);
            Assert.Equal(KnnMetric.Cosine, knn.Metric);
        }
        finally { File.Delete(path); }
        Assert.Equal(GridChoice.Quick, GridFile.Parse("quick"));
        Assert.Equal(Bravais.Learning.Models.GridSize.Full, GridFile.Parse("FULL").Size);
    }

    [Theory]
    [InlineData("""{"quantum": [{}]}""", "unknown model family 'quantum'")]
    [InlineData("""{"centroid": []}""", "has no settings")]
    [InlineData("""{"centroid": [{"Shrinkage": "lots"}]}""", "setting 1 of 'centroid'")]
    [InlineData("""{"centroid": [""", "not valid JSON")]
    public void BadGridFilesAreRefusedClearly(string json, string message)
    {
        var path = Write(json);
        try { Assert.Contains(message, Assert.Throws<LearningException>(() => GridFile.Parse(path)).Message); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ShortSettingShowsOnlyWhatVaries()
    {
        object[] grid = [new KnnHyperParameters(1, KnnMetric.Euclidean), new KnnHyperParameters(5, KnnMetric.Euclidean), new KnnHyperParameters(5, KnnMetric.Cosine)];
        Assert.Equal("K=5 Metric=Cosine", SettingText.Short(grid[2], grid));
        Assert.Equal("Metric=Cosine", SettingText.Short(grid[2], grid, exclude: "K"));
        Assert.Equal("Shrinkage=0", SettingText.Short(new CentroidHyperParameters(), [new CentroidHyperParameters()]));
    }
}
