using Bravais.Learning.Models.Common;

namespace Bravais.Learning.Models.Ensemble;

/// <summary>
/// Soft-voting ensembles of the other families. Not searched by a grid of its own: the training pipeline forms one
/// from the best setting of each family and scores it by cross-validation beside them (see <see cref="Training.EnsembleSelection"/>).
/// </summary>
public sealed class EnsembleFamily : IClassifierFamily
{
    public const string FamilyName = "ensemble";

    public string Name => FamilyName;
    public Type HyperParameterType => typeof(EnsembleHyperParameters);
    public string MainHyperParameter => nameof(EnsembleHyperParameters.Members);

    /// <summary>Empty: members and weights come from the other families' cross-validated predictions.</summary>
    public IReadOnlyList<object> Grid(GridSize size) => [];

    public IClassifier Create(object hyperParameters) => new EnsembleClassifier(HyperParameterRecords.As<EnsembleHyperParameters>(hyperParameters, Name));

    public IClassifier Load(Stream stream, object hyperParameters) =>
        EnsembleClassifier.Load(stream, HyperParameterRecords.As<EnsembleHyperParameters>(hyperParameters, Name));
}
