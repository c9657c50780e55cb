using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Verification;

namespace Bravais.Analysis.Extinction.Evaluation;

/// <summary>
/// The conventional cell, in the setting the extinction scorer expects of an indexing result, of a crystal given in
/// any (e.g. Materials Project's reduced primitive) cell: the crystal's rotations are found (<see cref="SymmetryFinder"/>,
/// tolerance 0.01 Å, then 0.03 and 0.1 Å) and must make the point group of the labelled space group; the axes are the
/// shortest lattice vectors along its symmetry directions: b along the two-fold of a monoclinic cell (a and c the
/// shortest pair normal to it, β obtuse, C centring for mS), the three two-folds of an orthorhombic cell (C centring for
/// oS, lengths ascending otherwise), the four-fold and the shortest vector normal to it (tetragonal), the three-fold and
/// the shortest normal vector at 120° (hexagonal axes, obverse for hR), the cube axes. Used to give the scorer the true
/// cell of development crystals; indexing is not this class's job.
/// </summary>
public static class ConventionalCell
{
    public sealed record Outcome(Lattice? Cell, string? Reason);

    public static Outcome Find(Structure structure, int spaceGroupNumber, BravaisLattice lattice) => Find(structure, spaceGroupNumber, lattice, true);

    private static Outcome Find(Structure structure, int spaceGroupNumber, BravaisLattice lattice, bool mayReduce)
    {
        var (reduced, basis) = Reduce(structure);
        var expected = SpaceGroups.ByNumber(spaceGroupNumber).Operations.Select(o => (o.R00, o.R01, o.R02, o.R10, o.R11, o.R12, o.R20, o.R21, o.R22)).Distinct().Count();
        int[][]? rotations = null;
        foreach (var tolerance in new[] { 0.01, 0.03, 0.1 })
        {
            var ops = SymmetryFinder.FindOperations(AtomIndex.Of(reduced, tolerance));
            var translations = ops.Where(o => o.R00 == 1 && o.R11 == 1 && o.R22 == 1 && o.R01 == 0 && o.R02 == 0 && o.R10 == 0 && o.R12 == 0 && o.R20 == 0 && o.R21 == 0)
                .Select(o => o.Translation.Wrapped()).Where(t => t.NearestImage().Length > 1e-3).ToList();
            if (translations.Count > 0)
                return mayReduce && Primitive(reduced, translations) is { } primitive ? Find(primitive, spaceGroupNumber, lattice, false) : new Outcome(null, "the cell is not primitive");
            var found = ops.Select(o => new[] { o.R00, o.R01, o.R02, o.R10, o.R11, o.R12, o.R20, o.R21, o.R22 }).DistinctBy(r => string.Join(',', r)).ToArray();
            if (found.Length == expected) { rotations = found; break; }
            if (found.Length > expected) return new Outcome(null, $"point group of order {found.Length} found, the label's has {expected}");
        }
        if (rotations is null) return new Outcome(null, $"point group of order {expected} not found");
        var axes = Axes(lattice, rotations, basis);
        if (axes is null) return new Outcome(null, $"no {lattice} axes among the symmetry directions");
        var (a, b, c) = axes.Value;
        var matrix = Mat3.FromRows(Cartesian(a, basis), Cartesian(b, basis), Cartesian(c, basis));
        var cell = Lattice.FromMatrix(matrix);
        return new Outcome(Lattice.FromParameters(cell.A, cell.B, cell.C, cell.Alpha, cell.Beta, cell.Gamma), null);
    }

    private static (int[] A, int[] B, int[] C)? Axes(BravaisLattice lattice, int[][] rotations, Mat3 basis)
    {
        var proper = rotations.Select(r => Determinant(r) == 1 ? r : r.Select(x => -x).ToArray()).ToList();
        int[]? Of(int trace) => proper.FirstOrDefault(r => r[0] + r[4] + r[8] == trace && !(r[0] == 1 && r[4] == 1 && r[8] == 1));
        (int[] A, int[] B, int[] C)? result = lattice.FamilySystem() switch
        {
            CrystalSystem.Triclinic => ([1, 0, 0], [0, 1, 0], [0, 0, 1]),
            CrystalSystem.Monoclinic => Monoclinic(Of(-1), lattice == BravaisLattice.mS, basis),
            CrystalSystem.Orthorhombic => Orthorhombic(proper, lattice, basis),
            CrystalSystem.Tetragonal => Tetragonal(Of(1), basis),
            CrystalSystem.Cubic => Cubic(proper, basis),
            _ => Hexagonal(Of(0) ?? Square(Of(2)), lattice == BravaisLattice.hR, basis),
        };
        if (result is not { } axes) return null;
        var det = Det(axes.A, axes.B, axes.C);
        var z = lattice switch
        {
            BravaisLattice.mS or BravaisLattice.oS or BravaisLattice.oI or BravaisLattice.tI or BravaisLattice.cI => 2,
            BravaisLattice.hR => 3,
            BravaisLattice.oF or BravaisLattice.cF => 4,
            _ => 1,
        };
        return det == z && CentringMatches(axes, lattice) ? axes : null;
    }

