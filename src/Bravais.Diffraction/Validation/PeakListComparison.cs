using Bravais.Diffraction.Powder;

namespace Bravais.Diffraction.Validation;

/// <summary>A reference stick pattern (e.g. pymatgen's): 2θ in degrees and intensities on the 0–100 scale.</summary>
public sealed record ReferencePeaks(string Id, int? SiteCount, double[] TwoThetaDegrees, double[] Intensity);

/// <summary>
/// The parity rule of issue 3: every reference peak with I ≥ <see cref="MinIntensity"/> must be matched by one of ours
/// within <see cref="TwoThetaTolerance"/> degrees and <see cref="IntensityTolerance"/> in intensity, and none of our
/// peaks with I ≥ <see cref="MinIntensity"/> may lack a reference peak within the 2θ tolerance.
/// </summary>
public static class PeakListComparison
{
    public const double MinIntensity = 0.5;
    public const double TwoThetaTolerance = 0.002;
    public const double IntensityTolerance = 0.2;

    /// <summary>The mismatches (empty when the lists agree), each one line: "missing 2θ=…", "intensity at 2θ=…", "extra 2θ=…".</summary>
    public static List<string> Compare(ReferencePeaks reference, PeakList ours)
    {
        var problems = new List<string>();
        var ourTt = ours.Peaks.Select(p => p.TwoThetaDegrees).ToArray();
        for (var i = 0; i < reference.TwoThetaDegrees.Length; i++)
        {
            if (reference.Intensity[i] < MinIntensity) continue;
            var j = Nearest(ourTt, reference.TwoThetaDegrees[i]);
            if (j < 0 || Math.Abs(ourTt[j] - reference.TwoThetaDegrees[i]) > TwoThetaTolerance)
            {
                problems.Add(FormattableString.Invariant($"missing 2θ={reference.TwoThetaDegrees[i]:0.0000} I={reference.Intensity[i]:0.###}"));
                continue;
            }
            var d = ours.Peaks[j].Intensity - reference.Intensity[i];
            if (Math.Abs(d) > IntensityTolerance)
                problems.Add(FormattableString.Invariant($"intensity at 2θ={reference.TwoThetaDegrees[i]:0.0000}: reference {reference.Intensity[i]:0.###}, ours {ours.Peaks[j].Intensity:0.###}"));
        }
        var refTt = reference.TwoThetaDegrees.ToArray();
        Array.Sort(refTt);
        foreach (var p in ours.Peaks)
        {
            if (p.Intensity < MinIntensity) continue;
            var j = Nearest(refTt, p.TwoThetaDegrees);
            if (j < 0 || Math.Abs(refTt[j] - p.TwoThetaDegrees) > TwoThetaTolerance)
                problems.Add(FormattableString.Invariant($"extra 2θ={p.TwoThetaDegrees:0.0000} I={p.Intensity:0.###}"));
        }
        return problems;
    }

    /// <summary>Index of the value nearest <paramref name="x"/> in an ascending array, or −1 when empty.</summary>
    private static int Nearest(double[] sorted, double x)
    {
        if (sorted.Length == 0) return -1;
        var i = Array.BinarySearch(sorted, x);
        if (i >= 0) return i;
        i = ~i;
        if (i == 0) return 0;
        if (i == sorted.Length) return sorted.Length - 1;
        return x - sorted[i - 1] <= sorted[i] - x ? i - 1 : i;
    }
}
