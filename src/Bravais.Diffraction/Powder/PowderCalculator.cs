using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Powder;

/// <summary>
/// Computes the powder X-ray peak list of a structure with the physics of pymatgen 2022.11's XRDCalculator:
/// <list type="number">
/// <item>every reciprocal-lattice point g_hkl with 2 sin(θmin)/λ ≤ |g| ≤ 2 sin(θmax)/λ (Bragg: sin θ = λ|g|/2);</item>
/// <item>F(hkl) = Σ_j occ_j f_j(s) exp(−B_j s²) exp(2πi g·r_j), s = |g|/2 (<see cref="StructureFactor"/>);</item>
/// <item>I = |F|² · LP(θ) with LP = (1 + cos² 2θ)/(sin² θ cos θ) (<see cref="LorentzPolarisation"/>);</item>
/// <item>reflections in order of |g| whose 2θ lies within 1e-5° of an earlier peak's 2θ join that peak (their
/// intensities add; 2θ and d are the first reflection's); peaks at most 1e-3 on the 0–100 scale are dropped;</item>
/// <item>optionally scaled so the strongest peak is 100.</item>
/// </list>
/// Only half of reciprocal space is computed: I(−h) = I(h) (Friedel's law holds because the form factors are real),
/// so every reflection stands for itself and its mate. Thread-safe; pass one <see cref="PowderWorkspace"/> per thread
/// to make repeated calls allocation-free.
/// </summary>
public sealed class PowderCalculator
{
    public PowderOptions Options { get; }

    public PowderCalculator(PowderOptions? options = null)
    {
        Options = options ?? PowderOptions.Default;
        Options.Validate();
    }

    /// <summary>The peak list of one structure, with hkl families.</summary>
    public PeakList Calculate(Structure structure, PowderWorkspace? workspace = null) => Calculate(structure, workspace, CancellationToken.None);

    /// <summary>The peak list of one structure; stops with <see cref="OperationCanceledException"/> soon after <paramref name="cancellationToken"/> is cancelled.</summary>
    public PeakList Calculate(Structure structure, PowderWorkspace? workspace, CancellationToken cancellationToken)
    {
        var ws = workspace ?? new PowderWorkspace();
        Compute(structure, ws, cancellationToken);
        var hex = IsHexagonal(structure.Lattice);
        var peaks = ImmutableArray.CreateBuilder<DiffractionPeak>(ws.PeakCount);
        for (var p = 0; p < ws.PeakCount; p++)
        {
            var g = ws.PeakGroup[p];
            var first = ws.Order[ws.GroupStart[g]];
            var families = HklFamilies.Collect(ws, ws.GroupStart[g], ws.GroupStart[g + 1], hex);
            peaks.Add(new DiffractionPeak(ws.PeakTwoTheta[p], 1.0 / Math.Sqrt(ws.G2[first]), ws.PeakIntensity[p], families));
        }
        return new PeakList(structure.Id, Options.Radiation, Options.Scaled, hex, peaks.MoveToImmutable());
    }

    /// <summary>
    /// Positions and intensities only (no hkl bookkeeping), written into the workspace and returned as spans
    /// valid until the workspace's next use. The allocation-free path used for rendering data sets.
    /// </summary>
    public (ReadOnlyMemory<double> TwoThetaDegrees, ReadOnlyMemory<double> Intensity) CalculateSticks(Structure structure, PowderWorkspace workspace,
        CancellationToken cancellationToken = default)
    {
        Compute(structure, workspace, cancellationToken);
        return (workspace.PeakTwoTheta.AsMemory(0, workspace.PeakCount), workspace.PeakIntensity.AsMemory(0, workspace.PeakCount));
    }

