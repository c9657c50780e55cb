namespace Bravais.Diffraction.Physics;

/// <summary>Bragg's law, λ = 2 d sin θ, and the Q = 4π sin θ / λ = 2π / d relations, in degrees and Å.</summary>
public static class Bragg
{
    private const double DegreesToRadians = Math.PI / 180;

    public static double DSpacingAngstrom(double twoThetaDegrees, double wavelengthAngstrom) =>
        wavelengthAngstrom / (2 * Math.Sin(twoThetaDegrees * DegreesToRadians / 2));

    /// <summary>2θ (degrees) of spacing d at wavelength λ, or NaN when λ/2d &gt; 1 (not reachable).</summary>
    public static double TwoThetaDegrees(double dSpacingAngstrom, double wavelengthAngstrom)
    {
        var s = wavelengthAngstrom / (2 * dSpacingAngstrom);
        return s is > 1 or <= 0 ? double.NaN : 2 * Math.Asin(s) / DegreesToRadians;
    }

    /// <summary>θ (radians, half the scattering angle) of spacing d at wavelength λ, or NaN when λ/2d &gt; 1.</summary>
    public static double ThetaRadians(double dSpacingAngstrom, double wavelengthAngstrom)
    {
        var s = wavelengthAngstrom / (2 * dSpacingAngstrom);
        return s is > 1 or <= 0 ? double.NaN : Math.Asin(s);
    }

    /// <summary>1/d (Å⁻¹) = 2 sin θ / λ of a reflection seen at 2θ (degrees).</summary>
    public static double InverseDSpacing(double twoThetaDegrees, double wavelengthAngstrom) =>
        2.0 * Math.Sin(twoThetaDegrees * Math.PI / 360.0) / wavelengthAngstrom;

    public static double QInverseAngstrom(double twoThetaDegrees, double wavelengthAngstrom) =>
        4 * Math.PI * Math.Sin(twoThetaDegrees * DegreesToRadians / 2) / wavelengthAngstrom;

    /// <summary>2θ (degrees) at wavelength λ₂ of a reflection seen at 2θ₁ with wavelength λ₁ (same d).</summary>
    public static double ConvertTwoTheta(double twoThetaDegrees, double fromWavelengthAngstrom, double toWavelengthAngstrom) =>
        TwoThetaDegrees(DSpacingAngstrom(twoThetaDegrees, fromWavelengthAngstrom), toWavelengthAngstrom);
}
