using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Indexing;

/// <summary>One observed reflection for indexing: 2θ of the primary line (degrees), its estimated standard deviation (0 when unknown) and intensity.</summary>
public sealed record ObservedPeak(double TwoThetaDegrees, double Intensity = 1, double EsdDegrees = 0);

/// <summary>Settings of <see cref="PowderIndexer"/>. The defaults are the ones chosen on the development half of the measured-like set (docs/indexing.md).</summary>
public sealed record IndexingOptions
{
    /// <summary>Wavelength of the primary line (Kα1 for a doublet) in Å, with which the 2θ of the peaks were measured.</summary>
    public double WavelengthAngstrom { get; init; } = 1.540593;

    /// <summary>How many of the lowest-angle lines the exhaustive search must index (de Wolff: 20).</summary>
    public int SearchLines { get; init; } = 20;

    /// <summary>How many lines the refinement and F_N use (at most).</summary>
    public int RefinementLines { get; init; } = 30;

    /// <summary>Lines of the search that may stay unindexed (impurities, spurious peaks).</summary>
    public int MaxUnindexed { get; init; } = 2;

    /// <summary>Position tolerance of a line in degrees 2θ: the larger of this and 3 esd.</summary>
    public double ToleranceDegrees { get; init; } = 0.02;

    /// <summary>The dichotomy searches zero shifts (with the sample displacement folded in) within ± this, degrees 2θ.</summary>
    public double MaxZeroShiftDegrees { get; init; } = 0.15;

    /// <summary>Longest cell edge searched (Å).</summary>
    public double MaxCellEdgeAngstrom { get; init; } = 25;

    /// <summary>Cap on the conventional cell volume searched (Å³); the search also stops at a multiple of the volume the line density implies.</summary>
    public double MaxVolumeAngstrom3 { get; init; } = 6000;

    /// <summary>Wall-clock budget for one pattern in seconds.</summary>
    public double Seconds { get; init; } = 30;

    /// <summary>At least this many lines are needed to try.</summary>
    public int MinLines { get; init; } = 8;

    /// <summary>Candidates with de Wolff M20 below this are not reported.</summary>
    public double MinM20 { get; init; } = 5;

    /// <summary>At most this many candidates are returned.</summary>
    public int MaxCandidates { get; init; } = 10;

    /// <summary>Lowest crystal system searched (triclinic searches everything).</summary>
    public CrystalSystem LowestSystem { get; init; } = CrystalSystem.Triclinic;

    public static IndexingOptions Default { get; } = new();
}

/// <summary>A line as indexed by a candidate: the observed and calculated 2θ (after the zero correction) and hkl in the reported conventional cell; hkl null when unindexed.</summary>
public sealed record IndexedLine(int PeakIndex, double TwoThetaObservedDegrees, double TwoThetaCalculatedDegrees, int[]? Hkl)
{
    public bool IsIndexed => Hkl is not null;
}

/// <summary>
/// One indexing solution: the Bravais lattice of its metric symmetry, the conventional cell in the standard setting
/// (mS C-centred b-unique, oS C-centred, hR on hexagonal axes), its volume and the primitive volume, de Wolff M20 and
/// Smith–Snyder F_N (with N), the refined zero shift and sample displacement (degrees 2θ), how many of the lines
/// considered it indexes, the per-line indexing, and the ranking score.
/// </summary>
public sealed record IndexingCandidate(
    CrystalSystem CrystalSystem,
    BravaisLattice BravaisLattice,
    Lattice Cell,
    double Volume,
    double PrimitiveVolume,
    double M20,
    double FN,
    int N,
    double ZeroShiftDegrees,
    double DisplacementDegrees,
    int IndexedLines,
    int LinesConsidered,
    IReadOnlyList<IndexedLine> Lines,
    double Score);

/// <summary>The answer for one pattern: how many peaks were used, the candidates best first, and when there are none, why.</summary>
public sealed record IndexingResult(int PeaksUsed, IReadOnlyList<IndexingCandidate> Candidates, string? Reason, double Seconds)
{
    public IndexingCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;
}
