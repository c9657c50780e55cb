using Bravais.Crystallography;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Synthesis.Lattices;

/// <summary>
/// Random cells consistent with a space group's lattice family and setting: realistic axial ratios
/// (log-uniform within about 1:2.2), monoclinic angles 92–125°, triclinic angles all acute or all obtuse,
/// scaled to a requested volume. Shapes close to a metric of higher symmetry (equal axes, right angles,
/// tetragonal c/a ≈ 1 or √2, rhombohedral α ≈ 60°/90°/109.5°) are avoided by a 3 % margin so that the
/// intended symmetry is not raised by the lattice alone.
/// </summary>
public static class LatticeSampler
{
    private const double Margin = 0.03;

    public static Lattice Sample(SpaceGroup group, double volumeAngstrom3, Random random) => Sample(group, volumeAngstrom3, random, AxialRatios.Default);

    /// <param name="ratios">Ranges of the axial ratios (<see cref="AxialRatios.Default"/>, or <see cref="AxialRatios.Wide"/> for the
    /// elongated cells of layered and chain structures).</param>
    public static Lattice Sample(SpaceGroup group, double volumeAngstrom3, Random random, AxialRatios ratios)
    {
        var shape = LatticeShape.Of(group);
        var (a, b, c, alpha, beta, gamma) = SampleShape(shape, group.Centring, random, ratios);
        var unit = Lattice.FromParameters(a, b, c, alpha, beta, gamma);
        var scale = Math.Cbrt(volumeAngstrom3 / unit.Volume);
        var lattice = Lattice.FromParameters(a * scale, b * scale, c * scale, alpha, beta, gamma);
        EnsureInvariant(group, lattice);
        return lattice;
    }

    /// <summary>Throws when some rotation of the group does not preserve the cell's metric (a setting mismatch).</summary>
    public static void EnsureInvariant(SpaceGroup group, Lattice lattice)
    {
        var g = lattice.MetricTensor;
        var scale = Math.Max(g.M00, Math.Max(g.M11, g.M22));
        foreach (var op in group.Operations)
        {
            var r = new Mat3(op.R00, op.R01, op.R02, op.R10, op.R11, op.R12, op.R20, op.R21, op.R22);
            var h = r.Transpose() * g * r;
            var d = Math.Max(Math.Max(Math.Abs(h.M00 - g.M00), Math.Max(Math.Abs(h.M01 - g.M01), Math.Abs(h.M02 - g.M02))),
                    Math.Max(Math.Max(Math.Abs(h.M11 - g.M11), Math.Abs(h.M12 - g.M12)), Math.Abs(h.M22 - g.M22)));
            if (d > 1e-8 * scale)
                throw new CrystallographyException($"space group {group.Number}: operation {op.ToXyz()} does not preserve the sampled cell {lattice}");
        }
    }

    private static double LogUniform(Random random, double low, double high) => Math.Exp(Math.Log(low) + random.NextDouble() * (Math.Log(high) - Math.Log(low)));

    private static bool Near(double x, double target) => Math.Abs(x / target - 1) < Margin;

