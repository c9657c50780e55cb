using System.Collections.Immutable;
using Bravais.Synthesis.Datasets;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// Bayesian comparison of the extinction groups of a cell from its powder pattern, in the spirit of ExtSym (Markvardsen,
/// David, Johnson &amp; Shankland 2001): intensities are extracted for every block of overlapping lines
/// (<see cref="IntensityExtractor"/>); under group E a block's lines that E forbids contribute nothing and the others are
/// independent Wilson intensities of mean K·n_l(E)·exp(−2B s²) (n_l(E) = members of line l that E lets through);
/// the block's likelihood adds its Gaussian error (the fit's, plus a profile-misfit share of the intensity around it)
/// and a small outlier component (impurity lines, misfit). K and B are fitted to the blocks under the least restrictive
/// group. P(E | data) ∝ P(E) · Π_b p(J_b | E) over the groups of the family, so overlapped lines count only as much as
/// they are resolved, and nothing is decided by a hard threshold.
/// </summary>
public static class ExtinctionScorer
{
    /// <summary>Extracts intensities from the input's pattern or peaks and ranks the groups of its family.</summary>
    public static ExtinctionResult Score(ExtinctionInput input, ExtinctionOptions? options = null, SpaceGroupFrequencies? frequencies = null)
    {
        options ??= ExtinctionOptions.Default;
        var extraction = IntensityExtractor.Extract(input, options);
        return Score(extraction, input.Family, options, frequencies);
    }

    /// <summary>Ranks the groups of <paramref name="family"/> on already extracted intensities.</summary>
    public static ExtinctionResult Score(ExtractedIntensities extraction, ExtinctionFamily family, ExtinctionOptions? options = null, SpaceGroupFrequencies? frequencies = null)
    {
        options ??= ExtinctionOptions.Default;
        var lines = extraction.Lines ?? throw new ArgumentException("intensities without their line list", nameof(extraction));
        var groups = lines.Groups;
        frequencies ??= SpaceGroupFrequencies.MaterialsProject;
        var logPrior = Prior(family, groups, options.Prior, frequencies);
        var centric = options.CentricMixture ? CentricFraction(groups, frequencies) : 0;
        var model = WilsonModel.Fit(extraction, 0);
        var blocks = extraction.Blocks;
        var sigma = EffectiveErrors(extraction, options.ProfileError);
        var baseline = new double[blocks.Length];
        double baseTotal = 0;
        for (var b = 0; b < blocks.Length; b++)
        {
            baseline[b] = BlockLogLikelihood(extraction, model, b, 0, sigma[b], options.OutlierProbability, centric);
            baseTotal += baseline[b];
        }
        var logLikelihood = new double[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            double sum = 0;
            for (var b = 0; b < blocks.Length; b++)
            {
                if (!Differs(lines, extraction.BlockLines[b], g)) continue;
                sum += BlockLogLikelihood(extraction, model, b, g, sigma[b], options.OutlierProbability, centric) - baseline[b];
            }
            logLikelihood[g] = sum;
        }
        var logPosterior = logLikelihood.Select((l, g) => l + logPrior[g]).ToArray();
        var max = logPosterior.Max();
        var weights = logPosterior.Select(x => Math.Exp(x - max)).ToArray();
        var total = weights.Sum();
        var scores = Enumerable.Range(0, groups.Count)
            .Select(g => new ExtinctionSymbolScore(groups[g].Symbol, weights[g] / total, groups[g].SpaceGroupNumbers, logLikelihood[g], logPrior[g], groups[g]))
            .OrderByDescending(s => s.Probability).ThenBy(s => s.Group.AbsentLineCount).ToImmutableArray();
        return new ExtinctionResult(family, scores, extraction);
    }

    /// <summary>Whether group g lets a different number of members through than the reference group 0 on any line of the block.</summary>
    private static bool Differs(ReflectionLines lines, int[] blockLines, int g)
    {
        foreach (var l in blockLines) if (lines.Present[l][g] != lines.Present[l][0]) return true;
        return false;
    }

