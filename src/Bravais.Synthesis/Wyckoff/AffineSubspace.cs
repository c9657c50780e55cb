using System.Text;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Synthesis.Wyckoff;

/// <summary>
/// An affine subspace of fractional space modulo lattice translations — a point, line, plane or all of
/// space — in canonical constraint form { x : N·x ≡ o (mod 1) } with N an integer k×3 matrix in Hermite
/// normal form whose rows span a primitive lattice (k = 3 − dimension) and o reduced into [0, 1).
/// Two subspaces are equal modulo the lattice exactly when their canonical forms are equal, so
/// <see cref="Key"/> identifies them.
/// </summary>
public sealed class AffineSubspace : IEquatable<AffineSubspace>
{
    private readonly long[,] _constraints;
    private readonly Fraction[] _offsets;

    public string Key { get; }

    /// <summary>Number of constraints k = 3 − <see cref="Dimension"/>.</summary>
    public int ConstraintCount => _offsets.Length;

    /// <summary>0 point, 1 line, 2 plane, 3 all of space.</summary>
    public int Dimension => 3 - _offsets.Length;

    private AffineSubspace(long[,] constraints, Fraction[] offsets)
    {
        _constraints = constraints;
        _offsets = offsets;
        var sb = new StringBuilder();
        sb.Append(offsets.Length).Append('|');
        for (var i = 0; i < offsets.Length; i++)
        {
            for (var j = 0; j < 3; j++) sb.Append(constraints[i, j]).Append(',');
            sb.Append(offsets[i]).Append(';');
        }
        Key = sb.ToString();
    }

    /// <summary>All of space (the general position).</summary>
    public static AffineSubspace Everything { get; } = new(new long[0, 3], []);

    /// <summary>Builds the canonical form of { x : rows·x ≡ offsets (mod 1) } for primitive rows.</summary>
    private static AffineSubspace Canonical(long[,] rows, Fraction[] offsets)
    {
        var n = (long[,])rows.Clone();
        var o = (Fraction[])offsets.Clone();
        IntegerMatrix.Hermite(n, o);
        for (var i = 0; i < o.Length; i++) o[i] = o[i].Mod1();
        return new AffineSubspace(n, o);
    }

    /// <summary>
    /// Every solution component of A·x ≡ b (mod 1) for an integer m×3 matrix A: empty when inconsistent,
    /// otherwise one subspace per choice of the s_i-th roots in the Smith normal form.
    /// </summary>
    public static List<AffineSubspace> Solve(long[,] a, Fraction[] b)
    {
        var m = a.GetLength(0);
        var rank = IntegerMatrix.Smith(a, out var p, out var s, out var q);
        var c = new Fraction[m];
        for (var i = 0; i < m; i++)
        {
            Fraction sum = 0;
            for (var j = 0; j < m; j++) if (p[i, j] != 0) sum += p[i, j] * b[j];
            c[i] = sum;
        }
        for (var i = rank; i < m; i++)
            if (!c[i].Mod1().IsZero) return [];
        var qInverse = IntegerMatrix.InverseUnimodular3(q);
        var rows = new long[rank, 3];
        for (var i = 0; i < rank; i++)
        for (var j = 0; j < 3; j++) rows[i, j] = qInverse[i, j];
        var result = new List<AffineSubspace>();
        var choice = new long[rank];
        var offsets = new Fraction[rank];
        while (true)
        {
            for (var i = 0; i < rank; i++) offsets[i] = (c[i] + choice[i]) / s[i, i];
            result.Add(Canonical(rows, offsets));
            var k = 0;
            while (k < rank && ++choice[k] == s[k, k]) { choice[k] = 0; k++; }
            if (k == rank) break;
        }
        return result;
    }

