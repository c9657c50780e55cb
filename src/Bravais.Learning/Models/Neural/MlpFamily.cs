namespace Bravais.Learning.Models.Neural;

/// <summary>The <c>mlp</c> family: multilayer perceptrons on our own engine (<see cref="MlpClassifier"/>).</summary>
public sealed class MlpFamily : IClassifierFamily
{
    public string Name => "mlp";
    public Type HyperParameterType => typeof(MlpHyperParameters);
    public string MainHyperParameter => nameof(MlpHyperParameters.WeightDecay);

    public IReadOnlyList<object> Grid(GridSize size)
    {
        if (size == GridSize.Quick)
            return [new MlpHyperParameters { WeightDecay = 1e-4f }, new MlpHyperParameters { WeightDecay = 1e-2f }];
        var grid = new List<object>();
        foreach (var hidden in new[] { new[] { 256 }, new[] { 512, 256 }, new[] { 1024, 512, 256 } })
            foreach (var dropout in new[] { 0.1f, 0.3f })
                foreach (var decay in new[] { 1e-5f, 1e-4f, 1e-3f, 1e-2f })
                    grid.Add(new MlpHyperParameters { HiddenSizes = hidden, Dropout = dropout, WeightDecay = decay });
        return grid;
    }

    public IClassifier Create(object hyperParameters) => new MlpClassifier(Cast(hyperParameters));

    public IClassifier Load(Stream stream, object hyperParameters) => MlpClassifier.Load(stream, Cast(hyperParameters));

    private static MlpHyperParameters Cast(object hp) =>
        hp as MlpHyperParameters ?? throw new ArgumentException($"mlp expects {nameof(MlpHyperParameters)}, got {hp?.GetType().Name ?? "null"}");
}
