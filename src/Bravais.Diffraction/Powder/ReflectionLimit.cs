using System.Globalization;
using Bravais.Crystallography.Geometry;

namespace Bravais.Diffraction.Powder;

/// <summary>
/// The reflection count of a powder calculation, estimated before anything is enumerated or allocated: the
/// reciprocal-lattice points within the limiting sphere |g| ≤ 1/d_min, d_min = λ / (2 sin θmax), number about
/// (4π/3) · V / d_min³ (sphere volume over reciprocal-cell volume 1/V; hkl and its Friedel mate counted
/// separately; exact up to the sphere's surface for large counts). Work and memory grow with it: each
/// (half-space) reflection costs about 200 bytes of buffers and one structure-factor sum over all atoms.
/// </summary>
public static class ReflectionLimit
{
    /// <summary>
    /// Default limit: 2,000,000 reflections. The largest Materials Project cell (18,400 Å³) has 59,000 reflections
    /// with Cu Kα up to 90°, the largest COD cell in ../shared (45,200 Å³) 146,000 — and 413,000 up to 180° — so
    /// real inputs stay 5–30 times below it; at the limit the buffers take about 200 MB, well within a 2 GB heap.
    /// A 900 Å cubic cell (2·10⁹ reflections) or a 0.01 Å wavelength is refused in microseconds instead of
    /// exhausting memory. Raise it with <see cref="PowderOptions.MaxReflections"/> (CLI: --max-reflections; 0 = none).
    /// </summary>
    public const long DefaultMaxReflections = 2_000_000;

    /// <summary>(4π/3) · V · (1/d_min)³ with 1/d_min = 2 sin(θmax) / λ.</summary>
    public static double Estimate(Lattice lattice, double twoThetaMaxDegrees, double wavelengthAngstrom)
    {
        var inverseDMin = 2.0 * Math.Sin(twoThetaMaxDegrees * Math.PI / 360.0) / wavelengthAngstrom;
        return 4.0 * Math.PI / 3.0 * lattice.Volume * inverseDMin * inverseDMin * inverseDMin;
    }

    /// <summary>Throws when the estimate for this cell and range exceeds <paramref name="maxReflections"/> (0 = no limit).</summary>
    public static void Check(Lattice lattice, double twoThetaMaxDegrees, double wavelengthAngstrom, long maxReflections)
    {
        if (maxReflections <= 0) return;
        var estimate = Estimate(lattice, twoThetaMaxDegrees, wavelengthAngstrom);
        if (!(estimate <= maxReflections))
            throw TooMany(estimate, lattice, twoThetaMaxDegrees, wavelengthAngstrom, maxReflections);
    }

    internal static DiffractionException TooMany(double count, Lattice lattice, double twoThetaMaxDegrees, double wavelengthAngstrom, long maxReflections)
    {
        var dMin = wavelengthAngstrom / (2.0 * Math.Sin(twoThetaMaxDegrees * Math.PI / 360.0));
        var reason = string.Format(CultureInfo.InvariantCulture,
            "about {0:G3} reflections up to 2θ = {1:0.###}° (cell volume {2:G4} Å³, d_min = {3:G4} Å) exceed the limit of {4}; raise it with --max-reflections (PowderOptions.MaxReflections) if this is intended",
            count, twoThetaMaxDegrees, lattice.Volume, dMin, maxReflections);
        return new DiffractionException(reason);
    }
}
