using Bravais.Diffraction.Measured;

namespace Bravais.Analysis.Peaks;

/// <summary>
/// The lines of the incident radiation that make each reflection: the primary line (Kα1, or the only line of a
/// monochromated or synchrotron beam) and, for a tube without monochromator, the Kα2 twin at
/// <see cref="SecondaryRatio"/> of the primary's intensity. The only place in peak search and indexing that turns a
/// wavelength into lines; the numbers come from <see cref="Anodes"/> (the project's one table of anode lines).
/// </summary>
public sealed record EmissionLines(double PrimaryAngstrom, double? SecondaryAngstrom, double SecondaryRatio)
{
    /// <summary>How close (Å) a stated wavelength must be to an anode's Kα mean to be read as an unresolved Kα1/Kα2 doublet.</summary>
    public const double DoubletMatchAngstrom = 6e-4;

    /// <summary>One line only.</summary>
    public static EmissionLines Single(double wavelengthAngstrom) => new(wavelengthAngstrom, null, 0);

    /// <summary>Kα1 and Kα2 of an anode (ratio <see cref="Anode.KAlpha2Ratio"/>).</summary>
    public static EmissionLines Doublet(Anode anode) => new(anode.KAlpha1Angstrom, anode.KAlpha2Angstrom, Anode.KAlpha2Ratio);

    /// <summary>Cu Kα1 + Kα2.</summary>
    public static EmissionLines CopperKAlpha => Doublet(Anodes.Find("Cu")!);

    public bool IsDoublet => SecondaryAngstrom is not null;

    /// <summary>
    /// The lines behind a wavelength as files and users state it: the Kα mean of an anode (1.5418 for Cu; also
    /// pymatgen's 1.54184) means the unresolved doublet; anything else, including Kα1 alone, one line.
    /// </summary>
    public static EmissionLines ForWavelength(double wavelengthAngstrom)
    {
        foreach (var anode in Anodes.All)
        {
            var mean = anode.KAlphaMeanAngstrom;
            if (Math.Abs(wavelengthAngstrom - mean) <= DoubletMatchAngstrom) return Doublet(anode);
        }
        return Single(wavelengthAngstrom);
    }

    /// <summary>2θ (degrees) of the secondary line of a reflection whose primary line is at <paramref name="primaryTwoThetaDegrees"/>; NaN when single or unreachable.</summary>
    public double SecondaryTwoThetaDegrees(double primaryTwoThetaDegrees)
    {
        if (SecondaryAngstrom is not double l2) return double.NaN;
        var s = l2 / PrimaryAngstrom * Math.Sin(primaryTwoThetaDegrees * Math.PI / 360);
        return s >= 1 ? double.NaN : 360 / Math.PI * Math.Asin(s);
    }

    /// <summary>d(2θ_secondary)/d(2θ_primary) at a primary position: how the twin moves with its parent.</summary>
    public double SecondaryDerivative(double primaryTwoThetaDegrees)
    {
        if (SecondaryAngstrom is not double l2) return 0;
        var theta1 = primaryTwoThetaDegrees * Math.PI / 360;
        var s = l2 / PrimaryAngstrom * Math.Sin(theta1);
        return s >= 1 ? 0 : l2 / PrimaryAngstrom * Math.Cos(theta1) / Math.Sqrt(1 - s * s);
    }

    public override string ToString() => SecondaryAngstrom is double l2
        ? FormattableString.Invariant($"λ1 {PrimaryAngstrom:0.######} Å + λ2 {l2:0.######} Å (×{SecondaryRatio:0.##})")
        : FormattableString.Invariant($"λ {PrimaryAngstrom:0.######} Å");
}
