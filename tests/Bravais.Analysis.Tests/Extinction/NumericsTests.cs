using Bravais.Analysis.Extinction;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;
using Xunit;

namespace Bravais.Analysis.Tests.Extinction;

/// <summary>The numerical pieces of the extraction against plain definitions.</summary>
public class NumericsTests
{
    [Fact]
    public void Banded_solve_and_inverse_diagonal_match_a_dense_inverse()
    {
        const int n = 40, band = 3;
        var rng = new Random(5);
        var dense = new double[n, n];
        var solver = new BandedSolver(n, band);
        for (var i = 0; i < n; i++)
            for (var j = Math.Max(0, i - band); j <= i; j++)
            {
                var v = i == j ? 4 + rng.NextDouble() : rng.NextDouble() - 0.5;
                dense[i, j] = dense[j, i] = v;
                solver.Add(i, j, v);
            }
        var rhs = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        solver.Factor();
        var x = (double[])rhs.Clone();
        solver.Solve(x);
        for (var i = 0; i < n; i++)
        {
            double s = 0;
            for (var j = 0; j < n; j++) s += dense[i, j] * x[j];
            Assert.Equal(rhs[i], s, 1e-10);
        }
        var diagonal = solver.InverseDiagonal();
        for (var i = 0; i < n; i++)
        {
            var e = new double[n]; e[i] = 1;
            var column = PeakRefinement.DenseSolve(dense, e)!;
            Assert.Equal(column[i], diagonal[i], 1e-10);
        }
    }

    [Fact]
    public void Pseudo_Voigt_has_unit_area_and_its_derivatives_are_those_of_finite_differences()
    {
        foreach (var eta in new[] { 0.0, 0.4, 1.0 })
        {
            const double h = 0.1;
            double area = 0;
            for (var i = -800_000; i <= 800_000; i++) area += ProfileShape.Value(i * 0.0005, h, eta) * 0.0005;
            Assert.Equal(1, area, eta > 0 ? 1e-4 : 1e-9); // the Lorentzian part loses (2/π)/8000 ≈ 8e-5 beyond ±400°
            foreach (var dx in new[] { -0.13, -0.02, 0.0, 0.05, 0.3 })
            {
                var (value, dOffset, dFwhm, dEta) = ProfileShape.ValueAndDerivatives(dx, h, eta);
                Assert.Equal(ProfileShape.Value(dx, h, eta), value, 1e-12);
                const double e = 1e-7;
                Assert.Equal((ProfileShape.Value(dx + e, h, eta) - ProfileShape.Value(dx - e, h, eta)) / (2 * e), dOffset, 1e-4);
                Assert.Equal((ProfileShape.Value(dx, h + e, eta) - ProfileShape.Value(dx, h - e, eta)) / (2 * e), dFwhm, 1e-4);
                Assert.Equal(ProfileShape.Value(dx, h, 1) - ProfileShape.Value(dx, h, 0), dEta, 1e-12);
            }
        }
    }

    [Fact]
    public void Diamond_cell_lines_have_the_textbook_multiplicities_and_the_d_glide_removes_200_and_420()
    {
        var cell = Lattice.Cubic(5.4309);
        var family = ExtinctionFamily.Standard(BravaisLattice.cF);
        var lines = ReflectionLines.Enumerate(family, cell, 1.0);
        var t = ReflectionLines.Coefficients(lines.Basis, cell);
        // F centring leaves 111, 200, 220, 311, 222, 400, 331, 420, 422, 511+333 (one line: h²+k²+l² = 27), …
        int[] expectedMultiplicity = [8, 6, 12, 24, 8, 6, 24, 24, 24, 32];
        Assert.Equal(expectedMultiplicity, lines.Multiplicity.Take(10).ToArray());
        Assert.Equal(1 / 5.4309 / 5.4309 * 3, lines.InverseDSquared(0, t), 1e-9);
        var fd = ExtinctionTable.For(family).ToList().FindIndex(g => g.Symbol == "F d - -");
        Assert.Equal(0, lines.Present[1][fd]); // 200
        Assert.Equal(0, lines.Present[7][fd]); // 420
        Assert.Equal(8, lines.Present[0][fd]); // 111
    }

