using Bravais.Synthesis.Wyckoff;

namespace Bravais.Synthesis.Generation;

/// <summary>
/// Chooses the Wyckoff positions of a crystal's asymmetric unit: biased towards special positions
/// (weight e^(−0.35·bias·free parameters)), each point position at most once, total
/// atoms within the budget.
/// </summary>
public static class WyckoffSiteSampler
{
    /// <param name="characteristic">Per position: whether one orbit alone has exactly the group's symmetry (see <see cref="CharacteristicPositions"/>).</param>
    /// <param name="forceCharacteristicSite">Start with a random characteristic position that fits (else the lowest site symmetry).</param>
    public static List<WyckoffPosition> Sample(IReadOnlyList<WyckoffPosition> positions, IReadOnlyList<bool> characteristic, int siteCount, int maxAtoms, double bias, bool forceCharacteristicSite, Random random)
    {
        var chosen = new List<WyckoffPosition>(siteCount);
        var used = new HashSet<WyckoffPosition>(ReferenceEqualityComparer.Instance);
        var atoms = 0;
        if (forceCharacteristicSite)
        {
            var fitting = Enumerable.Range(0, positions.Count).Where(i => characteristic[i] && positions[i].Multiplicity <= maxAtoms).ToArray();
            var low = fitting.Length > 0
                ? positions[fitting[random.Next(fitting.Length)]]
                : positions.Where(p => p.Multiplicity <= maxAtoms).OrderBy(p => p.SiteSymmetryOrder).ThenByDescending(p => p.Dimension).FirstOrDefault();
            if (low is not null) { chosen.Add(low); used.Add(low); atoms += low.Multiplicity; }
        }
        var weights = new double[positions.Count];
        while (chosen.Count < siteCount)
        {
            var total = 0.0;
            for (var i = 0; i < positions.Count; i++)
            {
                var p = positions[i];
                var allowed = atoms + p.Multiplicity <= maxAtoms && (p.Dimension > 0 || !used.Contains(p));
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
            chosen.Add(chosenPosition); used.Add(chosenPosition); atoms += chosenPosition.Multiplicity;
        }
        return chosen;
    }
}
