using System.Globalization;
using Bravais.Crystallography.Geometry;

namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// Checks that a list of symmetry operations can be a crystal's space group, as gemmi and cod-tools check a CIF:
/// it is a group modulo lattice translations (holds the identity, closed under composition), and every
/// operation preserves the cell's metric (Rᵀ G R = G). Pure functions.
/// </summary>
public static class OperationChecks
{
    /// <summary>
    /// Largest relative change of the metric an operation may make, max |(RᵀGR − G)ᵢⱼ| / √(GᵢᵢGⱼⱼ): 0.01, i.e. about
    /// 0.5 % in a length or 0.6° in an angle. Of the 1,554 COD blocks in ../shared with a cell and operations, 1,518
    /// deviate by less than 1e-6; the largest deviation among consistent ones is 0.0065 (COD 4300081, a P3₁ cell
    /// refined without constraints: a = 14.231(10), b = 14.227(9) Å, α = 90.07(9)°), the smallest among the
    /// inconsistent ones 0.054 (COD 2005206, an operation mistyped); Fm-3m with b = 1.046 a deviates by 0.094 and P3 on
    /// a 5 × 6 × 7 Å, 80/85/100° cell by 1.0 (issue 18). gemmi's <c>is_compatible_with_spacegroup</c> uses an absolute 0.001 Å² on G, which would refuse
    /// COD 4300081 (a difference of 0.004 Å in a 14 Å cell).
    /// </summary>
    public const double MetricTolerance = 0.01;

    /// <summary>Null when the operations (modulo lattice translations) hold the identity and are closed under composition; else why not.</summary>
    public static string? GroupProblem(IReadOnlyCollection<SymmetryOperation> operations)
    {
        var set = new OperationSet(operations);
        if (!set.Contains(SymmetryOperation.Identity))
            return "the symmetry operations do not include the identity x,y,z, so they are not a space group";
        foreach (var a in set.Operations)
        foreach (var b in set.Operations)
        {
            var product = a.Compose(b);
            if (!set.Contains(product))
                return $"the symmetry operations are not a group: the product of {a.ToXyz()} and {b.ToXyz()} is {product.Normalised().ToXyz()}, which is not listed";
        }
        return null;
    }

    /// <summary>The largest relative metric change of any operation (see <see cref="MetricTolerance"/>) and the operation that makes it.</summary>
    public static (double Deviation, SymmetryOperation Worst) MetricDeviation(Lattice lattice, IEnumerable<SymmetryOperation> operations)
    {
        var g = lattice.MetricTensor;
        Span<double> gm = [g.M00, g.M01, g.M02, g.M10, g.M11, g.M12, g.M20, g.M21, g.M22];
        var worst = (Deviation: 0.0, Worst: SymmetryOperation.Identity);
        foreach (var op in operations)
        {
            if (op.IsIdentityRotation) continue;
            var max = 0.0;
            // (Rᵀ G R)ᵢⱼ = Σₖₗ Rₖᵢ Gₖₗ Rₗⱼ
            for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < 3; k++)
                {
                    var rki = op.Rotation(k, i);
                    if (rki == 0) continue;
                    for (var l = 0; l < 3; l++) sum += rki * gm[k * 3 + l] * op.Rotation(l, j);
                }
                var d = Math.Abs(sum - gm[i * 3 + j]) / Math.Sqrt(gm[i * 4] * gm[j * 4]);
                if (d > max) max = d;
            }
            if (max > worst.Deviation) worst = (max, op);
        }
        return worst;
    }

    /// <summary>Null when every operation preserves the cell's metric within <paramref name="tolerance"/>; else why not.</summary>
    public static string? MetricProblem(Lattice lattice, IEnumerable<SymmetryOperation> operations, double tolerance = MetricTolerance)
    {
        var (deviation, worst) = MetricDeviation(lattice, operations);
        if (deviation <= tolerance) return null;
        return string.Format(CultureInfo.InvariantCulture,
            "the cell ({0}) does not have the symmetry of its operations: {1} changes the metric by {2:0.###} (relative; tolerance {3})",
            lattice, worst.ToXyz(), deviation, tolerance);
    }

    /// <summary>
    /// A fingerprint of a group's point group that does not depend on the setting or the centring: how many distinct
    /// rotation parts have each kind (determinant, trace), written as International Tables names ("1 + -1 + 3×2 + 3×m"). Settings of one space-group type share it (R-3 on hexagonal
    /// and on rhombohedral axes included); a different fingerprint proves a different type (equal ones do not prove
    /// the same type: P2₁/c and P2/m share one).
    /// </summary>
    public static string PointGroupFingerprint(IEnumerable<SymmetryOperation> operations)
    {
        var rotations = new HashSet<SymmetryOperation>();
        foreach (var op in operations) rotations.Add(new SymmetryOperation(op.R00, op.R01, op.R02, op.R10, op.R11, op.R12, op.R20, op.R21, op.R22, 0, 0, 0));
        var counts = new SortedDictionary<(int Det, int Trace), int>();
        foreach (var r in rotations)
        {
            var key = (r.Determinant, r.Trace);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return string.Join(" + ", counts.OrderBy(c => Order(c.Key)).Select(c => c.Value == 1 ? Name(c.Key) : $"{c.Value}×{Name(c.Key)}"));
    }

    // rotation kinds by (determinant, trace), as in International Tables: 1, 2, 3, 4, 6 and -1, m, -3, -4, -6
    private static readonly (int Det, int Trace, string Name)[] Kinds =
        [(1, 3, "1"), (-1, -3, "-1"), (1, -1, "2"), (-1, 1, "m"), (1, 0, "3"), (-1, 0, "-3"), (1, 1, "4"), (-1, -1, "-4"), (1, 2, "6"), (-1, -2, "-6")];

    private static int Order((int Det, int Trace) key) { var i = Array.FindIndex(Kinds, k => k.Det == key.Det && k.Trace == key.Trace); return i < 0 ? int.MaxValue : i; }

    private static string Name((int Det, int Trace) key) =>
        Array.Find(Kinds, k => k.Det == key.Det && k.Trace == key.Trace).Name ?? $"(det {key.Det}, trace {key.Trace})";
}
