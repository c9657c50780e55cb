using Bravais.Diffraction.Physics;

namespace Bravais.Analysis.Peaks;

/// <summary>
/// What peak search needs of a <see cref="Radiation"/>: its primary line (Kα1 of a doublet, or the only line), the
/// secondary line (Kα2) with its intensity relative to the primary, and where the secondary line of a reflection falls.
/// The lines themselves come from <see cref="Radiation"/> and its one table, <see cref="Anodes"/>.
/// </summary>
public static class RadiationLines
{
    /// <summary>How close (Å) a stated single wavelength must be to an anode's Kα mean to be read as the unresolved Kα1/Kα2 doublet.</summary>
    public const double DoubletMatchAngstrom = 6e-4;

    /// <summary>
    /// The lines behind a radiation as files and users state it: a single wavelength at an anode's Kα mean (RRUFF's
    /// 1.5418 for Cu; pymatgen's 1.54184) is that anode's unresolved Kα doublet; anything else, including Kα1 alone, is
    /// taken as it is.
    /// </summary>
    public static Radiation ForPeakSearch(Radiation radiation)
    {
        if (radiation.IsDoublet) return radiation;
        foreach (var anode in Anodes.All)
            if (Math.Abs(radiation.WavelengthAngstrom - anode.KAlphaAngstrom) <= DoubletMatchAngstrom)
                return Radiation.FromName(anode.Element + "Ka");
        return radiation;
    }

    extension(Radiation radiation)
    {
        /// <summary>The primary (strongest) line's wavelength, Å: the wavelength peak positions and d-spacings refer to.</summary>
        public double PrimaryAngstrom => radiation.PrimaryLine.WavelengthAngstrom;

        /// <summary>The second strongest line's wavelength (Kα2), Å, or null for one line.</summary>
        public double? SecondaryAngstrom => Secondary(radiation) is { } s ? s.WavelengthAngstrom : null;

        /// <summary>The second line's intensity relative to the primary's (0 for one line).</summary>
        public double SecondaryRatio => Secondary(radiation) is { } s ? s.RelativeIntensity / radiation.PrimaryLine.RelativeIntensity : 0;

        /// <summary>2θ (degrees) of the secondary line of a reflection whose primary line is at <paramref name="primaryTwoThetaDegrees"/>; NaN when single or unreachable.</summary>
        public double SecondaryTwoThetaDegrees(double primaryTwoThetaDegrees)
        {
            if (radiation.SecondaryAngstrom is not double l2) return double.NaN;
            var s = l2 / radiation.PrimaryAngstrom * Math.Sin(primaryTwoThetaDegrees * Math.PI / 360);
            return s >= 1 ? double.NaN : 360 / Math.PI * Math.Asin(s);
        }

        /// <summary>d(2θ_secondary)/d(2θ_primary) at a primary position: how the twin moves with its parent.</summary>
        public double SecondaryDerivative(double primaryTwoThetaDegrees)
        {
            if (radiation.SecondaryAngstrom is not double l2) return 0;
            var ratio = l2 / radiation.PrimaryAngstrom;
            var theta1 = primaryTwoThetaDegrees * Math.PI / 360;
            var s = ratio * Math.Sin(theta1);
            return s >= 1 ? 0 : ratio * Math.Cos(theta1) / Math.Sqrt(1 - s * s);
        }
    }

    private static EmissionLine? Secondary(Radiation radiation)
    {
        if (!radiation.IsDoublet) return null;
        var primary = radiation.PrimaryLine;
        EmissionLine? best = null;
        foreach (var line in radiation.Lines)
            if (line != primary && (best is null || line.RelativeIntensity > best.Value.RelativeIntensity)) best = line;
        return best;
    }
}
