using System.Text.Json;

namespace Bravais.Learning.Models.Ensemble;

/// <summary>One member of a soft-voting ensemble: a family, its hyper-parameters (as in a manifest) and its weight.</summary>
public sealed record EnsembleMember(string Family, JsonElement HyperParameters, double Weight);

/// <summary>
/// A soft-voting ensemble: the class probabilities of the members, averaged with the given weights (normalised to
/// sum 1). The members and weights are chosen by the training pipeline from the families' cross-validated
/// predictions (<see cref="Training.EnsembleSelection"/>), so the record is plain data like every other family's.
/// </summary>
public sealed record EnsembleHyperParameters(IReadOnlyList<EnsembleMember> Members)
{
    public void Validate()
    {
        if (Members is null || Members.Count == 0) throw new ArgumentException("ensemble: at least one member is required");
        foreach (var m in Members)
        {
            if (string.Equals(m.Family, EnsembleFamily.FamilyName, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException("ensemble: an ensemble cannot contain an ensemble");
            if (!(m.Weight > 0) || double.IsInfinity(m.Weight)) throw new ArgumentException($"ensemble: member {m.Family} has weight {m.Weight}; weights must be positive");
        }
    }
}