    private static (int[], int[], int[])? Monoclinic(int[]? twoFold, bool centred, Mat3 basis)
    {
        if (twoFold is null) return null;
        var b = Axis(twoFold);
        var plane = InPlane(twoFold, 2, basis);
        if (plane.Count < 2) return null;
        var (e1, e2) = (plane[0], plane.First(v => !Parallel(v, plane[0])));
        int[] a = e1, c = e2;
        if (centred)
        {
            // a lattice vector with half a b in it: its part in the plane is a/2 of the C-centred cell
            var half = Enumerable.Range(0, 3).Select(i => Solve(e1, e2, b, Unit(i))).OfType<double[]>().FirstOrDefault(s => Math.Abs(Frac(s[2]) - 0.5) < 1e-6);
            if (half is null) return null;
            (double s, double t) = (Frac(half[0]), Frac(half[1]));
            if (Math.Abs(s - 0.5) < 1e-6 && t < 1e-6) (a, c) = (e1, e2);
            else if (s < 1e-6 && Math.Abs(t - 0.5) < 1e-6) (a, c) = (e2, e1);
            else (a, c) = (Add(e1, e2), e2);
        }
        // shortest c for this a, β obtuse, right-handed
        var ca = Dot(c, a, basis) / Dot(a, a, basis);
        c = Add(c, Scale(a, -(int)Math.Round(ca)));
        if (Dot(a, c, basis) > 0) c = Scale(c, -1);
        if (Det(a, b, c) < 0) b = Scale(b, -1);
        return (a, b, c);
    }

    private static (int[], int[], int[])? Orthorhombic(List<int[]> proper, BravaisLattice lattice, Mat3 basis)
    {
        var axes = proper.Where(r => r[0] + r[4] + r[8] == -1).Select(Axis).DistinctBy(v => string.Join(',', v)).ToList();
        if (axes.Count != 3) return null;
        var v = axes.OrderBy(x => Dot(x, x, basis)).ToArray();
        if (lattice == BravaisLattice.oS)
        {
            // put the centred face at C: cycle the axes until the centring vector is (½, ½, 0)
            for (var turn = 0; turn < 3; turn++)
            {
                if (Det(v[0], v[1], v[2]) < 0) v[2] = Scale(v[2], -1);
                if (Centring((v[0], v[1], v[2])).Any(t => Math.Abs(t[0] - 0.5) < 1e-6 && Math.Abs(t[1] - 0.5) < 1e-6 && t[2] < 1e-6))
                {
                    if (Dot(v[0], v[0], basis) > Dot(v[1], v[1], basis)) (v[0], v[1], v[2]) = (v[1], v[0], Scale(v[2], -1));
                    return (v[0], v[1], v[2]);
                }
                v = [v[1], v[2], v[0]];
            }
            return null;
        }
        if (Det(v[0], v[1], v[2]) < 0) v[2] = Scale(v[2], -1);
        return (v[0], v[1], v[2]);
    }

    private static (int[], int[], int[])? Tetragonal(int[]? fourFold, Mat3 basis)
    {
        if (fourFold is null) return null;
        var c = Axis(fourFold);
        var plane = InPlane(fourFold, 4, basis);
        if (plane.Count == 0) return null;
        var a = plane[0];
        var b = Apply(fourFold, a);
        if (Det(a, b, c) < 0) b = Scale(b, -1);
        return (a, b, c);
    }

    private static (int[], int[], int[])? Hexagonal(int[]? threeFold, bool rhombohedral, Mat3 basis)
    {
        if (threeFold is null) return null;
        var c = Axis(threeFold);
        var plane = InPlane(threeFold, 3, basis);
        if (plane.Count == 0) return null;
        var a = plane[0];
        var b = Apply(threeFold, a);
        if (Det(a, b, c) < 0) b = Apply(threeFold, b);
        if (rhombohedral && !Centring((a, b, c)).Any(t => Math.Abs(t[0] - 2.0 / 3) < 1e-6 && Math.Abs(t[1] - 1.0 / 3) < 1e-6 && Math.Abs(t[2] - 1.0 / 3) < 1e-6))
            (a, b) = (Scale(a, -1), Scale(b, -1)); // reverse → obverse: a half turn about c
        return (a, b, c);
    }

