using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Indexing;

/// <summary>
/// A conventional cell of a primitive lattice: the Bravais lattice, the conventional basis (rows: integer
/// combinations of the primitive basis, determinant = lattice points per cell) in the standard setting, and how far
/// the metric is from the ideal one (largest angle deviation in degrees, largest relative difference of lengths
/// that should be equal).
/// </summary>
public sealed record LatticeSetting(BravaisLattice Lattice, int[] Transform, double AngleDeviationDegrees, double LengthDeviation);

/// <summary>
/// Metric lattice symmetry with a tolerance: every conventional cell of the 14 Bravais types whose metric is within
/// the tolerance, built from short lattice vectors (integer combinations −3…3 of the Niggli-reduced basis), its
/// centring read from the primitive basis expressed in the conventional one. Standard settings: cubic, tetragonal
/// and hexagonal with c unique; hR on hexagonal axes, obverse; oP, oI, oF with a ≤ b ≤ c; oS C-centred with a ≤ b;
/// mP and mS (C-centred) with b unique, β ≥ 90° and the shortest a, c. This does what Le Page's two-fold axis search
/// does (the axes are the rows that are perpendicular to lattice planes), producing the conventional cell directly.
/// </summary>
public static class LatticeSymmetry
{
    /// <summary>The 14 types from the largest holohedry down (cF, cI, cP, hP, hR, tI, tP, oF, oI, oS, oP, mS, mP, aP).</summary>
    public static IReadOnlyList<BravaisLattice> ByHolohedry { get; } =
    [
        BravaisLattice.cF, BravaisLattice.cI, BravaisLattice.cP, BravaisLattice.hP, BravaisLattice.hR, BravaisLattice.tI, BravaisLattice.tP,
        BravaisLattice.oF, BravaisLattice.oI, BravaisLattice.oS, BravaisLattice.oP, BravaisLattice.mS, BravaisLattice.mP, BravaisLattice.aP,
    ];

