using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Bravais.Learning.NeuralNetworks.Core;

/// <summary>
/// Single-precision matrix product C (+)= A·B with a register-blocked, vectorised micro-kernel (4 rows ×
/// 16 columns of C held in eight Vector256 accumulators, fused multiply-add). A is addressed through
/// strides, so A or Aᵀ can be used without copying: A(i, p) = a[i·aRowStride + p·aColumnStride]. B and C
/// are row-major with leading dimensions. Columns are processed in 16-wide panels so the panel of B
/// (k × 16 floats) stays in L1 while all rows of A pass over it.
/// </summary>
public static unsafe class Gemm
{
    public static void Multiply(int m, int n, int k,
        ReadOnlySpan<float> a, int aRowStride, int aColumnStride,
        ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc, bool accumulate)
    {
        if (m == 0 || n == 0) return;
        fixed (float* pa = a) fixed (float* pb = b) fixed (float* pc = c)
            Multiply(m, n, k, pa, aRowStride, aColumnStride, pb, ldb, pc, ldc, accumulate);
    }

    public static void Multiply(int m, int n, int k, float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        if (!accumulate)
            for (var i = 0; i < m; i++) new Span<float>(c + (long)i * ldc, n).Clear();
        if (k == 0) return;

        var j = 0;
        for (; j + 16 <= n; j += 16)
        {
            var i = 0;
            for (; i + 4 <= m; i += 4) Kernel4x16(k, a + (long)i * ars, ars, acs, b + j, ldb, c + (long)i * ldc + j, ldc);
            for (; i < m; i++) Kernel1x16(k, a + (long)i * ars, acs, b + j, ldb, c + (long)i * ldc + j);
        }
        for (; j + 8 <= n; j += 8)
        {
            var i = 0;
            for (; i + 4 <= m; i += 4) Kernel4x8(k, a + (long)i * ars, ars, acs, b + j, ldb, c + (long)i * ldc + j, ldc);
            for (; i < m; i++) Kernel1x8(k, a + (long)i * ars, acs, b + j, ldb, c + (long)i * ldc + j);
        }
        if (j < n) Remainder(m, n - j, k, a, ars, acs, b + j, ldb, c + j, ldc);
    }

    [ThreadStatic] private static float[]? _panel;

    /// <summary>
    /// The last (fewer than 8) columns: the panel of B is copied, zero-padded, into an 8-wide buffer so
    /// the vector kernels can run on it; the valid columns of the result are then added to C.
    /// </summary>
    private static void Remainder(int m, int width, int k, float* a, int ars, int acs, float* b, int ldb, float* c, int ldc)
    {
        var panel = _panel is { } existing && existing.Length >= k * 8 ? existing : _panel = new float[Math.Max(k * 8, 1024)];
        fixed (float* packed = panel)
        {
            for (var p = 0; p < k; p++)
            {
                var source = b + (long)p * ldb;
                var target = packed + p * 8;
                var q = 0;
                for (; q < width; q++) target[q] = source[q];
                for (; q < 8; q++) target[q] = 0f;
            }
            var block = stackalloc float[32];
            var i = 0;
            for (; i + 4 <= m; i += 4)
            {
                new Span<float>(block, 32).Clear();
                Kernel4x8(k, a + (long)i * ars, ars, acs, packed, 8, block, 8);
                for (var r = 0; r < 4; r++)
                    for (var q = 0; q < width; q++) c[(long)(i + r) * ldc + q] += block[r * 8 + q];
            }
            for (; i < m; i++)
            {
                new Span<float>(block, 8).Clear();
                Kernel1x8(k, a + (long)i * ars, acs, packed, 8, block);
                for (var q = 0; q < width; q++) c[(long)i * ldc + q] += block[q];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fma(Vector256<float> x, Vector256<float> y, Vector256<float> acc) =>
        Vector256.FusedMultiplyAdd(x, y, acc);

    private static void Kernel4x16(int k, float* a, int ars, int acs, float* b, int ldb, float* c, int ldc)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default,
                         c20 = default, c21 = default, c30 = default, c31 = default;
        float* a0 = a, a1 = a + ars, a2 = a + 2L * ars, a3 = a + 3L * ars;
        for (var p = 0; p < k; p++)
        {
            var bp = b + (long)p * ldb;
            var b0 = Vector256.Load(bp);
            var b1 = Vector256.Load(bp + 8);
            long o = (long)p * acs;
            var x = Vector256.Create(a0[o]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector256.Create(a1[o]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector256.Create(a2[o]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector256.Create(a3[o]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
        }
        Add(c, c00); Add(c + 8, c01);
        Add(c + ldc, c10); Add(c + ldc + 8, c11);
        Add(c + 2L * ldc, c20); Add(c + 2L * ldc + 8, c21);
        Add(c + 3L * ldc, c30); Add(c + 3L * ldc + 8, c31);
    }

    private static void Kernel1x16(int k, float* a, int acs, float* b, int ldb, float* c)
    {
        Vector256<float> c0 = default, c1 = default;
        for (var p = 0; p < k; p++)
        {
            var bp = b + (long)p * ldb;
            var x = Vector256.Create(a[(long)p * acs]);
            c0 = Fma(x, Vector256.Load(bp), c0);
            c1 = Fma(x, Vector256.Load(bp + 8), c1);
        }
        Add(c, c0); Add(c + 8, c1);
    }

    private static void Kernel4x8(int k, float* a, int ars, int acs, float* b, int ldb, float* c, int ldc)
    {
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
        float* a0 = a, a1 = a + ars, a2 = a + 2L * ars, a3 = a + 3L * ars;
        for (var p = 0; p < k; p++)
        {
            var b0 = Vector256.Load(b + (long)p * ldb);
            long o = (long)p * acs;
            c0 = Fma(Vector256.Create(a0[o]), b0, c0);
            c1 = Fma(Vector256.Create(a1[o]), b0, c1);
            c2 = Fma(Vector256.Create(a2[o]), b0, c2);
            c3 = Fma(Vector256.Create(a3[o]), b0, c3);
        }
        Add(c, c0); Add(c + ldc, c1); Add(c + 2L * ldc, c2); Add(c + 3L * ldc, c3);
    }

    private static void Kernel1x8(int k, float* a, int acs, float* b, int ldb, float* c)
    {
        Vector256<float> c0 = default;
        for (var p = 0; p < k; p++)
            c0 = Fma(Vector256.Create(a[(long)p * acs]), Vector256.Load(b + (long)p * ldb), c0);
        Add(c, c0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(float* c, Vector256<float> v) => Vector256.Store(Vector256.Load(c) + v, c);
}
