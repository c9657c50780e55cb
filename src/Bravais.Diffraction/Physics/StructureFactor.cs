using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bravais.Crystallography.Structures;

namespace Bravais.Diffraction.Physics;

/// <summary>
/// The X-ray structure factor F(hkl) = Σ_j occ_j · f_j(s) · exp(−B_j s²) · exp(2πi (h x_j + k y_j + l z_j)),
/// with s = sin θ / λ = |g_hkl| / 2 and f_j the atomic form factor (<see cref="ScatteringFactors"/>).
/// <see cref="Compute"/> is the plain formula for one reflection; <see cref="AccumulateRow"/> is the fast kernel
/// <see cref="Powder.PowderCalculator"/> uses for whole rows of reflections.
/// </summary>
public static class StructureFactor
{
    /// <summary>
    /// F(hkl) for one reflection, straight from the formula (no precomputation; for checks and one-off use).
    /// B per element from <paramref name="debyeWallerByElement"/> (Å²), otherwise 0.
    /// </summary>
    public static Complex Compute(Structure structure, MillerIndices hkl, IReadOnlyDictionary<string, double>? debyeWallerByElement = null)
    {
        var g = new Crystallography.Geometry.Vec3(hkl.H, hkl.K, hkl.L) * structure.Lattice.ReciprocalCrystallographic().Matrix;
        var s2 = g.Dot(g) / 4.0;
        var sum = Complex.Zero;
        foreach (var site in structure.Sites)
        {
            var phase = 2.0 * Math.PI * (hkl.H * site.Fractional.X + hkl.K * site.Fractional.Y + hkl.L * site.Fractional.Z);
            var positional = new Complex(Math.Cos(phase), Math.Sin(phase));
            foreach (var occupant in site.Occupants)
            {
                var (z, c) = ScatteringFactors.Coefficients(occupant.Element);
                var f = ScatteringFactors.Evaluate(z, c.Span, s2);
                var b = debyeWallerByElement?.GetValueOrDefault(occupant.Element) ?? 0.0;
                sum += occupant.Occupancy * f * Math.Exp(-b * s2) * positional;
            }
        }
        return sum;
    }

    /// <summary>
    /// The kernel: the phase sums S(l) = Σ_j a_j · exp(2πi l z_j) for one row of reflections (h, k, l0 … l0+n−1)
    /// and one scattering type, where a_j = occ_j · exp(2πi (h x_j + k y_j)) is given per scatterer j of the type.
    /// <paramref name="zRe"/>/<paramref name="zIm"/> hold exp(2πi l z_j) scatterer-major: scatterer j's values for
    /// l0, l0+1, … start at <c>j * zStride + zOffset</c>. Vectorised over l with the scatterers in the inner loop
    /// (sums stay in registers). Reads and writes whole vectors, so the tables must extend
    /// <see cref="Padding"/> values past the last one used and <paramref name="sumRe"/>/<paramref name="sumIm"/> must
    /// have room for <paramref name="count"/> rounded up to a whole vector. No allocation.
    /// </summary>
    public static void AccumulateRow(ReadOnlySpan<double> aRe, ReadOnlySpan<double> aIm,
        ReadOnlySpan<double> zRe, ReadOnlySpan<double> zIm, int zStride, int zOffset, int count,
        Span<double> sumRe, Span<double> sumIm)
    {
        var atoms = aRe.Length;
        var w = Vector<double>.Count;
        var vectors = (count + w - 1) / w;
        if (atoms == 0 || count == 0) { sumRe[..count].Clear(); sumIm[..count].Clear(); return; }
        var lastRead = (atoms - 1) * zStride + zOffset + vectors * w;
        if (aIm.Length < atoms || zRe.Length < lastRead || zIm.Length < lastRead || sumRe.Length < vectors * w || sumIm.Length < vectors * w)
            throw new ArgumentException("kernel buffers are too short");
        ref var ar = ref MemoryMarshal.GetReference(aRe);
        ref var ai = ref MemoryMarshal.GetReference(aIm);
        ref var zr = ref MemoryMarshal.GetReference(zRe);
        ref var zi = ref MemoryMarshal.GetReference(zIm);
        ref var sr = ref MemoryMarshal.GetReference(sumRe);
        ref var si = ref MemoryMarshal.GetReference(sumIm);
        var v = 0;
        for (; v + 1 < vectors; v += 2)
        {
            // two vectors of l at once: eight independent accumulators hide the multiply-add latency
            Vector<double> rr0 = default, ii0 = default, ri0 = default, ir0 = default;
            Vector<double> rr1 = default, ii1 = default, ri1 = default, ir1 = default;
            var offset = (nuint)(zOffset + v * w);
            for (var j = 0; j < atoms; j++, offset += (nuint)zStride)
            {
                var a = new Vector<double>(Unsafe.Add(ref ar, j));
                var b = new Vector<double>(Unsafe.Add(ref ai, j));
                var zr0 = Vector.LoadUnsafe(ref zr, offset);
                var zi0 = Vector.LoadUnsafe(ref zi, offset);
                var zr1 = Vector.LoadUnsafe(ref zr, offset + (nuint)w);
                var zi1 = Vector.LoadUnsafe(ref zi, offset + (nuint)w);
                rr0 = Vector.MultiplyAddEstimate(a, zr0, rr0); ii0 = Vector.MultiplyAddEstimate(b, zi0, ii0);
                ri0 = Vector.MultiplyAddEstimate(a, zi0, ri0); ir0 = Vector.MultiplyAddEstimate(b, zr0, ir0);
                rr1 = Vector.MultiplyAddEstimate(a, zr1, rr1); ii1 = Vector.MultiplyAddEstimate(b, zi1, ii1);
                ri1 = Vector.MultiplyAddEstimate(a, zi1, ri1); ir1 = Vector.MultiplyAddEstimate(b, zr1, ir1);
            }
            (rr0 - ii0).StoreUnsafe(ref sr, (nuint)(v * w));
            (ri0 + ir0).StoreUnsafe(ref si, (nuint)(v * w));
            (rr1 - ii1).StoreUnsafe(ref sr, (nuint)((v + 1) * w));
            (ri1 + ir1).StoreUnsafe(ref si, (nuint)((v + 1) * w));
        }
        if (v < vectors)
        {
            Vector<double> rr0 = default, ii0 = default, ri0 = default, ir0 = default;
            var offset = (nuint)(zOffset + v * w);
            for (var j = 0; j < atoms; j++, offset += (nuint)zStride)
            {
                var a = new Vector<double>(Unsafe.Add(ref ar, j));
                var b = new Vector<double>(Unsafe.Add(ref ai, j));
                var zr0 = Vector.LoadUnsafe(ref zr, offset);
                var zi0 = Vector.LoadUnsafe(ref zi, offset);
                rr0 = Vector.MultiplyAddEstimate(a, zr0, rr0); ii0 = Vector.MultiplyAddEstimate(b, zi0, ii0);
                ri0 = Vector.MultiplyAddEstimate(a, zi0, ri0); ir0 = Vector.MultiplyAddEstimate(b, zr0, ir0);
            }
            (rr0 - ii0).StoreUnsafe(ref sr, (nuint)(v * w));
            (ri0 + ir0).StoreUnsafe(ref si, (nuint)(v * w));
        }
    }

    /// <summary>How many values past the last used one <see cref="AccumulateRow"/> may read or write.</summary>
    public static int Padding => 2 * Vector<double>.Count;
}
