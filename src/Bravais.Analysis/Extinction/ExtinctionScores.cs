using System.Collections.Immutable;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// One extinction group's standing: its symbol, posterior probability (over the groups of the cell's family, summing
/// to 1), the space-group types it admits, the log-likelihood of the extracted intensities under it (relative to the
/// least restrictive group) and its log prior.
/// </summary>
public sealed record ExtinctionSymbolScore(string Symbol, double Probability, ImmutableArray<int> SpaceGroups, double LogLikelihood, double LogPrior, ExtinctionGroup Group);

/// <summary>The ranked extinction groups of a cell (best first) and the intensities they were judged on.</summary>
public sealed record ExtinctionResult(ExtinctionFamily Family, ImmutableArray<ExtinctionSymbolScore> Scores, ExtractedIntensities Intensities)
{
    public ExtinctionSymbolScore Best => Scores[0];
}
