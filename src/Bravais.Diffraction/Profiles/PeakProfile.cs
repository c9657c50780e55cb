using System.Globalization;
using System.Text.Json.Serialization;

namespace Bravais.Diffraction.Profiles;

/// <summary>
/// The shape a stick is smeared into, as a function of the offset Δ = 2θ − 2θ_k (degrees). Shapes are
/// height-normalised (value 1 at Δ = 0); <see cref="AreaPerHeight"/> converts to unit area.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "shape")]
[JsonDerivedType(typeof(GaussianProfile), "gaussian")]
[JsonDerivedType(typeof(LorentzianProfile), "lorentzian")]
[JsonDerivedType(typeof(PseudoVoigtProfile), "pseudo-voigt")]
public abstract record PeakProfile
{
    /// <summary>Full width at half maximum (degrees 2θ) of a peak at <paramref name="twoThetaDegrees"/>.</summary>
    public abstract double FwhmDegrees(double twoThetaDegrees);

    /// <summary>Height-normalised value at offset Δ (degrees) for a peak at <paramref name="twoThetaDegrees"/>.</summary>
    public abstract double Value(double offsetDegrees, double twoThetaDegrees);

    /// <summary>Integral over Δ of the height-normalised shape (degrees), for area normalisation.</summary>
    public abstract double AreaPerHeight(double twoThetaDegrees);

    /// <summary>Offset (degrees) beyond which the shape is below <paramref name="relative"/> of its height; infinity when it never is.</summary>
    public abstract double Reach(double twoThetaDegrees, double relative);

    protected static readonly double FwhmPerSigma = 2.0 * Math.Sqrt(2.0 * Math.Log(2.0));
}

/// <summary>Gaussian exp(−Δ²/(2σ²)); FWHM = 2√(2 ln 2) σ ≈ 2.3548 σ.</summary>
public sealed record GaussianProfile : PeakProfile
{
    public double SigmaDegrees { get; }

    public GaussianProfile(double sigmaDegrees)
    {
        if (!(sigmaDegrees > 0) || !double.IsFinite(sigmaDegrees)) throw new DiffractionException($"Gaussian σ must be positive, not {sigmaDegrees}");
        SigmaDegrees = sigmaDegrees;
    }

    public static GaussianProfile FromFwhm(double fwhmDegrees) => new(fwhmDegrees / FwhmPerSigma);

    public override double FwhmDegrees(double twoThetaDegrees) => SigmaDegrees * FwhmPerSigma;
    public override double Value(double offsetDegrees, double twoThetaDegrees) =>
        Math.Exp(-offsetDegrees * offsetDegrees / (2.0 * SigmaDegrees * SigmaDegrees));
    public override double AreaPerHeight(double twoThetaDegrees) => SigmaDegrees * Math.Sqrt(2.0 * Math.PI);
    public override double Reach(double twoThetaDegrees, double relative) => SigmaDegrees * Math.Sqrt(-2.0 * Math.Log(relative));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Gaussian σ = {SigmaDegrees}°");
}

/// <summary>Lorentzian 1 / (1 + (2Δ/Γ)²) with FWHM Γ.</summary>
public sealed record LorentzianProfile : PeakProfile
{
    public double Fwhm { get; }

    public LorentzianProfile(double fwhm)
    {
        if (!(fwhm > 0) || !double.IsFinite(fwhm)) throw new DiffractionException($"Lorentzian FWHM must be positive, not {fwhm}");
        Fwhm = fwhm;
    }

    public override double FwhmDegrees(double twoThetaDegrees) => Fwhm;
    public override double Value(double offsetDegrees, double twoThetaDegrees)
    {
        var x = 2.0 * offsetDegrees / Fwhm;
        return 1.0 / (1.0 + x * x);
    }
    public override double AreaPerHeight(double twoThetaDegrees) => Math.PI * Fwhm / 2.0;
    public override double Reach(double twoThetaDegrees, double relative) => Fwhm / 2.0 * Math.Sqrt(1.0 / relative - 1.0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Lorentzian FWHM = {Fwhm}°");
}

/// <summary>
/// Pseudo-Voigt η·L + (1 − η)·G, both parts with the same FWHM H from the Caglioti relation
/// H² = U tan²θ + V tanθ + W (degrees², θ = half the scattering angle). 0 ≤ η ≤ 1.
/// </summary>
public sealed record PseudoVoigtProfile : PeakProfile
{
    public double U { get; }
    public double V { get; }
    public double W { get; }
    public double Eta { get; }

    public PseudoVoigtProfile(double u, double v, double w, double eta)
    {
        if (!(eta >= 0 && eta <= 1)) throw new DiffractionException($"pseudo-Voigt mixing η must lie in [0, 1], not {eta}");
        if (!double.IsFinite(u) || !double.IsFinite(v) || !double.IsFinite(w)) throw new DiffractionException("Caglioti U, V, W must be finite");
        (U, V, W, Eta) = (u, v, w, eta);
    }

    public override double FwhmDegrees(double twoThetaDegrees)
    {
        var t = Math.Tan(twoThetaDegrees * Math.PI / 360.0);
        var h2 = U * t * t + V * t + W;
        if (!(h2 > 0)) throw new DiffractionException(FormattableString.Invariant($"Caglioti U={U}, V={V}, W={W} give no positive width at 2θ = {twoThetaDegrees:0.###}°"));
        return Math.Sqrt(h2);
    }

    public override double Value(double offsetDegrees, double twoThetaDegrees)
    {
        var h = FwhmDegrees(twoThetaDegrees);
        var x = 2.0 * offsetDegrees / h;
        var lorentz = 1.0 / (1.0 + x * x);
        var gauss = Math.Exp(-Math.Log(2.0) * x * x);
        return Eta * lorentz + (1.0 - Eta) * gauss;
    }

    public override double AreaPerHeight(double twoThetaDegrees)
    {
        var h = FwhmDegrees(twoThetaDegrees);
        return Eta * Math.PI * h / 2.0 + (1.0 - Eta) * h / FwhmPerSigma * Math.Sqrt(2.0 * Math.PI);
    }

    public override double Reach(double twoThetaDegrees, double relative)
    {
        var h = FwhmDegrees(twoThetaDegrees);
        return Eta > 0 ? h / 2.0 * Math.Sqrt(Eta / relative) + h : h / FwhmPerSigma * Math.Sqrt(-2.0 * Math.Log(relative));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"pseudo-Voigt U = {U}, V = {V}, W = {W} deg², η = {Eta}");
}
