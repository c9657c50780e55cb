using System.Collections.Immutable;
using Bravais.Diffraction.Physics;

namespace Bravais.Diffraction.Powder;

/// <summary>
/// A family of symmetry-equivalent reflections within one peak: pymatgen's convention, where members are
/// the index tuples that are permutations of one another up to sign; the representative is the largest tuple
/// (in lexicographic order) and the multiplicity the number of members in the peak.
/// </summary>
public sealed record HklFamily(MillerIndices Representative, int Multiplicity);

/// <summary>One powder peak: position, spacing, intensity and the reflections that make it.</summary>
public sealed record DiffractionPeak(double TwoThetaDegrees, double DSpacingAngstrom, double Intensity, ImmutableArray<HklFamily> Families);

/// <summary>
/// The stick pattern of a structure, peaks in increasing 2θ. <see cref="MillerBravais"/> is true when the
/// lattice is hexagonal and indices are meant to be shown as (h, k, i, l).
/// </summary>
public sealed record PeakList(string StructureId, Radiation Radiation, bool Scaled, bool MillerBravais, ImmutableArray<DiffractionPeak> Peaks)
{
    public int Count => Peaks.Length;

    /// <summary>Families written like "(1,1,1);(2,0,0)".</summary>
    public string FormatFamilies(DiffractionPeak peak) =>
        string.Join(";", peak.Families.Select(f => f.Representative.Format(MillerBravais)));

    /// <summary>Total multiplicity of a peak (sum over its families).</summary>
    public static int Multiplicity(DiffractionPeak peak)
    {
        var m = 0;
        foreach (var f in peak.Families) m += f.Multiplicity;
        return m;
    }
}