    [Fact]
    public void Tetragonal_hkl_and_khl_share_a_line()
    {
        var lines = ReflectionLines.Enumerate(ExtinctionFamily.Standard(BravaisLattice.tP), Lattice.Tetragonal(4.1, 6.3), 1.2);
        var line = lines.Members.Single(m => m.Any(h => h is [1, 2, 3]));
        Assert.Contains(line, h => h is [2, 1, 3]);
        Assert.Equal(8, line.Length); // (±1 ±2 3), (±2 ±1 3) with one of each Friedel pair
    }

    [Fact]
    public void Model_derivatives_are_those_of_finite_differences()
    {
        var crystal = new Bravais.Synthesis.Generation.CrystalGenerator().Generate(SpaceGroups.ByNumber(62), seed: 3, index: 1).Structure;
        var pattern = CleanPatterns.Render(crystal, seed: 2);
        var lines = ReflectionLines.Enumerate(ExtinctionFamily.Standard(BravaisLattice.oP), crystal.Lattice, 1.05);
        var fit = new PawleyFit(pattern.TwoThetaDegrees, pattern.Intensity, lines, Bravais.Diffraction.Physics.Radiation.CuKa);
        var t = ReflectionLines.Coefficients(lines.Basis, crystal.Lattice);
        var shape = new ProfileShape(0.02, 0.004, -0.002, 0.003, 0.4, 0.05);
        // (the truncated profile is continuous, so central differences are meaningful)
        var blocks = fit.Blocks(t, shape, 0.5);
        var solved = fit.Solve(t, shape, blocks, [.. pattern.Sigma!.Select(s => 1 / (s * s))], false);
        var j = solved.Intensity;
        int lo = solved.FirstPoint, hi = solved.LastPoint;
        var analytic = fit.Derivatives(t, shape, blocks, j, lo, hi);
        double[] steps = [.. t.Select(v => 1e-6 * Math.Abs(v)), 1e-5, 1e-5, 1e-6, 1e-6, 1e-6, 1e-5];
        for (var p = 0; p < analytic.Length; p++)
        {
            (double[] T, ProfileShape S) Shift(double e)
            {
                var tt = (double[])t.Clone();
                var s = shape;
                var m = t.Length;
                if (p < m) tt[p] += e;
                else s = (p - m) switch
                {
                    0 => s with { ZeroDegrees = s.ZeroDegrees + e },
                    1 => s with { DisplacementDegrees = s.DisplacementDegrees + e },
                    2 => s with { U = s.U + e },
                    3 => s with { V = s.V + e },
                    4 => s with { W = s.W + e },
                    _ => s with { Eta = s.Eta + e },
                };
                return (tt, s);
            }
            var (tp, sp) = Shift(steps[p]);
            var (tm, sm) = Shift(-steps[p]);
            var plus = fit.ProfileModel(tp, sp, blocks, j);
            var minus = fit.ProfileModel(tm, sm, blocks, j);
            double num = 0, den = 0, scale = 0;
            for (var i = lo; i <= hi; i++)
            {
                var fd = (plus[i] - minus[i]) / (2 * steps[p]);
                num += (analytic[p][i - lo] - fd) * (analytic[p][i - lo] - fd);
                den += fd * fd;
                scale = Math.Max(scale, Math.Abs(fd));
            }
            double dot = 0, aa = 0; for (var i = lo; i <= hi; i++) { var fd = (plus[i] - minus[i]) / (2 * steps[p]); dot += analytic[p][i - lo] * fd; aa += analytic[p][i - lo] * analytic[p][i - lo]; }
            Assert.True(num <= 1e-4 * den, $"parameter {p}: relative error {Math.Sqrt(num / den):G3} (largest derivative {scale:G3}) ratio {dot / den:G4} cos {dot / Math.Sqrt(aa * den):G4}");
        }
    }
}