    /// <summary>Best setting of every Bravais type within tolerance for the (preferably Niggli-reduced) primitive direct metric; aP (identity) always.</summary>
    public static List<LatticeSetting> Settings(Metric primitive, double maxAngleDegrees = 1.5, double maxRelativeLength = 0.015)
    {
        var vectors = Vectors.Value;
        var n = vectors.Count;
        var dot = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                dot[i, j] = Dot(primitive, vectors[i], vectors[j]);
        var length = new double[n];
        for (var i = 0; i < n; i++) length[i] = Math.Sqrt(dot[i, i]);
        var cosTolerance = Math.Sin(maxAngleDegrees * Math.PI / 180);
        var offers = new Dictionary<BravaisLattice, List<(LatticeSetting Setting, double Key, double Tie)>>();

        void Offer(BravaisLattice type, int[] m, double angle, double lengthDev, double tieBreak)
        {
            if (angle > maxAngleDegrees || lengthDev > maxRelativeLength) return;
            var key = Math.Max(angle / maxAngleDegrees, lengthDev / maxRelativeLength);
            if (!offers.TryGetValue(type, out var list)) offers[type] = list = [];
            list.Add((new LatticeSetting(type, m, angle, lengthDev), key, tieBreak));
        }

        // a and b from −2…2 (as Le Page's two-fold axes); c may need a 3 for hR on hexagonal axes, and is only taken
        // from there in the hexagonal branch: long rows are nearly perpendicular to others by accident
        var small = vectors.Count(v => v.All(x => Math.Abs(x) <= 2));
        for (var b = 0; b < small; b++)
            for (var c = 0; c < n; c++)
            {
                if (c == b) continue;
                var cbc = dot[b, c] / (length[b] * length[c]);
                if (Math.Abs(cbc) > cosTolerance) continue;
                for (var a = 0; a < small; a++)
                {
                    if (a == b || a == c) continue;
                    var m = new[] { vectors[a][0], vectors[a][1], vectors[a][2], vectors[b][0], vectors[b][1], vectors[b][2], vectors[c][0], vectors[c][1], vectors[c][2] };
                    var det = Determinant(m);
                    if (det == 0 || Math.Abs(det) > 4) continue;
                    var cab = dot[a, b] / (length[a] * length[b]);
                    var cac = dot[a, c] / (length[a] * length[c]);
                    var dBc = Deviation(cbc, 0);
                    var dAb = Deviation(cab, 0);
                    var dAc = Deviation(cac, 0);
                    double la = length[a], lb = length[b], lc = length[c];
                    if (dAb <= maxAngleDegrees && c < small)
                    {
                        // b ⟂ a and b ⟂ c: monoclinic (b unique); with a ⟂ c too, orthogonal types
                        var mono = Orient(m, obtuseBeta: cac > 0);
                        var monoCentring = Centring(mono);
                        var monoAngle = Math.Max(dAb, dBc);
                        var tie = la + lc + 1e-3 * Math.Abs(Math.Acos(Math.Clamp(cac, -1, 1)) * 180 / Math.PI - 90);
                        if (monoCentring == 'P') Offer(BravaisLattice.mP, mono, monoAngle, 0, tie);
                        if (monoCentring == 'C') Offer(BravaisLattice.mS, mono, monoAngle, 0, tie);
                        if (dAc <= maxAngleDegrees)
                        {
                            var angle = Math.Max(monoAngle, dAc);
                            var ortho = Orient(m, obtuseBeta: false);
                            var centring = Centring(ortho);
                            var abc = Spread(la, lb, lc);
                            var ab = Spread(la, lb);
                            switch (centring)
                            {
                                case 'P':
                                    Offer(BravaisLattice.cP, ortho, angle, abc, 0);
                                    Offer(BravaisLattice.tP, ortho, angle, ab, lc);
                                    if (la <= lb && lb <= lc) Offer(BravaisLattice.oP, ortho, angle, 0, 0);
                                    break;
                                case 'I':
                                    Offer(BravaisLattice.cI, ortho, angle, abc, 0);
                                    Offer(BravaisLattice.tI, ortho, angle, ab, lc);
                                    if (la <= lb && lb <= lc) Offer(BravaisLattice.oI, ortho, angle, 0, 0);
                                    break;
                                case 'F':
                                    Offer(BravaisLattice.cF, ortho, angle, abc, 0);
                                    if (la <= lb && lb <= lc) Offer(BravaisLattice.oF, ortho, angle, 0, 0);
                                    break;
                                case 'C':
                                    if (la <= lb) Offer(BravaisLattice.oS, ortho, angle, 0, la + lb);
                                    break;
                            }
                        }
                    }
                    // hexagonal metric: c ⟂ a, b; |a| = |b|; γ = 120°
                    if (dAc <= maxAngleDegrees && Math.Abs(Math.Abs(cab) - 0.5) <= cosTolerance)
                    {
                        var gamma = Math.Acos(Math.Clamp(-Math.Abs(cab), -1, 1)) * 180 / Math.PI;
                        var angle = Math.Max(Math.Max(dAc, dBc), Math.Abs(gamma - 120));
                        var hex = (int[])m.Clone();
                        if (cab > 0) for (var k = 3; k < 6; k++) hex[k] = -hex[k]; // γ = 120°
                        if (Determinant(hex) < 0) for (var k = 6; k < 9; k++) hex[k] = -hex[k];
                        var centring = Centring(hex);
                        if (centring == 'r') { for (var k = 0; k < 6; k++) hex[k] = -hex[k]; centring = Centring(hex); }
                        if (centring == 'P') Offer(BravaisLattice.hP, hex, angle, Spread(la, lb), lc);
                        if (centring == 'R') Offer(BravaisLattice.hR, hex, angle, Spread(la, lb), lc);
                    }
                }
            }
        // per type: the smallest deviation; among settings within 1 % of the tolerance of it (the same axes up to
        // rounding), the standard choice by the tie-break (shortest a + c for monoclinic, …)
        var result = new List<LatticeSetting>();
        foreach (var list in offers.Values)
        {
            var min = list.Min(o => o.Key);
            result.Add(list.Where(o => o.Key <= min + 0.01).MinBy(o => o.Tie).Setting);
        }
        result.Add(new LatticeSetting(BravaisLattice.aP, [1, 0, 0, 0, 1, 0, 0, 0, 1], 0, 0));
        return [.. result.OrderBy(s => ByHolohedryIndex(s.Lattice))];
    }

