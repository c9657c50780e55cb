using Bravais.Crystallography.Geometry;
using Xunit;

namespace Bravais.Crystallography.Tests.Geometry;

/// <summary>
/// The symmetry-allowed metric changes: as many as the lattice has free cell parameters (cubic a; tetragonal and
/// hexagonal a, c; rhombohedral a, α; orthorhombic a, b, c; monoclinic + β; triclinic all six), the lattice's own
/// metric among them, and symmetry-equivalent reflections kept at one d-spacing by every one of them.
/// </summary>
public class MetricBasisTests
{
    public static TheoryData<string, double, double, double, double, double, double, int> Lattices => new()
    {
        { "cubic", 4.2, 4.2, 4.2, 90, 90, 90, 1 },
        { "tetragonal", 4.2, 4.2, 6.1, 90, 90, 90, 2 },
        { "hexagonal", 3.1, 3.1, 5.0, 90, 90, 120, 2 },
        { "rhombohedral", 5.4, 5.4, 5.4, 70, 70, 70, 2 },
        { "orthorhombic", 4.2, 5.3, 6.1, 90, 90, 90, 3 },
        { "monoclinic", 4.2, 5.3, 6.1, 90, 103, 90, 4 },
        { "triclinic", 4.2, 5.3, 6.1, 81, 103, 95, 6 },
    };

    [Theory]
    [MemberData(nameof(Lattices))]
    public void OneFreeParameterPerCellParameterAndTheOwnMetricInTheSpan(string name, double a, double b, double c, double alpha, double beta, double gamma, int expected)
    {
        var lattice = Lattice.FromParameters(a, b, c, alpha, beta, gamma);
        var basis = MetricBasis.Invariant(LatticeRotations.Of(lattice, 1e-4));
        Assert.True(basis.Length == expected, $"{name}: {basis.Length} free parameters, expected {expected}");
        // the basis is of reciprocal metrics (W·G*·Wᵀ = G*); the real metric obeys Wᵀ·G·W = G instead, which differs
        // for hexagonal axes (g12 = −a²/2 but g*12 = +a*²/2)
        {
            var v = MetricBasis.ToVector(lattice.ReciprocalCrystallographic().MetricTensor);
            var residual = (double[])v.Clone();
            foreach (var bj in basis)
            {
                var dot = v.Zip(bj, (x, y) => x * y).Sum();
                for (var i = 0; i < 6; i++) residual[i] -= dot * bj[i];
            }
            Assert.True(Math.Sqrt(residual.Sum(x => x * x)) < 1e-9 * Math.Sqrt(v.Sum(x => x * x)), $"{name}: metric outside the invariant span");
        }
        for (var i = 0; i < basis.Length; i++)
            for (var j = 0; j < basis.Length; j++)
                Assert.Equal(i == j ? 1.0 : 0.0, basis[i].Zip(basis[j], (x, y) => x * y).Sum(), 12);
    }

    [Fact]
    public void EquivalentReflectionsStayTogetherAndInequivalentOnesMayMove()
    {
        var tetragonal = MetricBasis.Invariant(LatticeRotations.Of(Lattice.Tetragonal(4.2, 6.1), 1e-4));
        var split = false;
        foreach (var s in tetragonal)
        {
            // (100) ≡ (010) ≡ (−100) under 4/mmm; (001) is not equivalent to them
            Assert.Equal(MetricBasis.Quadratic(s, 1, 0, 0), MetricBasis.Quadratic(s, 0, 1, 0), 12);
            Assert.Equal(MetricBasis.Quadratic(s, 1, 1, 0), MetricBasis.Quadratic(s, 1, -1, 0), 12);
            split |= Math.Abs(MetricBasis.Quadratic(s, 1, 0, 0) - MetricBasis.Quadratic(s, 0, 0, 1)) > 1e-6;
        }
        Assert.True(split, "some tetragonal metric change must move (001) relative to (100)");
        var hexagonal = MetricBasis.Invariant(LatticeRotations.Of(Lattice.Hexagonal(3.1, 5.0), 1e-4));
        foreach (var s in hexagonal)
        {
            // (100), (010) and (1−10) are one family of 6/mmm
            Assert.Equal(MetricBasis.Quadratic(s, 1, 0, 0), MetricBasis.Quadratic(s, 0, 1, 0), 12);
            Assert.Equal(MetricBasis.Quadratic(s, 1, 0, 0), MetricBasis.Quadratic(s, 1, -1, 0), 12);
        }
    }
}
