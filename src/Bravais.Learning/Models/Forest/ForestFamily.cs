using Bravais.Learning.Models.Common;

namespace Bravais.Learning.Models.Forest;

/// <summary>Random forest of CART trees (Gini) on histogram-binned features, trained in parallel.</summary>
public sealed class ForestFamily : IClassifierFamily
{
    public static readonly ForestFamily Instance = new();

    public string Name => "forest";
    public Type HyperParameterType => typeof(ForestHyperParameters);
    public string MainHyperParameter => nameof(ForestHyperParameters.MaxDepth);

    public IReadOnlyList<object> Grid(GridSize size)
    {
        if (size == GridSize.Quick)
            return new int?[] { null, 20 }.Select(depth => (object)new ForestHyperParameters(Trees: 300, MaxDepth: depth)).ToArray();
        int?[] depths = [8, 12, 16, 20, 30, null];
        string[] features = ["sqrt", "0.2"];
        int[] leaves = [1, 3];
        return (from f in features from leaf in leaves from depth in depths
                select (object)new ForestHyperParameters(Trees: 500, MaxDepth: depth, MinSamplesLeaf: leaf, MaxFeatures: f)).ToArray();
    }

    public IClassifier Create(object hyperParameters) => new ForestClassifier(HyperParameterRecords.As<ForestHyperParameters>(hyperParameters, Name));

    public IClassifier Load(Stream stream, object hyperParameters) =>
        ForestClassifier.Load(stream, HyperParameterRecords.As<ForestHyperParameters>(hyperParameters, Name));
}
