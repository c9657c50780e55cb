namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// The lattice-centring letter (P, A, B, C, I, F, R) implied by a list of operations: the pure translations
/// (identity rotation, non-zero translation modulo 1) among them.
/// </summary>
public static class CentringDetector
{
    /// <summary>The centring letter, or null when the pure translations form no standard centring.</summary>
    public static char? Detect(IEnumerable<SymmetryOperation> operations)
    {
        var set = new HashSet<(int, int, int)>();
        foreach (var op in operations)
        {
            if (!op.IsIdentityRotation) continue;
            var n = op.Normalised();
            if (n.T0 == 0 && n.T1 == 0 && n.T2 == 0) continue;
            set.Add((n.T0, n.T1, n.T2));
        }
        const int h = SymmetryOperation.Denominator / 2, third = SymmetryOperation.Denominator / 3, twoThirds = 2 * third;
        if (set.Count == 0) return 'P';
        if (set.Count == 1)
        {
            var t = set.First();
            if (t == (0, h, h)) return 'A';
            if (t == (h, 0, h)) return 'B';
            if (t == (h, h, 0)) return 'C';
            if (t == (h, h, h)) return 'I';
            return null;
        }
        if (set.Count == 2)
        {
            // obverse (2/3,1/3,1/3),(1/3,2/3,2/3) or reverse (1/3,2/3,1/3),(2/3,1/3,2/3) rhombohedral centring on hexagonal axes
            if (set.SetEquals([(twoThirds, third, third), (third, twoThirds, twoThirds)])) return 'R';
            if (set.SetEquals([(third, twoThirds, third), (twoThirds, third, twoThirds)])) return 'R';
            return null;
        }
        if (set.Count == 3 && set.SetEquals([(0, h, h), (h, 0, h), (h, h, 0)])) return 'F';
        return null;
    }
}
