using Bravais.Synthesis.Wyckoff;

namespace Bravais.Synthesis.Generation;

/// <summary>
/// Chooses the Wyckoff positions of a crystal's asymmetric unit: biased towards special positions
/// (weight e^(−0.35·bias·free parameters)), a point position at most once (a line thrice, a plane six times), total
/// atoms within the budget.
/// </summary>
public static class WyckoffSiteSampler
{
    /// <summary>How often one position may be occupied, by its number of free parameters: a point once, a line thrice, a plane six times.</summary>
    private static readonly int[] MaxUses = [1, 3, 6, int.MaxValue];

    /// <param name="characteristic">Per position: whether one orbit alone has exactly the group's symmetry (see <see cref="CharacteristicPositions"/>).</param>
    /// <param name="forceCharacteristicSite">Start with a random characteristic position that fits (else the lowest site symmetry).</param>
    /// <param name="targetAtoms">Stop once the cell holds at least this many atoms (or <paramref name="siteCount"/> sites are chosen).</param>
    public static List<WyckoffPosition> Sample(IReadOnlyList<WyckoffPosition> positions, IReadOnlyList<bool> characteristic, int siteCount, int maxAtoms, double bias, bool forceCharacteristicSite, Random random, int targetAtoms = int.MaxValue)
    {
        var chosen = new List<WyckoffPosition>(siteCount);
        var used = new Dictionary<WyckoffPosition, int>(ReferenceEqualityComparer.Instance);
        var atoms = 0;
        if (forceCharacteristicSite)
        {
            var fitting = Enumerable.Range(0, positions.Count).Where(i => characteristic[i] && positions[i].Multiplicity <= maxAtoms).ToArray();
            var low = fitting.Length > 0
                ? positions[fitting[random.Next(fitting.Length)]]
                : positions.Where(p => p.Multiplicity <= maxAtoms).OrderBy(p => p.SiteSymmetryOrder).ThenByDescending(p => p.Dimension).FirstOrDefault();
            if (low is not null) { chosen.Add(low); used[low] = 1; atoms += low.Multiplicity; }
        }
        var weights = new double[positions.Count];
        while (chosen.Count < siteCount && atoms < targetAtoms)
        {
            var total = 0.0;
            for (var i = 0; i < positions.Count; i++)
            {
                var p = positions[i];
                var allowed = atoms + p.Multiplicity <= maxAtoms && used.GetValueOrDefault(p) < MaxUses[p.Dimension];
                weights[i] = allowed ? Math.Exp(-0.35 * bias * p.Dimension) : 0;
                total += weights[i];
            }
            if (total <= 0) break;
            var u = random.NextDouble() * total;
            var pick = 0;
            for (; pick < positions.Count - 1; pick++)
            {
                u -= weights[pick];
                if (u <= 0 && weights[pick] > 0) break;
            }
            while (weights[pick] <= 0) pick--; // rounding fell past the last allowed entry
            var chosenPosition = positions[pick];
            chosen.Add(chosenPosition); used[chosenPosition] = used.GetValueOrDefault(chosenPosition) + 1; atoms += chosenPosition.Multiplicity;
        }
        return chosen;
    }
}
