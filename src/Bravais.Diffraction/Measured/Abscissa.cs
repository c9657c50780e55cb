namespace Bravais.Diffraction.Measured;

/// <summary>What the first column of a measured file holds.</summary>
public enum Abscissa
{
    /// <summary>Scattering angle 2θ in degrees (the usual lab diffractometer output).</summary>
    TwoThetaDegrees,
    /// <summary>Momentum transfer Q = 4π sin θ / λ in Å⁻¹ (synchrotron, total-scattering files).</summary>
    QInverseAngstrom,
    /// <summary>Interplanar spacing d in Å (time-of-flight neutron, reduced data).</summary>
    DSpacingAngstrom,
}

public static class Abscissas
{
    public static bool TryParse(string text, out Abscissa abscissa)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "2theta" or "twotheta" or "2th" or "tth" or "angle" or "deg": abscissa = Abscissa.TwoThetaDegrees; return true;
            case "q": abscissa = Abscissa.QInverseAngstrom; return true;
            case "d" or "dspacing" or "d-spacing": abscissa = Abscissa.DSpacingAngstrom; return true;
            default: abscissa = default; return false;
        }
    }

    public static Abscissa Parse(string text) =>
        TryParse(text, out var a) ? a : throw new DiffractionException($"unknown abscissa '{text}' (expected 2theta, q or d)");
}
