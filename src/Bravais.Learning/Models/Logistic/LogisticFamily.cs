using Bravais.Learning.Models.Common;

namespace Bravais.Learning.Models.Logistic;

/// <summary>Multinomial L2 logistic regression (our own L-BFGS solver on System.Numerics.Tensors).</summary>
public sealed class LogisticFamily : IClassifierFamily
{
    public static readonly LogisticFamily Instance = new();

    public string Name => "logistic";
    public Type HyperParameterType => typeof(LogisticHyperParameters);
    public string MainHyperParameter => nameof(LogisticHyperParameters.C);

    public IReadOnlyList<object> Grid(GridSize size)
    {
        double[] cs = size == GridSize.Quick ? [0.1, 1, 10] : [0.001, 0.01, 0.1, 1, 10, 100, 1000];
        return cs.Select(c => (object)new LogisticHyperParameters(C: c)).ToArray();
    }

    public IClassifier Create(object hyperParameters) => new LogisticClassifier(HyperParameterRecords.As<LogisticHyperParameters>(hyperParameters, Name));

    public IClassifier Load(Stream stream, object hyperParameters) =>
        LogisticClassifier.Load(stream, HyperParameterRecords.As<LogisticHyperParameters>(hyperParameters, Name));
}
