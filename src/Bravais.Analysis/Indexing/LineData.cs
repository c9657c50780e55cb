namespace Bravais.Analysis.Indexing;

/// <summary>
/// The observed lines as the indexing works with them, lowest angle first: 2θ (degrees), Q = 1/d² (Å⁻²) at zero
/// correction, dQ/d2θ (Å⁻² per degree), the position tolerance (degrees) and the index of the peak in the input.
/// Zero shift z and sample displacement s follow 2θ_obs = 2θ_true + z − s·cos θ.
/// </summary>
public sealed class LineData
{
    public int Count { get; }
    public double WavelengthAngstrom { get; }
    public double[] TwoThetaDegrees { get; }
    public double[] Q { get; }
    public double[] Slope { get; }
    public double[] CosTheta { get; }
    public double[] ToleranceDegrees { get; }
    public int[] PeakIndex { get; }

    private LineData(double wavelength, double[] twoTheta, double[] tolerance, int[] peakIndex)
    {
        WavelengthAngstrom = wavelength;
        Count = twoTheta.Length;
        TwoThetaDegrees = twoTheta;
        ToleranceDegrees = tolerance;
        PeakIndex = peakIndex;
        Q = new double[Count];
        Slope = new double[Count];
        CosTheta = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            Q[i] = QOf(twoTheta[i], wavelength);
            Slope[i] = SlopeOf(twoTheta[i], wavelength);
            CosTheta[i] = Math.Cos(twoTheta[i] * Math.PI / 360);
        }
    }

    /// <summary>The first <paramref name="maxLines"/> peaks by angle (unreachable or non-positive angles dropped), with tolerance max(base, 3 esd).</summary>
    public static LineData From(IReadOnlyList<ObservedPeak> peaks, double wavelengthAngstrom, int maxLines, double toleranceDegrees)
    {
        var order = Enumerable.Range(0, peaks.Count)
            .Where(i => peaks[i].TwoThetaDegrees > 0 && peaks[i].TwoThetaDegrees < 180 && double.IsFinite(peaks[i].TwoThetaDegrees))
            .OrderBy(i => peaks[i].TwoThetaDegrees).Take(maxLines).ToArray();
        return new LineData(wavelengthAngstrom,
            order.Select(i => peaks[i].TwoThetaDegrees).ToArray(),
            order.Select(i => Math.Max(toleranceDegrees, 3 * peaks[i].EsdDegrees)).ToArray(),
            order);
    }

    /// <summary>The first <paramref name="count"/> lines.</summary>
    public LineData Take(int count) => count >= Count ? this
        : new LineData(WavelengthAngstrom, TwoThetaDegrees[..count], ToleranceDegrees[..count], PeakIndex[..count]);

    /// <summary>Q of line i after removing zero shift and displacement (exact, not linearised).</summary>
    public double QCorrected(int i, double zeroDegrees, double displacementDegrees) =>
        QOf(TwoThetaDegrees[i] - zeroDegrees + displacementDegrees * CosTheta[i], WavelengthAngstrom);

    public static double QOf(double twoThetaDegrees, double wavelength)
    {
        var s = 2 * Math.Sin(twoThetaDegrees * Math.PI / 360) / wavelength;
        return s * s;
    }

    /// <summary>dQ/d(2θ) per degree: (2/λ²)·sin 2θ·π/180.</summary>
    public static double SlopeOf(double twoThetaDegrees, double wavelength) =>
        2 / (wavelength * wavelength) * Math.Sin(twoThetaDegrees * Math.PI / 180) * Math.PI / 180;

    /// <summary>2θ (degrees) of a Q, NaN beyond reach.</summary>
    public double TwoThetaOf(double q)
    {
        var s = Math.Sqrt(Math.Max(q, 0)) * WavelengthAngstrom / 2;
        return s > 1 ? double.NaN : 360 / Math.PI * Math.Asin(s);
    }
}
