namespace Bravais.Crystallography.Geometry;

/// <summary>
/// The changes of a lattice's reciprocal metric that keep its point symmetry: an orthonormal basis of the symmetric
/// 3×3 matrices S with W·S·Wᵀ = S for every rotation W of the lattice (<see cref="LatticeRotations"/>; the real-space
/// metric obeys Wᵀ·G·W = G instead, which is the same condition only for orthogonal axes), so
/// 1 (cubic: a), 2 (tetragonal, hexagonal, rhombohedral: a, c or a, α), 3 (orthorhombic), 4 (monoclinic) or
/// 6 (triclinic) free parameters. A reciprocal metric G* = Σ_j t_j S_j from this span keeps every
/// symmetry-equivalent reflection at one d-spacing (1/d² = hᵀG*h), which is what refining a reference
/// crystal's cell against a measured pattern must respect. Matrices are written as 6-vectors
/// (s00, s11, s22, s12, s02, s01); the basis is orthonormal in that plain Euclidean 6-vector product.
/// </summary>
public static class MetricBasis
{
    /// <summary>The orthonormal invariant basis for the rotation group <paramref name="rotations"/> (row-major 3×3 integer matrices; must form a group).</summary>
    public static double[][] Invariant(IReadOnlyList<int[]> rotations)
    {
        if (rotations.Count == 0) throw new ArgumentException("at least the identity is needed", nameof(rotations));
        var basis = new List<double[]>(6);
        Span<double> m = stackalloc double[9];
        for (var unit = 0; unit < 6; unit++)
        {
            // Reynolds projection of the unit symmetric matrix onto the invariant subspace: the group average of W·E·Wᵀ.
            var e = new double[6];
            e[unit] = 1;
            var averaged = new double[6];
            foreach (var w in rotations)
            {
                ToMatrix(e, m);
                var v = Conjugate(w, m);
                for (var i = 0; i < 6; i++) averaged[i] += v[i] / rotations.Count;
            }
            // Gram–Schmidt against what is already there; keep the remainder when it is not (numerically) zero.
            foreach (var b in basis)
            {
                var dot = Dot(averaged, b);
                for (var i = 0; i < 6; i++) averaged[i] -= dot * b[i];
            }
            var norm = Math.Sqrt(Dot(averaged, averaged));
            if (norm < 1e-9) continue;
            for (var i = 0; i < 6; i++) averaged[i] /= norm;
            basis.Add(averaged);
        }
        return [.. basis];
    }

    /// <summary>A symmetric matrix as the 6-vector (m00, m11, m22, m12, m02, m01).</summary>
    public static double[] ToVector(Mat3 m) => [m.M00, m.M11, m.M22, m.M12, m.M02, m.M01];

    /// <summary>hᵀ·S·h for the symmetric matrix S given as a 6-vector (of doubles, or floats as stored in reference libraries), in double precision.</summary>
    public static double Quadratic<T>(ReadOnlySpan<T> s, int h, int k, int l) where T : System.Numerics.INumberBase<T>
    {
        double s0 = double.CreateTruncating(s[0]), s1 = double.CreateTruncating(s[1]), s2 = double.CreateTruncating(s[2]);
        double s3 = double.CreateTruncating(s[3]), s4 = double.CreateTruncating(s[4]), s5 = double.CreateTruncating(s[5]);
        return h * h * s0 + k * k * s1 + l * l * s2 + 2.0 * (k * l * s3 + h * l * s4 + h * k * s5);
    }

    private static void ToMatrix(ReadOnlySpan<double> v, Span<double> m)
    {
        m[0] = v[0]; m[4] = v[1]; m[8] = v[2];
        m[5] = m[7] = v[3];
        m[2] = m[6] = v[4];
        m[1] = m[3] = v[5];
    }

    /// <summary>W·M·Wᵀ as a 6-vector.</summary>
    private static double[] Conjugate(int[] w, ReadOnlySpan<double> m)
    {
        Span<double> wm = stackalloc double[9];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                wm[3 * i + j] = w[3 * i] * m[j] + w[3 * i + 1] * m[3 + j] + w[3 * i + 2] * m[6 + j];
        double At(int i, int j, ReadOnlySpan<double> a) => a[3 * i] * w[3 * j] + a[3 * i + 1] * w[3 * j + 1] + a[3 * i + 2] * w[3 * j + 2];
        return [At(0, 0, wm), At(1, 1, wm), At(2, 2, wm), At(1, 2, wm), At(0, 2, wm), At(0, 1, wm)];
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
