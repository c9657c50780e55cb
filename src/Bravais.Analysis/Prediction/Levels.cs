using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Prediction;

/// <summary>Ranking and summing probabilities across the levels: a space group implies its Bravais lattice and crystal system.</summary>
public static class Levels
{
    /// <summary>Classes with their probabilities, best first (ties in class order).</summary>
    public static ClassProbability[] Rank(IReadOnlyList<string> classes, ReadOnlySpan<double> probabilities)
    {
        var result = new ClassProbability[classes.Count];
        for (var c = 0; c < result.Length; c++) result[c] = new ClassProbability(classes[c], probabilities[c]);
        var order = Enumerable.Range(0, result.Length).ToArray();
        Array.Sort(order, (a, b) => result[b].Probability != result[a].Probability ? result[b].Probability.CompareTo(result[a].Probability) : a.CompareTo(b));
        return order.Select(i => result[i]).ToArray();
    }

    /// <summary>Space-group probabilities (label = number) summed by Bravais lattice and by crystal system, each ranked.</summary>
    public static (ClassProbability[] Lattices, ClassProbability[] Systems) FromSpaceGroups(IEnumerable<ClassProbability> spaceGroups)
    {
        var lattices = new double[BravaisLattices.All.Count];
        var systems = new double[Enum.GetValues<CrystalSystem>().Length];
        foreach (var (label, p) in spaceGroups)
        {
            var number = int.Parse(label, System.Globalization.CultureInfo.InvariantCulture);
            lattices[(int)SpaceGroups.ByNumber(number).BravaisLattice] += p;
            systems[(int)CrystalSystems.FromSpaceGroupNumber(number)] += p;
        }
        return (Rank(BravaisLattices.All.Select(l => l.Label()).ToArray(), lattices), Rank(Enum.GetValues<CrystalSystem>().Select(s => s.Name()).ToArray(), systems));
    }
}
