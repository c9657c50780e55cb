using Bravais.Analysis.Extinction;
using Bravais.Analysis.Peaks;
using Bravais.Diffraction.Physics;
using ExtinctionPeak = Bravais.Analysis.Extinction.ObservedPeak;

namespace Bravais.Analysis.Indexing;

/// <summary>One extinction symbol of a candidate: its name, posterior probability and the space groups it admits.</summary>
public sealed record CandidateExtinctionSymbol(string Symbol, double Probability, IReadOnlyList<int> SpaceGroups);

/// <summary>
/// Extinction symbols of an indexing candidate: the project's <see cref="ExtinctionScorer"/> run on the candidate's
/// conventional cell (standard setting) and zero shift, with the background-subtracted pattern of the peak search
/// (intensities from a Pawley fit seeded by the cell) or, for a bare peak list, with the peaks apportioned among the lines
/// under each. The sample displacement is not passed (the scorer refines the cell, which absorbs most of it).
/// </summary>
public static class CandidateExtinction
{
    /// <summary>FWHM (degrees 2θ) given to the peaks of a list that states none: resolution of exact simulated positions.</summary>
    public const double PeakListFwhmDegrees = 0.05;

    /// <summary>The symbols best first; empty when the scorer cannot use the data (its reason in <paramref name="failure"/>).</summary>
    public static IReadOnlyList<CandidateExtinctionSymbol> Score(IndexingCandidate candidate, Radiation radiation, ObservedPattern? pattern,
        IReadOnlyList<ExtinctionPeak>? peaks, out string? failure, ExtinctionOptions? options = null)
    {
        failure = null;
        var input = new ExtinctionInput(candidate.Cell, candidate.BravaisLattice, radiation, Math.Clamp(candidate.ZeroShiftDegrees, -2, 2), pattern, peaks);
        try
        {
            return ExtinctionScorer.Score(input, options).Scores
                .Select(s => new CandidateExtinctionSymbol(s.Symbol, s.Probability, [.. s.SpaceGroups])).ToList();
        }
        catch (AnalysisException e)
        {
            failure = e.Message;
            return [];
        }
    }

    /// <summary>The background-subtracted pattern of a peak search, σ from the counts (background included).</summary>
    public static ObservedPattern PatternOf(PeakSearchResult search)
    {
        var n = search.TwoThetaDegrees.Length;
        var net = new double[n];
        var sigma = new double[n];
        for (var i = 0; i < n; i++)
        {
            net[i] = search.Intensity[i] - search.Background[i];
            sigma[i] = Math.Sqrt(Math.Max(search.Intensity[i], 1));
        }
        return new ObservedPattern(search.TwoThetaDegrees, net, sigma);
    }

    /// <summary>The peaks of a list (positions and intensities, no widths) for the scorer.</summary>
    public static List<ExtinctionPeak> PeaksOf(IEnumerable<ObservedPeak> peaks) =>
        [.. peaks.Select(p => new ExtinctionPeak(p.TwoThetaDegrees, p.Intensity, PeakListFwhmDegrees, TwoThetaEsdDegrees: p.EsdDegrees > 0 ? p.EsdDegrees : null))];
}
