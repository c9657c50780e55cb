using Bravais.Learning.Data;
using Bravais.Learning.Models;
using Bravais.Learning.Models.Neural;
using Bravais.Learning.Persistence;
using Bravais.Learning.Training;
using Xunit;

namespace Bravais.Learning.Tests.Persistence;

/// <summary>Every registered family goes through the pipeline and the .bravais file and predicts the same after loading.</summary>
public class EveryFamilyRoundTripTests
{
    // the ensemble is formed from other families, not searched: its round trip is in Models/EnsembleTests
    public static TheoryData<string> Families() => [.. ClassifierFamilies.All.Select(f => f.Name).Where(n => n != "ensemble")];

    [Theory]
    [MemberData(nameof(Families))]
    public void TrainSaveLoadPredictsTheSame(string name)
    {
        var family = ClassifierFamilies.Get(name);
        var data = SyntheticPatterns.Make(3, 12, seed: 21);
        // the neural families get a small, short setting to keep the test fast; the others their first quick setting
        object setting = name switch
        {
            "cnn" => new CnnHyperParameters { Channels = [4, 8], DenseUnits = 16, Epochs = 2 },
            "mlp" => new MlpHyperParameters { HiddenSizes = [16], Epochs = 3 },
            _ => family.Grid(GridSize.Quick)[0],
        };
        var grid = new GridChoice(GridSize.Quick, new Dictionary<string, IReadOnlyList<object>> { [name] = [setting] }, "first");
        var result = TrainingPipeline.Run(new TrainingRequest(data, PredictionTarget.Bravais, [name], Folds: 2, Grid: grid, Curves: false, ImportanceRows: 0, Threads: 2));
        var path = Path.Combine(Path.GetTempPath(), $"bravais-{name}-{Guid.NewGuid():N}.bravais");
        try
        {
            ClassifierFile.Save(path, result.Model);
            var back = ClassifierFile.Load(path);
            Assert.Equal(name, back.Manifest.Family);
            Assert.Equal(result.Model.PredictProbabilities(data.Intensities), back.PredictProbabilities(data.Intensities));
        }
        finally { File.Delete(path); }
    }
}
