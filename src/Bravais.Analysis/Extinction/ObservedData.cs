namespace Bravais.Analysis.Extinction;

/// <summary>
/// One observed peak: position (2θ, degrees, as measured, zero shift included), integrated intensity (any consistent
/// unit, Kα1 + Kα2 together when the doublet is present), its estimated standard deviation when known, the FWHM
/// (degrees 2θ) and the position's esd when known.
/// </summary>
public sealed record ObservedPeak(double TwoThetaDegrees, double Intensity, double FwhmDegrees, double? IntensityEsd = null, double? TwoThetaEsdDegrees = null);

/// <summary>
/// A background-subtracted powder pattern: 2θ (degrees, increasing), intensity (counts or any linear unit) and, when
/// known, the standard deviation of each point (counting statistics of the raw counts, background included);
/// without it the noise is estimated from the fit.
/// </summary>
public sealed record ObservedPattern(double[] TwoThetaDegrees, double[] Intensity, double[]? Sigma = null)
{
    internal void Validate()
    {
        if (TwoThetaDegrees.Length != Intensity.Length)
            throw new AnalysisException($"pattern has {TwoThetaDegrees.Length} angles but {Intensity.Length} intensities");
        if (Sigma is not null && Sigma.Length != Intensity.Length)
            throw new AnalysisException($"pattern has {Intensity.Length} intensities but {Sigma.Length} standard deviations");
        if (TwoThetaDegrees.Length < 20) throw new AnalysisException($"pattern has only {TwoThetaDegrees.Length} points");
        for (var i = 0; i < TwoThetaDegrees.Length; i++)
        {
            if (!double.IsFinite(TwoThetaDegrees[i]) || !double.IsFinite(Intensity[i]))
                throw new AnalysisException($"pattern point {i + 1}: 2θ or intensity is not a finite number");
            if (i > 0 && !(TwoThetaDegrees[i] > TwoThetaDegrees[i - 1]))
                throw new AnalysisException($"pattern point {i + 1}: 2θ {TwoThetaDegrees[i]} does not increase");
            if (Sigma is not null && !(Sigma[i] > 0)) throw new AnalysisException($"pattern point {i + 1}: σ {Sigma[i]} must be positive");
        }
        if (TwoThetaDegrees[0] <= 0 || TwoThetaDegrees[^1] >= 180) throw new AnalysisException("pattern 2θ must lie strictly between 0 and 180°");
    }
}