    private static (int[], int[], int[])? Cubic(List<int[]> proper, Mat3 basis)
    {
        var fourFolds = proper.Where(r => r[0] + r[4] + r[8] == 1).ToList();
        var source = fourFolds.Count > 0 ? fourFolds : proper.Where(r => r[0] + r[4] + r[8] == -1).ToList();
        var axes = source.Select(Axis).DistinctBy(v => string.Join(',', v)).ToList();
        if (axes.Count != 3) return null;
        var (a, b, c) = (axes[0], axes[1], axes[2]);
        if (Det(a, b, c) < 0) c = Scale(c, -1);
        return (a, b, c);
    }

    private static int[]? Square(int[]? r) => r is null ? null : Multiply(r, r);

    private static bool CentringMatches((int[] A, int[] B, int[] C) axes, BravaisLattice lattice)
    {
        var t = Centring(axes);
        bool Has(double x, double y, double z) => t.Any(v => Math.Abs(v[0] - x) < 1e-6 && Math.Abs(v[1] - y) < 1e-6 && Math.Abs(v[2] - z) < 1e-6);
        return lattice switch
        {
            BravaisLattice.mS or BravaisLattice.oS => Has(0.5, 0.5, 0),
            BravaisLattice.oI or BravaisLattice.tI or BravaisLattice.cI => Has(0.5, 0.5, 0.5),
            BravaisLattice.oF or BravaisLattice.cF => Has(0.5, 0.5, 0) && Has(0.5, 0, 0.5) && Has(0, 0.5, 0.5),
            BravaisLattice.hR => Has(2.0 / 3, 1.0 / 3, 1.0 / 3),
            _ => t.Count == 0,
        };
    }

    /// <summary>The non-zero lattice points inside the conventional cell (the reduced basis vectors and their sums, in conventional coordinates, mod 1).</summary>
    private static List<double[]> Centring((int[] A, int[] B, int[] C) axes)
    {
        var result = new List<double[]>();
        for (var i = -1; i <= 1; i++)
        for (var j = -1; j <= 1; j++)
        for (var k = -1; k <= 1; k++)
        {
            var s = Solve(axes.A, axes.B, axes.C, [i, j, k]);
            if (s is null) continue;
            var f = s.Select(Frac).ToArray();
            if (f.All(x => x < 1e-6 || x > 1 - 1e-6)) continue;
            if (!result.Any(r => r.Zip(f).All(p => Math.Abs(p.First - p.Second) < 1e-6))) result.Add(f);
        }
        return result;
    }

    /// <summary>Shortest lattice vectors (entries −4…4) in the plane normal to an n-fold rotation's axis: Σ_k W^k u = 0.</summary>
    private static List<int[]> InPlane(int[] w, int order, Mat3 basis)
    {
        var found = new List<int[]>();
        for (var i = -4; i <= 4; i++)
        for (var j = -4; j <= 4; j++)
        for (var k = -4; k <= 4; k++)
        {
            if (i == 0 && j == 0 && k == 0) continue;
            int[] u = [i, j, k];
            var sum = (int[])u.Clone();
            var power = u;
            for (var n = 1; n < order; n++) { power = Apply(w, power); sum = Add(sum, power); }
            if (sum.All(x => x == 0)) found.Add(u);
        }
        return [.. found.OrderBy(u => Dot(u, u, basis)).ThenBy(u => string.Join(',', u), StringComparer.Ordinal)];
    }

    /// <summary>The primitive integer vector along a rotation's axis: W u = u.</summary>
    private static int[] Axis(int[] w)
    {
        int[][] rows = [[w[0] - 1, w[1], w[2]], [w[3], w[4] - 1, w[5]], [w[6], w[7], w[8] - 1]];
        int[] best = [0, 0, 0];
        for (var p = 0; p < 3 && best.All(x => x == 0); p++)
            for (var q = p + 1; q < 3 && best.All(x => x == 0); q++)
                best = Cross(rows[p], rows[q]);
        var g = best.Select(Math.Abs).Aggregate(0, Gcd);
        var v = best.Select(x => x / Math.Max(g, 1)).ToArray();
        var first = v.First(x => x != 0);
        return first < 0 ? Scale(v, -1) : v;
    }

