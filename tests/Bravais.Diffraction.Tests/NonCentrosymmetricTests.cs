using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;
using Xunit;

namespace Bravais.Diffraction.Tests;

/// <summary>
/// A structure without a centre of symmetry, where the phase of every atom's term matters: zincblende ZnS (F-43m, Zn at
/// 0,0,0 and S at ¼,¼,¼ plus the face-centring translations). By hand, with f the atomic form factors at s = 1/(2d):
/// F(h) = 4 (f_Zn + f_S·i^(h+k+l)) for unmixed hkl, so |F(111)|² = 16 (f_Zn² + f_S²) (the two terms are in quadrature),
/// |F(200)|² = 16 (f_Zn − f_S)² and |F(220)|² = 16 (f_Zn + f_S)². A calculator that dropped the sine half of the phase
/// factor, or mixed up its sign per atom, gives other ratios.
/// </summary>
public class NonCentrosymmetricTests
{
    private static readonly Vec3[] Fcc = [new(0, 0, 0), new(0, .5, .5), new(.5, 0, .5), new(.5, .5, 0)];

    private static Structure ZincBlende()
    {
        var sites = ImmutableArray.CreateBuilder<Site>();
        foreach (var t in Fcc)
        {
            sites.Add(Site.Single("Zn", t.Wrapped()));
            sites.Add(Site.Single("S", new Vec3(t.X + .25, t.Y + .25, t.Z + .25).Wrapped()));
        }
        return new Structure("ZnS", Lattice.Cubic(5.4093), sites.ToImmutable());
    }

    [Fact]
    public void IntensitiesFollowTheQuadratureOfTheZincAndSulphurTerms()
    {
        var peaks = new PowderCalculator(new PowderOptions { Scaled = false }).Calculate(ZincBlende());
        double Expected(int h, int k, int l, int multiplicity, Func<double, double, double> f2)
        {
            var d = 5.4093 / Math.Sqrt(h * h + k * k + l * l);
            var s = 1 / (2 * d);
            var f = f2(ScatteringFactors.Evaluate("Zn", s), ScatteringFactors.Evaluate("S", s));
            return f * multiplicity * LorentzPolarisation.FromSinTheta(Radiation.CuKa.WavelengthAngstrom / (2 * d));
        }
        double Intensity(string hkl) => peaks.Peaks.Single(p => p.Families.Any(x => x.Representative.ToString() == hkl)).Intensity;
        var i111 = Expected(1, 1, 1, 8, (zn, s) => 16 * (zn * zn + s * s));
        var i200 = Expected(2, 0, 0, 6, (zn, s) => 16 * (zn - s) * (zn - s));
        var i220 = Expected(2, 2, 0, 12, (zn, s) => 16 * (zn + s) * (zn + s));
        Assert.Equal(i111 / i220, Intensity("(1,1,1)") / Intensity("(2,2,0)"), 6);
        Assert.Equal(i200 / i220, Intensity("(2,0,0)") / Intensity("(2,2,0)"), 6);
        Assert.Equal(i111, Intensity("(1,1,1)"), i111 * 1e-6);
        // and the structure factor itself: F(111) of one formula unit per face-centring translation is 4 f_Zn ± 4i f_S
        var f111 = StructureFactor.Compute(ZincBlende(), new MillerIndices(1, 1, 1));
        var sHalf = Math.Sqrt(3) / (2 * 5.4093);
        Assert.Equal(4 * ScatteringFactors.Evaluate("Zn", sHalf), Math.Abs(f111.Real), 6);
        Assert.Equal(4 * ScatteringFactors.Evaluate("S", sHalf), Math.Abs(f111.Imaginary), 6);
    }
}