    private static (double A, double B, double C, double Alpha, double Beta, double Gamma) SampleShape(LatticeShape shape, char centring, Random random, AxialRatios r)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            switch (shape.Family)
            {
                case LatticeFamily.Cubic:
                    return (1, 1, 1, 90, 90, 90);
                case LatticeFamily.Tetragonal:
                {
                    var ratio = LogUniform(random, r.TetragonalLow, r.TetragonalHigh);
                    if (Near(ratio, 1) || (centring == 'I' && (Near(ratio, Math.Sqrt(2)) || Near(ratio, Math.Sqrt(0.5))))) continue;
                    return (1, 1, ratio, 90, 90, 90);
                }
                case LatticeFamily.Hexagonal:
                {
                    var ratio = centring == 'R' ? LogUniform(random, r.RhombohedralLow, r.RhombohedralHigh) : LogUniform(random, r.HexagonalLow, r.HexagonalHigh);
                    // R lattices on hexagonal axes: c/a = √6 (α = 60°, cF), √1.5 (α = 90°, cP), √0.375 (α = 109.47°, cI)
                    if (centring == 'R' && (Near(ratio, Math.Sqrt(6)) || Near(ratio, Math.Sqrt(1.5)) || Near(ratio, Math.Sqrt(0.375)))) continue;
                    return (1, 1, ratio, 90, 90, 120);
                }
                case LatticeFamily.Rhombohedral:
                {
                    var alpha = 45 + random.NextDouble() * 65;
                    if (Near(alpha, 60) || Near(alpha, 90) || Near(alpha, 109.4712)) continue;
                    return (1, 1, 1, alpha, alpha, alpha);
                }
                case LatticeFamily.Orthorhombic:
                {
                    double b = LogUniform(random, r.OtherLow, r.OtherHigh), c = LogUniform(random, r.OtherLow, r.OtherHigh);
                    if (Near(b, 1) || Near(c, 1) || Near(b, c)) continue;
                    return (1, b, c, 90, 90, 90);
                }
                case LatticeFamily.Monoclinic:
                {
                    var lengths = new[] { 1.0, LogUniform(random, r.OtherLow, r.OtherHigh), LogUniform(random, r.OtherLow, r.OtherHigh) };
                    var angle = 92 + random.NextDouble() * 33;
                    // the two axes spanning the oblique angle must not make the net rectangular-centred
                    int u = shape.UniqueAxis, p = (u + 1) % 3, q = (u + 2) % 3;
                    var cos = Math.Cos(angle * Math.PI / 180);
                    if (Near(lengths[1], 1) || Near(lengths[2], 1) || Near(lengths[1], lengths[2])) continue;
                    if (Math.Abs(2 * lengths[q] * cos + lengths[p]) < Margin * lengths[p] || Math.Abs(2 * lengths[p] * cos + lengths[q]) < Margin * lengths[q]) continue;
                    var angles = new[] { 90.0, 90.0, 90.0 };
                    angles[u] = angle;
                    return (lengths[0], lengths[1], lengths[2], angles[0], angles[1], angles[2]);
                }
                case LatticeFamily.Triclinic:
                {
                    double b = LogUniform(random, r.OtherLow, r.OtherHigh), c = LogUniform(random, r.OtherLow, r.OtherHigh);
                    if (Near(b, 1) || Near(c, 1) || Near(b, c)) continue;
                    var obtuse = random.NextDouble() < 0.5;
                    double Angle() => obtuse ? 93 + random.NextDouble() * 25 : 65 + random.NextDouble() * 22;
                    double al = Angle(), be = Angle(), ga = Angle();
                    if (Near(al, be) || Near(be, ga) || Near(al, ga)) continue;
                    try
                    {
                        var l = Lattice.FromParameters(1, b, c, al, be, ga);
                        if (l.Volume < 0.5 * b * c) continue; // avoid very flat cells
                    }
                    catch (CrystallographyException) { continue; }
                    return (1, b, c, al, be, ga);
                }
            }
        }
        throw new CrystallographyException($"could not sample a {shape.Family} cell");
    }
}

/// <summary>
/// Log-uniform ranges of the axial ratios: c/a for tetragonal, hexagonal and rhombohedral (hexagonal axes) cells, b/a and c/a
/// for the others.
/// </summary>
public sealed record AxialRatios(double TetragonalLow, double TetragonalHigh, double HexagonalLow, double HexagonalHigh,
    double RhombohedralLow, double RhombohedralHigh, double OtherLow, double OtherHigh)
{
    /// <summary>Moderate cells: about 1:2.2 (c/a 0.45–2.6 tetragonal, 0.5–3.2 hexagonal, 0.7–4.5 rhombohedral).</summary>
    public static AxialRatios Default { get; } = new(0.45, 2.6, 0.5, 3.2, 0.7, 4.5, 0.5, 2.2);

    /// <summary>
    /// Also the elongated cells of layered and chain structures common in real databases: c/a up to 4.5 tetragonal (ThCr₂Si₂,
    /// K₂NiF₄ types ≈ 2.5–3.5), 5 hexagonal (MAX phases ≈ 4–6 are near the top), 8 rhombohedral on hexagonal axes (LiCoO₂ ≈ 5,
    /// Bi₂Se₃ ≈ 6.9), b/a and c/a 0.4–3.2 otherwise.
    /// </summary>
    public static AxialRatios Wide { get; } = new(0.35, 4.5, 0.4, 5.0, 0.7, 8.0, 0.4, 3.2);
}
