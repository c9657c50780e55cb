using Bravais.Diffraction.Measured;
using Bravais.Diffraction.Physics;

namespace Bravais.Analysis.Cleaning;

/// <summary>
/// Rachinger (1948) Kα2 stripping: each reflection seen at 2θ₁ with Kα1 has a Kα2 twin at 2θ₂ with
/// sin θ₂ = (λ₂/λ₁) sin θ₁ and R ≈ 0.5 of its intensity. Going up in angle,
/// I₁(2θ) = I(2θ) − R · I₁(2θ₁(2θ)), where 2θ₁(2θ) is where the Kα1 line sits whose Kα2 falls at 2θ; I₁ there
/// is interpolated from values already stripped. The result is the Kα1-only pattern (wavelength λ₁).
/// </summary>
public static class KAlpha2Stripping
{
    public static double[] Strip(ReadOnlySpan<double> twoThetaDegrees, ReadOnlySpan<double> intensity,
        double kAlpha1Angstrom, double kAlpha2Angstrom, double ratio = Anode.KAlpha2Ratio)
    {
        var n = intensity.Length;
        var result = new double[n];
        var j = 0; // moving lower bracket for the interpolation
        for (var i = 0; i < n; i++)
        {
            var origin = Bragg.ConvertTwoTheta(twoThetaDegrees[i], kAlpha2Angstrom, kAlpha1Angstrom);
            double alpha1 = 0;
            if (origin >= twoThetaDegrees[0])
            {
                while (j + 1 < i && twoThetaDegrees[j + 1] <= origin) j++;
                if (j + 1 <= i && j < i)
                {
                    var x0 = twoThetaDegrees[j]; var x1 = twoThetaDegrees[j + 1];
                    var t = x1 > x0 ? Math.Clamp((origin - x0) / (x1 - x0), 0, 1) : 0;
                    // the upper bracket may be the current point itself (doublet closer than one step): use only known values
                    alpha1 = j + 1 < i ? result[j] + t * (result[j + 1] - result[j]) : result[j];
                }
            }
            result[i] = intensity[i] - ratio * alpha1;
        }
        return result;
    }
}
