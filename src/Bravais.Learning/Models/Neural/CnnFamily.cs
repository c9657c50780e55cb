namespace Bravais.Learning.Models.Neural;

/// <summary>The <c>cnn</c> family: 1-D convolutional networks over the profile (<see cref="CnnClassifier"/>).</summary>
public sealed class CnnFamily : IClassifierFamily
{
    public string Name => "cnn";
    public Type HyperParameterType => typeof(CnnHyperParameters);
    public string MainHyperParameter => nameof(CnnHyperParameters.WeightDecay);

    public IReadOnlyList<object> Grid(GridSize size)
    {
        // Quick: one setting, since a CNN fit costs minutes; the defaults were chosen on the validation split of
        // the NANO281-MP data (docs/neural.md), where the default augmentation lost 3 points of validation accuracy.
        if (size == GridSize.Quick)
            return [new CnnHyperParameters()];
        var grid = new List<object>();
        foreach (var architecture in new[] { "plain", "resnet" })
            foreach (var decay in new[] { 1e-3f, 1e-2f, 5e-2f })
                foreach (var dropout in new[] { 0.3f, 0.5f })
                    grid.Add(new CnnHyperParameters { Architecture = architecture, WeightDecay = decay, Dropout = dropout });
        return grid;
    }

    public IClassifier Create(object hyperParameters) => new CnnClassifier(Cast(hyperParameters));

    public IClassifier Load(Stream stream, object hyperParameters) => CnnClassifier.Load(stream, Cast(hyperParameters));

    private static CnnHyperParameters Cast(object hp) =>
        hp as CnnHyperParameters ?? throw new ArgumentException($"cnn expects {nameof(CnnHyperParameters)}, got {hp?.GetType().Name ?? "null"}");
}
