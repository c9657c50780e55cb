namespace Bravais.Learning.Calibration;

/// <summary>One confidence bin of a reliability diagram.</summary>
public sealed record ReliabilityBin(double From, double To, int Count, double MeanConfidence, double Accuracy);

/// <summary>
/// Expected calibration error (Naeini et al. 2015; Guo et al. 2017): rows are binned by their top-class
/// probability into equal-width bins on [0, 1]; ECE = Σ_b (n_b / N) |accuracy_b − confidence_b|.
/// </summary>
public static class CalibrationError
{
    public const int DefaultBins = 15;

    public static double Expected(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, int bins = DefaultBins) =>
        Bins(confidence, correct, bins).Sum(b => b.Count * Math.Abs(b.Accuracy - b.MeanConfidence)) / Math.Max(1, confidence.Count);

    public static IReadOnlyList<ReliabilityBin> Bins(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, int bins = DefaultBins)
    {
        if (confidence.Count != correct.Count) throw new ArgumentException("confidence and correctness lengths differ");
        var n = new int[bins]; var conf = new double[bins]; var hits = new int[bins];
        for (var i = 0; i < confidence.Count; i++)
        {
            var b = Math.Clamp((int)Math.Ceiling(confidence[i] * bins) - 1, 0, bins - 1); // (k/B, (k+1)/B]
            n[b]++; conf[b] += confidence[i]; if (correct[i]) hits[b]++;
        }
        return Enumerable.Range(0, bins)
            .Select(b => new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, n[b], n[b] > 0 ? conf[b] / n[b] : 0, n[b] > 0 ? (double)hits[b] / n[b] : 0))
            .ToList();
    }

    /// <summary>Accuracy among the rows kept when abstaining below each threshold, and the fraction kept (coverage).</summary>
    public static IReadOnlyList<(double Threshold, double Coverage, double Accuracy)> AccuracyVersusCoverage(
        IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, IReadOnlyList<double> thresholds)
    {
        var result = new List<(double, double, double)>();
        foreach (var t in thresholds)
        {
            int kept = 0, hit = 0;
            for (var i = 0; i < confidence.Count; i++) if (confidence[i] >= t) { kept++; if (correct[i]) hit++; }
            result.Add((t, (double)kept / Math.Max(1, confidence.Count), kept > 0 ? (double)hit / kept : double.NaN));
        }
        return result;
    }
}