    /// <summary>A basis of the lattice shortened greedily (a_i ← a_i ± a_j while that shortens it), with the structure moved into it.</summary>
    private static (Structure Reduced, Mat3 Basis) Reduce(Structure structure)
    {
        var rows = new[] { structure.Lattice.Matrix.Row(0), structure.Lattice.Matrix.Row(1), structure.Lattice.Matrix.Row(2) };
        var m = new[] { new[] { 1, 0, 0 }, new[] { 0, 1, 0 }, new[] { 0, 0, 1 } };
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                if (i == j) continue;
                foreach (var s in new[] { 1, -1 })
                {
                    var candidate = rows[i] + s * rows[j];
                    if (candidate.Length >= rows[i].Length - 1e-9) continue;
                    rows[i] = candidate;
                    for (var k = 0; k < 3; k++) m[i][k] += s * m[j][k];
                    changed = true;
                }
            }
        }
        var basis = Mat3.FromRows(rows[0], rows[1], rows[2]);
        // x (old fractional, row) · old = x' · new with new = M · old, so x' = x · M⁻¹
        var inverse = new Mat3(m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2]).Inverse();
        var sites = structure.Sites.Select(s => s with { Fractional = (s.Fractional * inverse).Wrapped() }).ToImmutableArray();
        return (structure with { Lattice = Lattice.FromMatrix(basis), Sites = sites }, basis);
    }

    /// <summary>The structure in a primitive cell of the lattice its pure translations make (the three shortest independent
    /// lattice vectors spanning 1/(n+1) of the cell), atoms that coincide merged; null when no such basis is found.</summary>
    private static Structure? Primitive(Structure s, List<Vec3> translations)
    {
        var points = translations.Prepend(Vec3.Zero).ToList();
        var fraction = 1.0 / points.Count;
        var candidates = new List<Vec3>();
        foreach (var t in points)
            for (var i = -1; i <= 1; i++)
            for (var j = -1; j <= 1; j++)
            for (var k = -1; k <= 1; k++)
            {
                var v = t + new Vec3(i, j, k);
                if (v.Length > 1e-6) candidates.Add(v);
            }
        var m = s.Lattice.Matrix;
        candidates = [.. candidates.OrderBy(v => (v * m).Length)];
        for (var a = 0; a < candidates.Count; a++)
        for (var b = a + 1; b < candidates.Count; b++)
        for (var c = b + 1; c < candidates.Count; c++)
        {
            var p = Mat3.FromRows(candidates[a], candidates[b], candidates[c]);
            if (Math.Abs(Math.Abs(p.Determinant) - fraction) > 1e-6) continue;
            if (p.Determinant < 0) p = Mat3.FromRows(candidates[a], candidates[c], candidates[b]);
            var lattice = Lattice.FromMatrix(p * m);
            var inverse = p.Inverse();
            var sites = new List<Site>();
            foreach (var site in s.Sites)
            {
                var x = (site.Fractional * inverse).Wrapped();
                if (!sites.Any(o => o.HasSameOccupantsAs(site) && lattice.PeriodicDistance(o.Fractional, x) < 0.05)) sites.Add(site with { Fractional = x });
            }
            return s with { Lattice = lattice, Sites = [.. sites] };
        }
        return null;
    }

    private static Vec3 Cartesian(int[] u, Mat3 basis) => u[0] * basis.Row(0) + u[1] * basis.Row(1) + u[2] * basis.Row(2);
    private static double Dot(int[] u, int[] v, Mat3 basis) => Cartesian(u, basis).Dot(Cartesian(v, basis));
    private static bool Parallel(int[] u, int[] v) => Cross(u, v).All(x => x == 0);
    private static int[] Unit(int i) => [i == 0 ? 1 : 0, i == 1 ? 1 : 0, i == 2 ? 1 : 0];
    private static int[] Add(int[] u, int[] v) => [u[0] + v[0], u[1] + v[1], u[2] + v[2]];
    private static int[] Scale(int[] u, int s) => [s * u[0], s * u[1], s * u[2]];
    private static int[] Apply(int[] w, int[] u) => [w[0] * u[0] + w[1] * u[1] + w[2] * u[2], w[3] * u[0] + w[4] * u[1] + w[5] * u[2], w[6] * u[0] + w[7] * u[1] + w[8] * u[2]];
    private static int[] Cross(int[] u, int[] v) => [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
    private static int Det(int[] a, int[] b, int[] c) => a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
    private static int Determinant(int[] r) => Det([r[0], r[1], r[2]], [r[3], r[4], r[5]], [r[6], r[7], r[8]]);
    private static int Gcd(int a, int b) { while (b != 0) (a, b) = (b, a % b); return a; }
    private static double Frac(double x) { var f = x - Math.Floor(x); return f > 1 - 1e-9 ? 0 : f; }

    private static int[] Multiply(int[] p, int[] q)
    {
        var r = new int[9];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                for (var k = 0; k < 3; k++) r[3 * i + j] += p[3 * i + k] * q[3 * k + j];
        return r;
    }

    /// <summary>Coordinates (s, t, u) of <paramref name="x"/> in the basis (p, q, r) (columns), or null when singular.</summary>
    private static double[]? Solve(int[] p, int[] q, int[] r, int[] x)
    {
        double det = Det(p, q, r);
        if (det == 0) return null;
        return [Det(x, q, r) / det, Det(p, x, r) / det, Det(p, q, x) / det];
    }
}
