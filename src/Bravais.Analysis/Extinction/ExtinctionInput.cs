using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Physics;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// What the extinction-symbol scorer needs: the conventional cell of <paramref name="Lattice"/> in its standard setting
/// (mS and oS C-centred with unique axis b for mS, hR on hexagonal axes; a, b, c as the indexing found them, any
/// labelling of orthorhombic axes), the radiation (its <see cref="Radiation.Lines"/>: a named Kα is the Kα1/Kα2 doublet, a
/// number one line), the zero shift (observed 2θ = 2θ(d) + zero) and the observations: a
/// background-subtracted pattern and/or the observed peaks (2θ of Kα1, integrated intensity, FWHM). With a pattern,
/// intensities come from a Pawley fit (the peaks only seed the cell, zero and widths); with peaks alone, from
/// apportioning each peak among the lines under it. <paramref name="Centring"/> overrides the standard centring letter
/// of mS/oS cells (A, B or I) when the cell is not C-centred.
/// </summary>
public sealed record ExtinctionInput(
    Lattice Cell,
    BravaisLattice Lattice,
    Radiation Radiation,
    double ZeroShiftDegrees = 0,
    ObservedPattern? Pattern = null,
    IReadOnlyList<ObservedPeak>? Peaks = null,
    char? Centring = null)
{
    public ExtinctionFamily Family => Centring is { } c ? ExtinctionFamily.Standard(Lattice) with { Centring = char.ToUpperInvariant(c) } : ExtinctionFamily.Standard(Lattice);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Cell);
        ArgumentNullException.ThrowIfNull(Radiation);
        if (Pattern is null && (Peaks is null || Peaks.Count == 0)) throw new AnalysisException("extinction scoring needs a pattern or a list of observed peaks");
        Pattern?.Validate();
        if (Peaks is not null)
            for (var i = 0; i < Peaks.Count; i++)
            {
                var p = Peaks[i];
                if (!(p.TwoThetaDegrees > 0 && p.TwoThetaDegrees < 180)) throw new AnalysisException($"peak {i + 1}: 2θ {p.TwoThetaDegrees} is outside 0–180°");
                if (!double.IsFinite(p.Intensity)) throw new AnalysisException($"peak {i + 1}: intensity is not a finite number");
                if (!(p.FwhmDegrees > 0 && p.FwhmDegrees < 10)) throw new AnalysisException($"peak {i + 1}: FWHM {p.FwhmDegrees}° is outside 0–10°");
            }
        if (!double.IsFinite(ZeroShiftDegrees) || Math.Abs(ZeroShiftDegrees) > 2) throw new AnalysisException($"zero shift {ZeroShiftDegrees}° is outside ±2°");
    }
}

/// <summary>Settings of extraction and scoring (defaults chosen on the even half of the development set; docs/extinction.md).</summary>
public sealed record ExtinctionOptions
{
    /// <summary>Lines closer than this many FWHM are one block (one fitted intensity).</summary>
    public double MergeFwhm { get; init; } = 0.5;
    /// <summary>Refine the cell and zero shift in the Pawley fit (the widths are always refined).</summary>
    public bool RefineCell { get; init; } = true;
    /// <summary>Levenberg–Marquardt iterations of the profile refinement.</summary>
    public int MaxIterations { get; init; } = 10;
    /// <summary>Prior over groups: weighted by how common their space groups are, or uniform.</summary>
    public ExtinctionPrior Prior { get; init; } = ExtinctionPrior.Frequency;
    /// <summary>Chance that a block's intensity is not explained by the crystal (impurity line, misfit): a broad outlier component.</summary>
    public double OutlierProbability { get; init; } = 0.02;
    /// <summary>Relative error of a block's intensity from profile misfit, as a fraction of the intensity overlapping it.</summary>
    public double ProfileError { get; init; } = 0.03;
    /// <summary>Let present lines follow the centric (Gamma ½) as well as the acentric (exponential) Wilson distribution,
    /// mixed in the proportion of centrosymmetric crystals of the lattice; otherwise acentric only.</summary>
    public bool CentricMixture { get; init; } = true;
    /// <summary>Share of present blocks allowed to be systematically weak (a hundredth of their Wilson mean), as
    /// pseudo-symmetric structures make them; guards against taking near-absences for absences.</summary>
    public double WeakFraction { get; init; } = 0.3;

    public static ExtinctionOptions Default { get; } = new();
}

/// <summary>How the prior over extinction groups is made.</summary>
public enum ExtinctionPrior { Uniform, Frequency }