    private static double BlockLogLikelihood(ExtractedIntensities x, WilsonModel model, int b, int g, double sigma, double outlier, double centric)
    {
        var lines = x.Lines!;
        double sum = 0, sumSq = 0;
        foreach (var l in x.BlockLines[b])
        {
            var mu = model.Mean(lines.Present[l][g], x.LineS[l]);
            sum += mu; sumSq += mu * mu;
        }
        var j = x.Blocks[b].Intensity;
        double logModel;
        if (sum <= 0) logModel = BlockLikelihood.LogNormal(j, sigma);
        else
        {
            // acentric lines: Gamma shape 1 each; centric: shape ½ (variance 2μ²); the block's sum moment-matched to one Gamma
            var acentric = BlockLikelihood.LogGammaGaussian(j, sum * sum / sumSq, sumSq / sum, sigma);
            logModel = centric <= 0 ? acentric
                : LogMix(Math.Log(centric) + BlockLikelihood.LogGammaGaussian(j, sum * sum / (2 * sumSq), 2 * sumSq / sum, sigma), Math.Log(1 - centric) + acentric);
        }
        if (outlier <= 0) return logModel;
        var logOutlier = BlockLikelihood.LogExGaussian(j, model.OutlierScale, sigma);
        return LogMix(Math.Log(1 - outlier) + logModel, Math.Log(outlier) + logOutlier);
    }

    private static double LogMix(double a, double c)
    {
        var m = Math.Max(a, c);
        return m + Math.Log(Math.Exp(a - m) + Math.Exp(c - m));
    }

    /// <summary>How often a crystal of the family is centrosymmetric: the frequency-weighted share of centrosymmetric types
    /// (point group = Laue class) among the family's types. One value for the family, so it does not favour any group.</summary>
    internal static double CentricFraction(IReadOnlyList<ExtinctionGroup> groups, SpaceGroupFrequencies frequencies)
    {
        var types = groups.SelectMany(g => g.Settings).DistinctBy(s => s.Number).ToList();
        double centro = types.Where(s => s.PointGroup == LaueClasses.Of(s)).Sum(s => frequencies[s.Number] + 1);
        double all = types.Sum(s => frequencies[s.Number] + 1);
        return centro / all;
    }

    /// <summary>Each block's error: the fit's esd combined with a profile-misfit share of the intensity at and around it
    /// (neighbours weighted by the overlap of Gaussian profiles at their separation).</summary>
    private static double[] EffectiveErrors(ExtractedIntensities x, double profileError)
    {
        var blocks = x.Blocks;
        var result = new double[blocks.Length];
        for (var b = 0; b < blocks.Length; b++)
        {
            var width = Math.Max(Fwhm(x, blocks[b].TwoThetaDegrees), 1e-3);
            double around = 0;
            for (var c = b; c >= 0 && blocks[b].TwoThetaDegrees - blocks[c].TwoThetaDegrees < 3 * width; c--) around += Overlap(blocks[b], blocks[c], width);
            for (var c = b + 1; c < blocks.Length && blocks[c].TwoThetaDegrees - blocks[b].TwoThetaDegrees < 3 * width; c++) around += Overlap(blocks[b], blocks[c], width);
            var esd = double.IsFinite(blocks[b].Esd) && blocks[b].Esd > 0 ? blocks[b].Esd : 1e-12;
            result[b] = Math.Sqrt(esd * esd + Math.Pow(profileError * around, 2));
        }
        return result;

        static double Overlap(ExtractedBlock a, ExtractedBlock c, double width)
        {
            var d = 2 * (a.TwoThetaDegrees - c.TwoThetaDegrees) / width;
            return Math.Abs(c.Intensity) * Math.Exp(-Math.Log(2) * d * d);
        }
    }

    private static double Fwhm(ExtractedIntensities x, double twoTheta) =>
        new ProfileShape(x.ZeroShiftDegrees, x.CagliotiU, x.CagliotiV, x.CagliotiW, x.Eta, x.DisplacementDegrees).Fwhm(twoTheta);

    /// <summary>
    /// log P(E): uniform, or each space-group type's frequency (+1) shared equally among the settings of that type in the
    /// family, summed over the settings the group holds; so the labelling of the axes of the given cell carries no prior.
    /// </summary>
    internal static double[] Prior(ExtinctionFamily family, IReadOnlyList<ExtinctionGroup> groups, ExtinctionPrior kind, SpaceGroupFrequencies frequencies)
    {
        if (kind == ExtinctionPrior.Uniform) return [.. groups.Select(_ => -Math.Log(groups.Count))];
        var settingsPerType = groups.SelectMany(g => g.Settings).GroupBy(s => s.Number).ToDictionary(x => x.Key, x => x.Count());
        var weights = groups.Select(g => g.Settings.Sum(s => (frequencies[s.Number] + 1) / settingsPerType[s.Number])).ToArray();
        var total = weights.Sum();
        return [.. weights.Select(w => Math.Log(w / total))];
    }
}
