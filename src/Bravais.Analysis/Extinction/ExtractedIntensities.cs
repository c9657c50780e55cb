using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// One block of the extraction: lines closer than a fraction of the FWHM, fitted as one intensity. Position and d of
/// its first line, every member reflection (one of each Friedel pair), the total multiplicity, the extracted
/// intensity J = Σ m|F|² (Lorentz–polarisation divided out; arbitrary scale, may be negative within its error) and
/// its standard deviation.
/// </summary>
public sealed record ExtractedBlock(double TwoThetaDegrees, double DSpacingAngstrom, ImmutableArray<(int H, int K, int L)> Reflections, int Multiplicity, double Intensity, double Esd);

/// <summary>
/// The intensities extracted from a pattern or a peak list for every line of a cell, with the refined cell, zero shift
/// sample displacement (Δ2θ = D·cos θ) and profile that produced them, and how well the fit matched (reduced χ², 1 = as good
/// as the noise allows; NaN for a peak list).
/// </summary>
public sealed record ExtractedIntensities(
    Lattice RefinedCell,
    double ZeroShiftDegrees,
    double DisplacementDegrees,
    double CagliotiU, double CagliotiV, double CagliotiW, double Eta,
    ImmutableArray<ExtractedBlock> Blocks,
    double ReducedChiSquared,
    string Method)
{
    /// <summary>Line indices (into the extraction's line list) per block, for scoring.</summary>
    internal ImmutableArray<int[]> BlockLines { get; init; } = [];

    /// <summary>sin θ / λ = 1/(2d) of every line (Å⁻¹), indexed like the line list.</summary>
    internal ImmutableArray<double> LineS { get; init; } = [];

    internal ReflectionLines? Lines { get; init; }
}
