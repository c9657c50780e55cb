using Bravais.Learning.Models.Common;

namespace Bravais.Learning.Models.LightGbm;

/// <summary>Gradient-boosted decision trees: ML.NET's LightGbmMulticlassTrainer (native LightGBM).</summary>
public sealed class LightGbmFamily : IClassifierFamily
{
    public static readonly LightGbmFamily Instance = new();

    public string Name => "lightgbm";
    public Type HyperParameterType => typeof(LightGbmHyperParameters);
    public string MainHyperParameter => nameof(LightGbmHyperParameters.NumberOfLeaves);

    public IReadOnlyList<object> Grid(GridSize size)
    {
        if (size == GridSize.Quick)
            return new[] { 15, 63 }.Select(leaves => (object)new LightGbmHyperParameters(NumberOfLeaves: leaves, LearningRate: 0.1)).ToArray();
        int[] leavesGrid = [7, 15, 31, 63, 127];
        double[] rates = [0.03, 0.1, 0.3];
        return (from rate in rates from leaves in leavesGrid
                select (object)new LightGbmHyperParameters(NumberOfLeaves: leaves, LearningRate: rate, Rounds: rate < 0.05 ? 1500 : 500, FeatureFraction: 0.5)).ToArray();
    }

    public IClassifier Create(object hyperParameters) => new LightGbmClassifier(HyperParameterRecords.As<LightGbmHyperParameters>(hyperParameters, Name));

    public IClassifier Load(Stream stream, object hyperParameters) =>
        LightGbmClassifier.Load(stream, HyperParameterRecords.As<LightGbmHyperParameters>(hyperParameters, Name));
}
