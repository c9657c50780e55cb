using System.Numerics.Tensors;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// The peak shape of the fit: an area-normalised pseudo-Voigt η·L + (1 − η)·G (both of FWHM H) whose width follows
/// Caglioti, H² = U tan²θ + V tanθ + W (degrees², floored at 0.005° FWHM), at positions moved by a zero shift and a
/// sample displacement (observed 2θ = 2θ(d) + <see cref="ZeroDegrees"/> + <see cref="DisplacementDegrees"/>·cos θ).
/// </summary>
internal readonly record struct ProfileShape(double ZeroDegrees, double U, double V, double W, double Eta, double DisplacementDegrees = 0)
{
    /// <summary>Where a reflection computed at <paramref name="twoThetaDegrees"/> is observed.</summary>
    public double Observed(double twoThetaDegrees) => twoThetaDegrees + ZeroDegrees + DisplacementDegrees * Math.Cos(twoThetaDegrees * Math.PI / 360);

    public const double MinFwhmDegrees = 0.005;

    public double Fwhm(double twoThetaDegrees)
    {
        var t = Math.Tan(twoThetaDegrees * Math.PI / 360);
        var h2 = U * t * t + V * t + W;
        return Math.Max(Math.Sqrt(Math.Max(h2, 0)), MinFwhmDegrees);
    }

    /// <summary>Unit-area pseudo-Voigt at offset <paramref name="dx"/> (degrees) for FWHM <paramref name="fwhm"/>.</summary>
    public static double Value(double dx, double fwhm, double eta)
    {
        var x = 2 * dx / fwhm;
        var x2 = x * x;
        const double gaussNorm = 0.9394372786996513; // 2√(ln 2 / π)
        const double lorentzNorm = 0.6366197723675814; // 2 / π
        return (eta * lorentzNorm / (1 + x2) + (1 - eta) * gaussNorm * Math.Exp(-0.6931471805599453 * x2)) / fwhm;
    }

    /// <summary>
    /// The pseudo-Voigt cut off at <paramref name="reach"/> FWHM each side, lowered by its value there so that it
    /// goes to zero continuously (a profile that jumped at the edge of its window would make χ² jump whenever a point
    /// entered or left it, which stalls the refinement); it then integrates to a little less than 1, the same fraction
    /// for every peak of equal η.
    /// </summary>
    public static double Truncated(double dx, double fwhm, double eta, double reach) =>
        Math.Abs(dx) >= reach * fwhm ? 0 : Value(dx, fwhm, eta) - Value(reach * fwhm, fwhm, eta);

    /// <summary><see cref="Truncated"/> and its derivatives with respect to the offset, the FWHM and η.</summary>
    public static (double Value, double DOffset, double DFwhm, double DEta) TruncatedAndDerivatives(double dx, double fwhm, double eta, double reach)
    {
        if (Math.Abs(dx) >= reach * fwhm) return (0, 0, 0, 0);
        var (v, dOffset, dFwhm, dEta) = ValueAndDerivatives(dx, fwhm, eta);
        // the edge value E(H, η) = PV(R·H; H, η) scales as 1/H: dE/dH = −E/H
        var (edge, _, _, edgeEta) = ValueAndDerivatives(reach * fwhm, fwhm, eta);
        return (v - edge, dOffset, dFwhm + edge / fwhm, dEta - edgeEta);
    }

    /// <summary>The unit-area pseudo-Voigt and its derivatives with respect to the offset, the FWHM and η.</summary>
    public static (double Value, double DOffset, double DFwhm, double DEta) ValueAndDerivatives(double dx, double fwhm, double eta)
    {
        const double gaussNorm = 0.9394372786996513, lorentzNorm = 0.6366197723675814, ln2 = 0.6931471805599453;
        var x = 2 * dx / fwhm;
        var x2 = x * x;
        var lorentz = lorentzNorm / (1 + x2) / fwhm;
        var gauss = gaussNorm * Math.Exp(-ln2 * x2) / fwhm;
        var value = eta * lorentz + (1 - eta) * gauss;
        // d/dx of the shapes (x = 2dx/H): L' = −2x/(1+x²)·L, G' = −2 ln2 x·G, each times dx/d(offset) = 2/H
        var dLdx = -2 * x / (1 + x2) * lorentz;
        var dGdx = -2 * ln2 * x * gauss;
        var dOffset = (eta * dLdx + (1 - eta) * dGdx) * 2 / fwhm;
        // d/dH: shape(x(H))/H with dx/dH = −x/H, so d/dH = (−x·shape'(x) − shape)/H
        var dFwhm = (eta * (-x * dLdx - lorentz) + (1 - eta) * (-x * dGdx - gauss)) / fwhm;
        return (value, dOffset, dFwhm, lorentz - gauss);
    }

    /// <summary>
    /// Adds <paramref name="weight"/> × <see cref="Truncated"/> at the offsets <paramref name="dx"/> (all inside the
    /// window) to <paramref name="output"/>: the vectorised form of the inner loop of the fit.
    /// </summary>
    public static void AddTruncated(ReadOnlySpan<double> dx, double fwhm, double eta, double reach, double weight, Span<double> output)
    {
        const double gaussNorm = 0.9394372786996513, lorentzNorm = 0.6366197723675814, ln2 = 0.6931471805599453;
        var n = dx.Length;
        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent(2 * n);
        try
        {
            Span<double> x2 = buffer.AsSpan(0, n), g = buffer.AsSpan(n, n);
            TensorPrimitives.Multiply(dx, 2 / fwhm, x2);
            TensorPrimitives.Multiply(x2, x2, x2);
            TensorPrimitives.Multiply(x2, -ln2, g);
            TensorPrimitives.Exp(g, g);
            TensorPrimitives.Add(x2, 1.0, x2);
            TensorPrimitives.Divide(1.0, x2, x2);
            var edge = weight * Value(reach * fwhm, fwhm, eta);
            // output += weight·(η c_L/H · l + (1 − η) c_G/H · g) − edge
            TensorPrimitives.MultiplyAdd(x2, weight * eta * lorentzNorm / fwhm, output, output);
            TensorPrimitives.MultiplyAdd(g, weight * (1 - eta) * gaussNorm / fwhm, output, output);
            TensorPrimitives.Subtract(output, edge, output);
        }
        finally { System.Buffers.ArrayPool<double>.Shared.Return(buffer); }
    }

    /// <summary>
    /// The derivatives of <see cref="Truncated"/> at the offsets <paramref name="dx"/> with respect to the offset, the FWHM
    /// and η, vectorised (<paramref name="dOffset"/>, <paramref name="dFwhm"/>, <paramref name="dEta"/> are overwritten).
    /// </summary>
    public static void TruncatedDerivatives(ReadOnlySpan<double> dx, double fwhm, double eta, double reach, Span<double> dOffset, Span<double> dFwhm, Span<double> dEta)
    {
        const double gaussNorm = 0.9394372786996513, lorentzNorm = 0.6366197723675814, ln2 = 0.6931471805599453;
        var n = dx.Length;
        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent(4 * n);
        try
        {
            Span<double> x = buffer.AsSpan(0, n), l = buffer.AsSpan(n, n), g = buffer.AsSpan(2 * n, n), t = buffer.AsSpan(3 * n, n);
            TensorPrimitives.Multiply(dx, 2 / fwhm, x);
            TensorPrimitives.Multiply(x, x, t);                                   // x²
            TensorPrimitives.Multiply(t, -ln2, g);
            TensorPrimitives.Exp(g, g);
            TensorPrimitives.Multiply(g, gaussNorm / fwhm, g);                   // G
            TensorPrimitives.Add(t, 1.0, t);
            TensorPrimitives.Divide(1.0, t, t);                                   // 1/(1 + x²)
            TensorPrimitives.Multiply(t, lorentzNorm / fwhm, l);                  // L
            // dL/dx = −2x/(1+x²)·L, dG/dx = −2 ln2 x·G; dOffset = (η L' + (1−η) G')·2/H
            TensorPrimitives.Multiply(x, t, t);                                   // x/(1+x²)
            TensorPrimitives.Multiply(t, l, t);
            TensorPrimitives.Multiply(t, -2.0, t);                                // L'
            TensorPrimitives.Multiply(x, g, dEta);
            TensorPrimitives.Multiply(dEta, -2 * ln2, dEta);                      // G' (dEta as scratch)
            TensorPrimitives.Multiply(t, eta * 2 / fwhm, dOffset);
            TensorPrimitives.MultiplyAdd(dEta, (1 - eta) * 2 / fwhm, dOffset, dOffset);
            // dFwhm = (η(−x L' − L) + (1−η)(−x G' − G))/H + E/H
            TensorPrimitives.Multiply(x, t, t);
            TensorPrimitives.Add(t, l, t);                                        // x L' + L
            TensorPrimitives.Multiply(x, dEta, dEta);
            TensorPrimitives.Add(dEta, g, dEta);                                  // x G' + G
            TensorPrimitives.Multiply(t, -eta / fwhm, dFwhm);
            TensorPrimitives.MultiplyAdd(dEta, -(1 - eta) / fwhm, dFwhm, dFwhm);
            var (edge, _, _, edgeEta) = ValueAndDerivatives(reach * fwhm, fwhm, eta);
            TensorPrimitives.Add(dFwhm, edge / fwhm, dFwhm);
            // dEta = L − G − dE/dη
            TensorPrimitives.Subtract(l, g, dEta);
            TensorPrimitives.Subtract(dEta, edgeEta, dEta);
        }
        finally { System.Buffers.ArrayPool<double>.Shared.Return(buffer); }
    }

    /// <summary>Lorentz–polarisation factor (1 + cos² 2θ) / (sin² θ cos θ) of an unpolarised beam without monochromator.</summary>
    public static double LorentzPolarisation(double twoThetaDegrees)
    {
        var theta = twoThetaDegrees * Math.PI / 360;
        var c2 = Math.Cos(2 * theta);
        var s = Math.Sin(theta);
        return (1 + c2 * c2) / (s * s * Math.Cos(theta));
    }

    /// <summary>2θ (degrees) of a reflection with 1/d² = <paramref name="q"/>, NaN beyond 180°.</summary>
    public static double TwoTheta(double q, double wavelengthAngstrom)
    {
        var s = wavelengthAngstrom * Math.Sqrt(q) / 2;
        return s >= 1 ? double.NaN : 2 * Math.Asin(s) * 180 / Math.PI;
    }
}
