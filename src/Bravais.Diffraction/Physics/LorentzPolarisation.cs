namespace Bravais.Diffraction.Physics;

/// <summary>
/// The Lorentz–polarisation factor of an unpolarised laboratory powder experiment without monochromator,
/// LP(θ) = (1 + cos² 2θ) / (sin² θ · cos θ), as pymatgen's XRDCalculator applies it.
/// </summary>
public static class LorentzPolarisation
{
    /// <summary>LP from sin θ (0 &lt; sin θ &lt; 1); uses cos 2θ = 1 − 2 sin² θ so no trigonometric call is needed.</summary>
    public static double FromSinTheta(double sinTheta)
    {
        var s2 = sinTheta * sinTheta;
        var cos2Theta = 1.0 - 2.0 * s2;
        return (1.0 + cos2Theta * cos2Theta) / (s2 * Math.Sqrt(1.0 - s2));
    }

    /// <summary>LP at a scattering angle 2θ in degrees.</summary>
    public static double FromTwoThetaDegrees(double twoThetaDegrees) =>
        FromSinTheta(Math.Sin(twoThetaDegrees * Math.PI / 360.0));
}