    /// <summary>Peak lists of many structures on all cores (order preserved). A structure that fails yields its exception instead.</summary>
    public IReadOnlyList<Result> CalculateMany(IReadOnlyList<Structure> structures, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        var results = new Result[structures.Count];
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, structures.Count, po, () => new PowderWorkspace(), (i, _, ws) =>
        {
            try { results[i] = new Result(Calculate(structures[i], ws), null); }
            catch (Exception e) when (e is not OperationCanceledException) { results[i] = new Result(null, e); }
            return ws;
        }, _ => { });
        return results;
    }

    /// <summary>One structure's outcome in a batch: the peaks, or why it could not be computed.</summary>
    public sealed record Result(PeakList? Peaks, Exception? Error);

    /// <summary>pymatgen's <c>Lattice.is_hexagonal</c>: two right angles, one of 60° or 120° (±5°), the two lengths at the right angles equal within 0.01 Å.</summary>
    public static bool IsHexagonal(Lattice lattice)
    {
        Span<double> angles = [lattice.Alpha, lattice.Beta, lattice.Gamma];
        Span<double> lengths = [lattice.A, lattice.B, lattice.C];
        int right0 = -1, right1 = -1, rightCount = 0, hexCount = 0;
        for (var i = 0; i < 3; i++)
        {
            if (Math.Abs(angles[i] - 90) < 5) { if (rightCount == 0) right0 = i; else right1 = i; rightCount++; }
            if (Math.Abs(angles[i] - 60) < 5 || Math.Abs(angles[i] - 120) < 5) hexCount++;
        }
        return rightCount == 2 && hexCount == 1 && Math.Abs(lengths[right0] - lengths[right1]) < 0.01;
    }

    // ------------------------------------------------------------------ the computation

    internal void Compute(Structure structure, PowderWorkspace ws, CancellationToken cancellationToken = default)
    {
        var lambda = Options.Radiation.WavelengthAngstrom;
        var minR = Bragg.InverseDSpacing(Options.TwoThetaMinDegrees, lambda);
        var maxR = Bragg.InverseDSpacing(Options.TwoThetaMaxDegrees, lambda);
        ReflectionLimit.Check(structure.Lattice, Options.TwoThetaMaxDegrees, lambda, Options.MaxReflections);
        EnumerateReflections(structure.Lattice, minR, maxR, ws, Options.MaxReflections, Options.TwoThetaMaxDegrees, lambda, cancellationToken);
        ws.Scatterers.Load(structure, Options.DebyeWallerByElement, Options.UseSiteDisplacement);
        var n = ws.ReflectionCount;
        ws.EnsurePerReflection(n, ws.Scatterers.TypeCount);
        FillPhaseTables(ws);
        AccumulatePhaseSums(ws, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        ComputeIntensities(ws, lambda);
        MergePeaks(ws, minR);
    }

    /// <summary>
    /// Half-space reflections (h &gt; 0; or h = 0, k &gt; 0; or h = k = 0, l &gt; 0) with |g| ≤ maxR, as rows in l.
    /// With a limit (&gt; 0), a cell so skewed that the (h, k) search box or the count itself outgrows the volume
    /// estimate is refused as well: the estimate is checked first, these are the guards behind it.
    /// </summary>
    internal static void EnumerateReflections(Lattice lattice, double minR, double maxR, PowderWorkspace ws,
        long maxReflections = 0, double twoThetaMaxDegrees = 0, double wavelengthAngstrom = 0, CancellationToken cancellationToken = default)
    {
        ws.ReflectionCount = 0;
        ws.RunCount = 0;
        var recip = lattice.Matrix.Inverse().Transpose(); // rows a*, b*, c* (crystallographic, no 2π); no allocation
        Vec3 aStar = recip.Row(0), bStar = recip.Row(1), cStar = recip.Row(2);
        var maxR2 = maxR * maxR;
        // |h| = |g·a| ≤ |g||a|, so the index ranges follow from the real-space lengths
        int hMax = (int)Math.Floor(maxR * lattice.A + 1e-9), kMax = (int)Math.Floor(maxR * lattice.B + 1e-9), lMax = (int)Math.Floor(maxR * lattice.C + 1e-9);
        ws.HMax = hMax; ws.KMax = kMax; ws.LMax = lMax;
        var rows = (hMax + 1.0) * (2.0 * kMax + 1.0);
        if (maxReflections > 0 && rows > 64.0 * maxReflections)
            throw new DiffractionException(FormattableString.Invariant(
                $"the cell ({lattice}) is so skewed that the reflection search would scan {rows:G3} (h, k) rows, more than 64 times the reflection limit of {maxReflections}"));
        var cc = cStar.Dot(cStar);
        for (var h = 0; h <= hMax; h++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var k = h == 0 ? 0 : -kMax; k <= kMax; k++)
            {
                var v = h * aStar + k * bStar;
                var vc = v.Dot(cStar);
                var disc = vc * vc - cc * (v.Dot(v) - maxR2);
                if (disc < 0) continue;
                var root = Math.Sqrt(disc);
                var l0 = Math.Max((int)Math.Ceiling((-vc - root) / cc - 1e-6), -lMax);
                var l1 = Math.Min((int)Math.Floor((-vc + root) / cc + 1e-6), lMax);
                if (h == 0 && k == 0) l0 = Math.Max(l0, 1);
                var start = ws.ReflectionCount;
                var first = int.MaxValue;
                var last = int.MinValue;
                for (var l = l0; l <= l1; l++)
                {
                    var g = v + l * cStar;
                    var g2 = g.Dot(g);
                    if (g2 > maxR2) { if (first != int.MaxValue) break; continue; }
                    if (first == int.MaxValue) first = l;
                    last = l;
                    ws.AddReflection(h, k, l, g2);
                    // half the sphere is enumerated: twice the limit means the estimate was far off
                    if (maxReflections > 0 && ws.ReflectionCount > maxReflections)
                        throw ReflectionLimit.TooMany(2.0 * ws.ReflectionCount, lattice, twoThetaMaxDegrees, wavelengthAngstrom, maxReflections);
                }
                if (first != int.MaxValue) ws.AddRun(h, k, first, last - first + 1, start);
            }
        }
        _ = minR; // reflections inside the inner sphere are computed and dropped when peaks are merged
    }

    /// <summary>
    /// exp(2πi n u_j) tables for every scatterer and the index ranges in use, by complex recurrence (one sin/cos per
    /// scatterer and axis, re-anchored every 16 steps). h and k tables are index-major (scatterers contiguous) with the
    /// occupancy folded into the h table; l tables are scatterer-major (l contiguous) for the kernel.
    /// </summary>
    internal static void FillPhaseTables(PowderWorkspace ws)
    {
        var sc = ws.Scatterers;
        int n = sc.Count, hMax = ws.HMax, kMax = ws.KMax, lMax = ws.LMax;
        int hSpan = hMax + 1, kSpan = 2 * kMax + 1, lSpan = 2 * lMax + 1;
        PowderWorkspace.Ensure(ref ws.XRe, ref ws.XIm, n * hSpan);
        PowderWorkspace.Ensure(ref ws.YRe, ref ws.YIm, n * kSpan);
        PowderWorkspace.Ensure(ref ws.ZRe, ref ws.ZIm, n * lSpan + StructureFactor.Padding);
        PowderWorkspace.Ensure(ref ws.ARe, ref ws.AIm, n);
        for (var j = 0; j < n; j++)
        {
            FillPowers(sc.X[j], sc.Occupancy[j], hMax, ws.XRe, ws.XIm, j, n, 0, negative: false);
            FillPowers(sc.Y[j], 1.0, kMax, ws.YRe, ws.YIm, j, n, kMax, negative: true);
            FillPowers(sc.Z[j], 1.0, lMax, ws.ZRe, ws.ZIm, j * lSpan, 1, lMax, negative: true);
        }
        ws.ZRe.AsSpan(n * lSpan, StructureFactor.Padding).Clear();
        ws.ZIm.AsSpan(n * lSpan, StructureFactor.Padding).Clear();
    }

    /// <summary>Writes scale · exp(2πi m u) for m = 0..max (and −max..−1 when negative) at index base + (m + offset) · stride.</summary>
    private static void FillPowers(double u, double scale, int max, double[] re, double[] im, int @base, int stride, int offset, bool negative)
    {
        var (s, c) = Math.SinCos(2.0 * Math.PI * u);
        double pr = 1, pi = 0;
        re[@base + offset * stride] = scale; im[@base + offset * stride] = 0;
        for (var m = 1; m <= max; m++)
        {
            (pr, pi) = (pr * c - pi * s, pr * s + pi * c);
            if ((m & 15) == 0) (pi, pr) = Math.SinCos(2.0 * Math.PI * (m * u - Math.Floor(m * u)));
            re[@base + (offset + m) * stride] = scale * pr; im[@base + (offset + m) * stride] = scale * pi;
            if (negative) { re[@base + (offset - m) * stride] = scale * pr; im[@base + (offset - m) * stride] = -scale * pi; }
        }
    }

    /// <summary>S_t(hkl) = Σ_{j∈t} occ_j exp(2πi (h x_j + k y_j + l z_j)) for every reflection and scattering type.</summary>
    internal static void AccumulatePhaseSums(PowderWorkspace ws, CancellationToken cancellationToken = default)
    {
        var sc = ws.Scatterers;
        var atoms = sc.Count;
        var stride = ws.SumStride;
        var lSpan = 2 * ws.LMax + 1;
        var aRe = ws.ARe.AsSpan(0, atoms);
        var aIm = ws.AIm.AsSpan(0, atoms);
        for (var r = 0; r < ws.RunCount; r++)
        {
            if ((r & 63) == 0) cancellationToken.ThrowIfCancellationRequested();
            int h = ws.RunH[r], k = ws.RunK[r] + ws.KMax, lFrom = ws.RunL0[r] + ws.LMax, len = ws.RunLength[r], start = ws.RunStart[r];
            // a_j = occ_j · exp(2πi (h x_j + k y_j)), vectorised over scatterers
            ComplexMultiply(ws.XRe.AsSpan(h * atoms, atoms), ws.XIm.AsSpan(h * atoms, atoms),
                ws.YRe.AsSpan(k * atoms, atoms), ws.YIm.AsSpan(k * atoms, atoms), aRe, aIm);
            for (var t = 0; t < sc.TypeCount; t++)
            {
                int j0 = sc.TypeStart[t], j1 = sc.TypeStart[t + 1];
                StructureFactor.AccumulateRow(aRe[j0..j1], aIm[j0..j1], ws.ZRe, ws.ZIm, lSpan, j0 * lSpan + lFrom, len,
                    ws.SumRe.AsSpan(t * stride + start), ws.SumIm.AsSpan(t * stride + start));
            }
        }
    }

    private static void ComplexMultiply(ReadOnlySpan<double> aRe, ReadOnlySpan<double> aIm, ReadOnlySpan<double> bRe, ReadOnlySpan<double> bIm, Span<double> re, Span<double> im)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= re.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var ar = new Vector<double>(aRe[i..]); var ai = new Vector<double>(aIm[i..]);
                var br = new Vector<double>(bRe[i..]); var bi = new Vector<double>(bIm[i..]);
                (ar * br - ai * bi).CopyTo(re[i..]);
                (ar * bi + ai * br).CopyTo(im[i..]);
            }
        }
        for (; i < re.Length; i++)
        {
            re[i] = aRe[i] * bRe[i] - aIm[i] * bIm[i];
            im[i] = aRe[i] * bIm[i] + aIm[i] * bRe[i];
        }
    }

    /// <summary>I = 2 |Σ_t f_t(s) e^(−B_t s²) S_t|² · LP for every half-space reflection (the 2 counts the Friedel mate).</summary>
    internal static void ComputeIntensities(PowderWorkspace ws, double lambda)
    {
        var sc = ws.Scatterers;
        var n = ws.ReflectionCount;
        var g2 = ws.G2.AsSpan(0, n);
        var s2 = ws.S2.AsSpan(0, n);
        var fRe = ws.FRe.AsSpan(0, n);
        var fIm = ws.FIm.AsSpan(0, n);
        var form = ws.Form.AsSpan(0, n);
        var tmp = ws.Tmp.AsSpan(0, n);
        var acc = ws.Acc.AsSpan(0, n);
        TensorPrimitives.Multiply(g2, 0.25, s2);
        fRe.Clear();
        fIm.Clear();
        for (var t = 0; t < sc.TypeCount; t++)
        {
            var c = sc.TypeCoefficients[t];
            acc.Clear();
            for (var i = 0; i < 4; i++)
            {
                if (c[i] == 0 && c[4 + i] == 0) continue;
                TensorPrimitives.Multiply(s2, -c[4 + i], tmp);
                TensorPrimitives.Exp(tmp, tmp);
                TensorPrimitives.MultiplyAdd(tmp, c[i], acc, acc);
            }
            // f = Z − K s² Σ a_i exp(−b_i s²)
            TensorPrimitives.Multiply(acc, s2, acc);
            TensorPrimitives.Multiply(acc, -ScatteringFactors.MottBetheConstant, form);
            TensorPrimitives.Add(form, (double)sc.TypeAtomicNumber[t], form);
            if (sc.TypeB[t] != 0)
            {
                TensorPrimitives.Multiply(s2, -sc.TypeB[t], tmp);
                TensorPrimitives.Exp(tmp, tmp);
                TensorPrimitives.Multiply(form, tmp, form);
            }
            TensorPrimitives.MultiplyAdd(form, ws.SumRe.AsSpan(t * ws.SumStride, n), fRe, fRe);
            TensorPrimitives.MultiplyAdd(form, ws.SumIm.AsSpan(t * ws.SumStride, n), fIm, fIm);
        }
        var sinTheta = ws.SinTheta.AsSpan(0, n);
        var intensity = ws.Intensity.AsSpan(0, n);
        var twoTheta = ws.TwoTheta.AsSpan(0, n);
        TensorPrimitives.Sqrt(g2, sinTheta);
        TensorPrimitives.Multiply(sinTheta, lambda / 2.0, sinTheta);
        TensorPrimitives.Min(sinTheta, 1.0, sinTheta);
        TensorPrimitives.Asin(sinTheta, twoTheta);
        TensorPrimitives.Multiply(twoTheta, 360.0 / Math.PI, twoTheta);
        for (var r = 0; r < n; r++)
        {
            var f2 = fRe[r] * fRe[r] + fIm[r] * fIm[r];
            intensity[r] = 2.0 * f2 * LorentzPolarisation.FromSinTheta(sinTheta[r]);
        }
    }

    /// <summary>Sorts by |g|, merges reflections within the 2θ tolerance, drops numerical zeros, scales.</summary>
    internal void MergePeaks(PowderWorkspace ws, double minR)
    {
        var n = ws.ReflectionCount;
        var keys = ws.SortKeys.AsSpan(0, n);
        var order = ws.Order.AsSpan(0, n);
        ws.G2.AsSpan(0, n).CopyTo(keys);
        for (var i = 0; i < n; i++) order[i] = i;
        keys.Sort(order);
        var minR2 = minR * minR;
        var first = 0;
        while (first < n && minR > 0 && keys[first] < minR2) first++;
        // move the kept reflections to the front of Order so groups index it directly
        if (first > 0) order[first..].CopyTo(order);
        var kept = n - first;
        ws.EnsureGroups(kept + 1);
        ws.GroupCount = 0;
        var key = double.NegativeInfinity;
        var max = 0.0;
        for (var i = 0; i < kept; i++)
        {
            var r = order[i];
            var tt = ws.TwoTheta[r];
            if (!(Math.Abs(tt - key) < PowderOptions.TwoThetaMergeToleranceDegrees))
            {
                ws.GroupStart[ws.GroupCount] = i;
                ws.GroupIntensity[ws.GroupCount] = 0;
                ws.GroupCount++;
                key = tt;
            }
            ws.GroupIntensity[ws.GroupCount - 1] += ws.Intensity[r];
        }
        ws.GroupStart[ws.GroupCount] = kept;
        for (var g = 0; g < ws.GroupCount; g++) max = Math.Max(max, ws.GroupIntensity[g]);
        ws.PeakCount = 0;
        if (!(max > 0)) return;
        var scale = Options.Scaled ? 100.0 / max : 1.0;
        for (var g = 0; g < ws.GroupCount; g++)
        {
            var value = ws.GroupIntensity[g];
            if (!(value / max * 100.0 > PowderOptions.ScaledIntensityTolerance)) continue;
            ws.PeakGroup[ws.PeakCount] = g;
            ws.PeakIntensity[ws.PeakCount] = value * scale;
            ws.PeakTwoTheta[ws.PeakCount] = ws.TwoTheta[order[ws.GroupStart[g]]];
            ws.PeakCount++;
        }
    }
}
