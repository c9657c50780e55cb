using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Powder;

/// <summary>
/// Scratch buffers for <see cref="PowderCalculator"/>: reflections, phase tables, structure-factor sums and
/// merged peaks. Reusing one workspace per thread makes repeated calculations allocation-free once the
/// buffers have grown to the largest structure seen. Not thread-safe: one workspace per thread.
/// </summary>
public sealed class PowderWorkspace
{
    internal readonly Scatterers Scatterers = new();

    // reflections of the half space (Friedel mates are implied)
    internal int ReflectionCount;
    internal int[] H = new int[256], K = new int[256], L = new int[256];
    internal double[] G2 = new double[256];

    // rows of consecutive l at fixed (h, k)
    internal int RunCount;
    internal int[] RunH = new int[64], RunK = new int[64], RunL0 = new int[64], RunLength = new int[64], RunStart = new int[64];

    // per-reflection quantities
    internal double[] S2 = [], SinTheta = [], TwoTheta = [], Intensity = [], FRe = [], FIm = [], Form = [], Tmp = [], Acc = [], SortKeys = [];
    internal int[] Order = [];
    internal double[] SumRe = [], SumIm = []; // [type * SumStride + r]
    internal int SumStride;

    internal int HMax, KMax, LMax;

    // phase tables exp(2πi n u_j): h, k index-major [n * atoms + j]; l scatterer-major [j * lSpan + l + lMax]
    internal double[] XRe = [], XIm = [], YRe = [], YIm = [], ZRe = [], ZIm = [], ARe = [], AIm = [];

    // merged peaks: group g holds Order[GroupStart[g] .. GroupStart[g+1])
    internal int GroupCount;
    internal int[] GroupStart = new int[65];
    internal double[] GroupIntensity = new double[64];

    // peaks kept after the intensity tolerance: index into groups, final intensity
    internal int PeakCount;
    internal int[] PeakGroup = new int[64];
    internal double[] PeakIntensity = new double[64];
    internal double[] PeakTwoTheta = new double[64];

    internal void AddReflection(int h, int k, int l, double g2)
    {
        if (ReflectionCount == H.Length)
        {
            var m = H.Length * 2;
            Array.Resize(ref H, m); Array.Resize(ref K, m); Array.Resize(ref L, m); Array.Resize(ref G2, m);
        }
        H[ReflectionCount] = h; K[ReflectionCount] = k; L[ReflectionCount] = l; G2[ReflectionCount] = g2;
        ReflectionCount++;
    }

    internal void AddRun(int h, int k, int l0, int length, int start)
    {
        if (RunCount == RunH.Length)
        {
            var m = RunH.Length * 2;
            Array.Resize(ref RunH, m); Array.Resize(ref RunK, m); Array.Resize(ref RunL0, m); Array.Resize(ref RunLength, m); Array.Resize(ref RunStart, m);
        }
        RunH[RunCount] = h; RunK[RunCount] = k; RunL0[RunCount] = l0; RunLength[RunCount] = length; RunStart[RunCount] = start;
        RunCount++;
    }

    internal void EnsurePerReflection(int n, int typeCount)
    {
        if (S2.Length < n)
        {
            var m = Math.Max(n, S2.Length * 2);
            S2 = new double[m]; SinTheta = new double[m]; TwoTheta = new double[m]; Intensity = new double[m];
            FRe = new double[m]; FIm = new double[m]; Form = new double[m]; Tmp = new double[m]; Acc = new double[m];
            SortKeys = new double[m]; Order = new int[m];
        }
        SumStride = n + StructureFactor.Padding;
        if (SumRe.Length < SumStride * typeCount)
        {
            var m = Math.Max(SumStride * typeCount, SumRe.Length * 2);
            SumRe = new double[m]; SumIm = new double[m];
        }
    }

    internal static void Ensure(ref double[] re, ref double[] im, int n)
    {
        if (re.Length >= n) return;
        var m = Math.Max(n, re.Length * 2);
        re = new double[m]; im = new double[m];
    }

    internal void EnsureGroups(int n)
    {
        if (GroupIntensity.Length >= n) return;
        var m = Math.Max(n, GroupIntensity.Length * 2);
        GroupIntensity = new double[m]; GroupStart = new int[m + 1];
        PeakGroup = new int[m]; PeakIntensity = new double[m]; PeakTwoTheta = new double[m];
    }
}
