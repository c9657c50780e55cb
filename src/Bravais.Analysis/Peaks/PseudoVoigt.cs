namespace Bravais.Analysis.Peaks;

/// <summary>
/// The area-normalised pseudo-Voigt profile η·L + (1 − η)·G with one full width at half maximum Γ for both parts
/// (Wertheim et al. 1974): G = (2/Γ)√(ln2/π)·exp(−4 ln2 u²), L = (2/πΓ)/(1 + 4u²), u = (x − x₀)/Γ. Its integral over x
/// is 1, so a peak's amplitude parameter is its integrated intensity. <see cref="Evaluate"/> also gives the partial
/// derivatives used by the profile fit.
/// </summary>
public static class PseudoVoigt
{
    private const double Ln2 = 0.69314718055994531;
    private static readonly double GaussNorm = 2 * Math.Sqrt(Ln2 / Math.PI);
    private const double LorentzNorm = 2 / Math.PI;

    /// <summary>Peak height per unit area: the value at x₀ of the normalised profile.</summary>
    public static double HeightPerArea(double fwhm, double eta) => (eta * LorentzNorm + (1 - eta) * GaussNorm) / fwhm;

    /// <summary>The normalised profile at x.</summary>
    public static double Value(double x, double x0, double fwhm, double eta)
    {
        var u = (x - x0) / fwhm;
        var u2 = u * u;
        return (eta * LorentzNorm / (1 + 4 * u2) + (1 - eta) * GaussNorm * Math.Exp(-4 * Ln2 * u2)) / fwhm;
    }

    /// <summary>The normalised profile at x and its derivatives with respect to x₀, Γ and η.</summary>
    public static double Evaluate(double x, double x0, double fwhm, double eta, out double dX0, out double dFwhm, out double dEta)
    {
        var u = (x - x0) / fwhm;
        var u2 = u * u;
        var g = GaussNorm * Math.Exp(-4 * Ln2 * u2) / fwhm;
        var denominator = 1 + 4 * u2;
        var l = LorentzNorm / (denominator * fwhm);
        var dgdx0 = g * 8 * Ln2 * u / fwhm;
        var dgdw = g * (8 * Ln2 * u2 - 1) / fwhm;
        var dldx0 = l * 8 * u / (fwhm * denominator);
        var dldw = l * (8 * u2 / denominator - 1) / fwhm;
        dX0 = eta * dldx0 + (1 - eta) * dgdx0;
        dFwhm = eta * dldw + (1 - eta) * dgdw;
        dEta = l - g;
        return eta * l + (1 - eta) * g;
    }
}
