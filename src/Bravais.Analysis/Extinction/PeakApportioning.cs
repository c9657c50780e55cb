namespace Bravais.Analysis.Extinction;

/// <summary>
/// Intensities from a peak list alone: each observed peak's integrated intensity is shared among the blocks of lines
/// under it (within half its FWHM plus the position error), in proportion to multiplicity × LP × profile height at the
/// offset; a block no peak reaches gets 0 with an error of half the weakest observed peak (it was below detection).
/// Peaks no line explains (impurities) are left out.
/// </summary>
internal static class PeakApportioning
{
    public static ExtractedIntensities Extract(ExtinctionInput input, ExtinctionOptions options, ReflectionLines lines, double[] t, ProfileShape shape, IReadOnlyList<ObservedPeak> peaks)
    {
        var primary = input.Radiation.PrimaryLine;
        var lambda = primary.WavelengthAngstrom;
        var doublet = input.Radiation.Lines.Sum(l => l.RelativeIntensity) / primary.RelativeIntensity;
        double lo = peaks.Min(p => p.TwoThetaDegrees) - 1, hi = peaks.Max(p => p.TwoThetaDegrees) + 0.5;
        var blocks = new List<(int First, int Count)>();
        var centres = new List<double>();
        var weightLp = new List<double>();
        for (var l = 0; l < lines.Count;)
        {
            var start = l;
            var tt = Position(lines, t, l, lambda, shape);
            var last = tt;
            l++;
            while (l < lines.Count && Position(lines, t, l, lambda, shape) - last < options.MergeFwhm * shape.Fwhm(last)) { last = Position(lines, t, l, lambda, shape); l++; }
            if (double.IsNaN(tt) || tt < lo || tt > hi) continue;
            double m = 0, mt = 0, mlp = 0;
            for (var i = start; i < l; i++)
            {
                var p = Position(lines, t, i, lambda, shape);
                m += lines.Multiplicity[i]; mt += lines.Multiplicity[i] * p;
                mlp += lines.Multiplicity[i] * ProfileShape.LorentzPolarisation(ProfileShape.TwoTheta(lines.InverseDSquared(i, t), lambda));
            }
            blocks.Add((start, l - start));
            centres.Add(mt / m);
            weightLp.Add(mlp / m);
        }
        var k = blocks.Count;
        var intensity = new double[k];
        var variance = new double[k];
        var reached = new bool[k];
        var weakest = peaks.Where(p => p.Intensity > 0).Select(p => p.Intensity).DefaultIfEmpty(1).Min();
        foreach (var peak in peaks)
        {
            var width = peak.FwhmDegrees;
            var reach = 0.5 * width + 3 * (peak.TwoThetaEsdDegrees ?? 0.01);
            var candidates = Enumerable.Range(0, k).Where(b => Math.Abs(centres[b] - peak.TwoThetaDegrees) <= reach).ToList();
            if (candidates.Count == 0) continue;
            var w = candidates.Select(b => blocks[b].Count * weightLp[b] * ProfileShape.Value(centres[b] - peak.TwoThetaDegrees, width, shape.Eta)).ToArray();
            var total = w.Sum();
            var esd = peak.IntensityEsd ?? Math.Sqrt(Math.Pow(0.05 * peak.Intensity, 2) + Math.Pow(0.1 * weakest, 2));
            for (var i = 0; i < candidates.Count; i++)
            {
                var b = candidates[i];
                var share = total > 0 ? w[i] / total : 1.0 / candidates.Count;
                var scale = 1 / (weightLp[b] * doublet);
                intensity[b] += share * peak.Intensity * scale;
                // an apportioned share is uncertain by itself when the peak is shared
                var shareError = candidates.Count > 1 ? 0.5 * share * (1 - share) * peak.Intensity : 0;
                variance[b] += (Math.Pow(share * esd, 2) + shareError * shareError) * scale * scale;
                reached[b] = true;
            }
        }
        var err = new double[k];
        for (var b = 0; b < k; b++)
            err[b] = reached[b] ? Math.Sqrt(variance[b]) : 0.5 * weakest / (weightLp[b] * doublet);
        return IntensityExtractor.Assemble(input, lines, t, shape, [.. blocks], intensity, err, double.NaN, "apportioned from the peak list");
    }

    private static double Position(ReflectionLines lines, double[] t, int line, double lambda, ProfileShape shape) =>
        shape.Observed(ProfileShape.TwoTheta(lines.InverseDSquared(line, t), lambda));
}