    /// <summary>The fixed-point set of an operation modulo lattice translations: (R − I)x ≡ −t (mod 1).</summary>
    public static List<AffineSubspace> FixedBy(SymmetryOperation op)
    {
        var a = new long[3, 3];
        var b = new Fraction[3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++) a[i, j] = op.Rotation(i, j) - (i == j ? 1 : 0);
            b[i] = -new Fraction(op.Translation(i), SymmetryOperation.Denominator);
        }
        return Solve(a, b);
    }

    /// <summary>The components of this ∩ other (empty list when they do not meet).</summary>
    public List<AffineSubspace> Intersect(AffineSubspace other)
    {
        var k1 = ConstraintCount; var k2 = other.ConstraintCount;
        if (k1 + k2 == 0) return [this];
        var a = new long[k1 + k2, 3];
        var b = new Fraction[k1 + k2];
        for (var i = 0; i < k1; i++) { for (var j = 0; j < 3; j++) a[i, j] = _constraints[i, j]; b[i] = _offsets[i]; }
        for (var i = 0; i < k2; i++) { for (var j = 0; j < 3; j++) a[k1 + i, j] = other._constraints[i, j]; b[k1 + i] = other._offsets[i]; }
        return Solve(a, b);
    }

    /// <summary>The image g(S) = { R·x + t : x ∈ S }: constraints N·R⁻¹, offsets o + N·R⁻¹·t.</summary>
    public AffineSubspace Transform(SymmetryOperation op)
    {
        var k = ConstraintCount;
        if (k == 0) return this;
        var r = new long[3, 3];
        for (var i = 0; i < 3; i++) for (var j = 0; j < 3; j++) r[i, j] = op.Rotation(i, j);
        var rInverse = IntegerMatrix.InverseUnimodular3(r);
        var n = new long[k, 3];
        var o = new Fraction[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                long v = 0;
                for (var l = 0; l < 3; l++) v += _constraints[i, l] * rInverse[l, j];
                n[i, j] = v;
            }
            Fraction shift = 0;
            for (var j = 0; j < 3; j++) if (n[i, j] != 0) shift += n[i, j] * new Fraction(op.Translation(j), SymmetryOperation.Denominator);
            o[i] = _offsets[i] + shift;
        }
        return Canonical(n, o);
    }

    /// <summary>
    /// A point of the subspace and an integer basis of its directions: x = point + Σ λ_j·direction_j.
    /// </summary>
    public (Fraction[] Point, long[][] Directions) Parametrise()
    {
        // a reference-typed cache so that concurrent readers never see a torn value
        var cached = Volatile.Read(ref _parametrisation) ?? (_parametrisation = Tuple.Create(ComputeParametrisation()));
        return cached.Item1;
    }

    private Tuple<(Fraction[] Point, long[][] Directions)>? _parametrisation;

    private (Fraction[] Point, long[][] Directions) ComputeParametrisation()
    {
        var k = ConstraintCount;
        if (k == 0) return ([0, 0, 0], [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
        var rank = IntegerMatrix.Smith(_constraints, out var p, out var s, out var q);
        // primitive rows: every nonzero Smith invariant is 1, so y_i = (P·o)_i for i < k, free otherwise
        var y = new Fraction[3];
        for (var i = 0; i < 3; i++) y[i] = 0;
        for (var i = 0; i < rank; i++)
        {
            Fraction sum = 0;
            for (var j = 0; j < k; j++) if (p[i, j] != 0) sum += p[i, j] * _offsets[j];
            y[i] = sum / s[i, i];
        }
        var point = new Fraction[3];
        for (var i = 0; i < 3; i++)
        {
            Fraction sum = 0;
            for (var j = 0; j < 3; j++) if (q[i, j] != 0) sum += q[i, j] * y[j];
            point[i] = sum;
        }
        var directions = new long[3 - rank][];
        for (var d = rank; d < 3; d++) directions[d - rank] = [q[0, d], q[1, d], q[2, d]];
        return (point, directions);
    }

    /// <summary>True when the operation fixes every point of this subspace (modulo lattice translations).</summary>
    public bool IsFixedPointwiseBy(SymmetryOperation op)
    {
        var (point, directions) = Parametrise();
        foreach (var d in directions)
            for (var i = 0; i < 3; i++)
                if (op.Rotation(i, 0) * d[0] + op.Rotation(i, 1) * d[1] + op.Rotation(i, 2) * d[2] != d[i]) return false;
        for (var i = 0; i < 3; i++)
        {
            Fraction image = new(op.Translation(i), SymmetryOperation.Denominator);
            for (var j = 0; j < 3; j++) if (op.Rotation(i, j) != 0) image += op.Rotation(i, j) * point[j];
            if (!(image - point[i]).Mod1().IsZero) return false;
        }
        return true;
    }

    public bool Equals(AffineSubspace? other) => other is not null && Key == other.Key;
    public override bool Equals(object? obj) => obj is AffineSubspace s && Equals(s);
    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Key;
}