    /// <summary>Order of the lattice's point group: 48 cubic, 24 hexagonal, 16 tetragonal, 12 rhombohedral, 8 orthorhombic, 4 monoclinic, 2 triclinic.</summary>
    public static int HolohedryOrder(BravaisLattice lattice) => lattice.FamilySystem() switch
    {
        CrystalSystem.Cubic => 48, CrystalSystem.Hexagonal => 24, CrystalSystem.Tetragonal => 16, CrystalSystem.Trigonal => 12,
        CrystalSystem.Orthorhombic => 8, CrystalSystem.Monoclinic => 4, _ => 2,
    };

    public static int ByHolohedryIndex(BravaisLattice lattice) => lattice switch
    {
        BravaisLattice.cF => 0, BravaisLattice.cI => 1, BravaisLattice.cP => 2, BravaisLattice.hP => 3, BravaisLattice.hR => 4,
        BravaisLattice.tI => 5, BravaisLattice.tP => 6, BravaisLattice.oF => 7, BravaisLattice.oI => 8, BravaisLattice.oS => 9,
        BravaisLattice.oP => 10, BravaisLattice.mS => 11, BravaisLattice.mP => 12, _ => 13,
    };

    /// <summary>
    /// The centring of a conventional basis (rows in the primitive basis): the primitive basis vectors written in the
    /// conventional basis, modulo 1. 'P', 'A', 'B', 'C', 'I', 'F', 'R' (obverse), 'r' (reverse) or '?'.
    /// </summary>
    public static char Centring(int[] m)
    {
        var det = Determinant(m);
        if (det <= 0) return '?';
        if (det == 1) return 'P';
        var adj = Adjugate(m);
        var set = new HashSet<(int, int, int)>();
        for (var k = 0; k < 3; k++)
        {
            // row k of M⁻¹ = row k of adj(M) / det, as multiples of 1/12 modulo 1
            int F(int v) => (((v * 12 / det) % 12) + 12) % 12;
            for (var j = 0; j < 3; j++) if (adj[3 * k + j] * 12 % det != 0) return '?';
            var t = (F(adj[3 * k]), F(adj[3 * k + 1]), F(adj[3 * k + 2]));
            if (t != (0, 0, 0)) set.Add(t);
        }
        bool Within(params (int, int, int)[] allowed) => set.All(allowed.Contains);
        return det switch
        {
            2 when Within((6, 6, 0)) => 'C',
            2 when Within((0, 6, 6)) => 'A',
            2 when Within((6, 0, 6)) => 'B',
            2 when Within((6, 6, 6)) => 'I',
            3 when Within((8, 4, 4), (4, 8, 8)) => 'R',
            3 when Within((4, 8, 4), (8, 4, 8)) => 'r',
            4 when Within((0, 6, 6), (6, 0, 6), (6, 6, 0)) => 'F',
            _ => '?',
        };
    }

    /// <summary>Makes the basis right-handed and, for monoclinic use, β obtuse (by flipping a, then b for handedness).</summary>
    private static int[] Orient(int[] m, bool obtuseBeta)
    {
        var r = (int[])m.Clone();
        if (obtuseBeta) for (var k = 0; k < 3; k++) r[k] = -r[k];
        if (Determinant(r) < 0) for (var k = 3; k < 6; k++) r[k] = -r[k];
        return r;
    }

    private static double Deviation(double cos, double target) => Math.Abs(Math.Acos(Math.Clamp(cos, -1, 1)) - Math.Acos(target)) * 180 / Math.PI;

    private static double Spread(params double[] lengths) => (lengths.Max() - lengths.Min()) / lengths.Average();

    private static readonly Lazy<List<int[]>> Vectors = new(ShortVectors);

    /// <summary>Integer vectors −3…3 (one of each ± pair): the c axis of hR on hexagonal axes needs a 3 in some Niggli bases.</summary>
    private static List<int[]> ShortVectors()
    {
        var list = new List<int[]>();
        for (var i = -3; i <= 3; i++)
            for (var j = -3; j <= 3; j++)
                for (var k = -3; k <= 3; k++)
                {
                    var first = i != 0 ? i : j != 0 ? j : k;
                    if (first > 0) list.Add([i, j, k]);
                }
        return [.. list.OrderBy(v => v.Max(Math.Abs) > 2 ? 1 : 0)];
    }

    private static double Dot(Metric g, int[] u, int[] v)
    {
        double s = 0;
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) s += u[i] * g[i, j] * v[j];
        return s;
    }

    public static int Determinant(int[] m) =>
        m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);

    private static int[] Adjugate(int[] m) =>
    [
        m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
        m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
        m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3],
    ];
}
