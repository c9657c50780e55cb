using Bravais.Crystallography.Geometry;

namespace Bravais.Analysis.SearchMatch;

/// <summary>
/// What cell refinement needs of each reference crystal, beside its peaks: the Miller indices of one reflection
/// of every peak (3 per peak, in the reference's own cell) and, per entry, the orthonormal basis of the
/// reciprocal-metric changes its lattice symmetry allows (<see cref="MetricBasis"/>; 1 vector for cubic … 6 for
/// triclinic), each scaled by the norm of the entry's own reciprocal metric so that a coefficient is a relative
/// strain. After a change p, a peak of indices h moves to 1/d² = s²/d₀² + Σ_j p_j·hᵀB_jh.
/// </summary>
public sealed class ReferenceCells
{
    public short[] Hkl { get; }          // 3 per peak
    public int[] BasisStart { get; }     // per entry (+1), in basis vectors
    public float[] Basis { get; }        // 6 per basis vector: (s00, s11, s22, s12, s02, s01)

    public ReferenceCells(short[] hkl, int[] basisStart, float[] basis)
    {
        if (basisStart.Length == 0 || basis.Length != 6 * basisStart[^1] || hkl.Length % 3 != 0)
            throw new AnalysisException("inconsistent reference cell arrays");
        Hkl = hkl; BasisStart = basisStart; Basis = basis;
    }

    public int Dimension(int entry) => BasisStart[entry + 1] - BasisStart[entry];

    /// <summary>hᵀB_jh of peak <paramref name="peak"/> (library-wide index) for basis vector j of <paramref name="entry"/>.</summary>
    public double Quadratic(int entry, int j, int peak) =>
        MetricBasis.Quadratic<float>(Basis.AsSpan(6 * (BasisStart[entry] + j), 6), Hkl[3 * peak], Hkl[3 * peak + 1], Hkl[3 * peak + 2]);

    /// <summary>One entry's basis (k × 6, relative strains) from its lattice: rotations within <paramref name="toleranceAngstrom"/>.</summary>
    public static float[] BasisFor(Lattice lattice, double toleranceAngstrom = 0.01)
    {
        var basis = MetricBasis.Invariant(LatticeRotations.Of(lattice, toleranceAngstrom));
        var reciprocal = MetricBasis.ToVector(lattice.ReciprocalCrystallographic().MetricTensor);
        var norm = Math.Sqrt(reciprocal.Sum(x => x * x));
        var result = new float[6 * basis.Length];
        for (var j = 0; j < basis.Length; j++)
            for (var i = 0; i < 6; i++) result[6 * j + i] = (float)(basis[j][i] * norm);
        return result;
    }

    public ReferenceCells Select(IReadOnlyList<int> entries, int[] peakStart)
    {
        var hkl = new List<short>(); var start = new int[entries.Count + 1]; var basis = new List<float>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            hkl.AddRange(Hkl.AsSpan(3 * peakStart[e], 3 * (peakStart[e + 1] - peakStart[e])).ToArray());
            basis.AddRange(Basis.AsSpan(6 * BasisStart[e], 6 * Dimension(e)).ToArray());
            start[i + 1] = start[i] + Dimension(e);
        }
        return new ReferenceCells([.. hkl], start, [.. basis]);
    }

    internal void Write(BinaryWriter w)
    {
        foreach (var x in Hkl) w.Write(x);
        foreach (var s in BasisStart) w.Write(s);
        foreach (var b in Basis) w.Write(b);
    }

    internal static ReferenceCells Read(BinaryReader r, int entries, int peaks)
    {
        var hkl = new short[3 * peaks]; for (var i = 0; i < hkl.Length; i++) hkl[i] = r.ReadInt16();
        var start = new int[entries + 1]; for (var i = 0; i <= entries; i++) start[i] = r.ReadInt32();
        if (start[0] != 0 || start[^1] < 0 || start[^1] > 6 * entries) throw new InvalidDataException("bad cell basis offsets");
        var basis = new float[6 * start[^1]]; for (var i = 0; i < basis.Length; i++) basis[i] = r.ReadSingle();
        return new ReferenceCells(hkl, start, basis);
    }
}
