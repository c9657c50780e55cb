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
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        if (ExtinctionTable.For(input.Family).Count == 1)
            return Certain(input.Family, new ExtractedIntensities(input.Cell, input.ZeroShiftDegrees, 0, 0, 0, 0, 0, [], double.NaN, "not extracted: the lattice has one extinction group"));
        var extraction = IntensityExtractor.Extract(input, options);
        return Score(extraction, input.Family, options, frequencies);
    }

    /// <summary>Ranks the groups of <paramref name="family"/> on already extracted intensities.</summary>
    public static ExtinctionResult Score(ExtractedIntensities extraction, ExtinctionFamily family, ExtinctionOptions? options = null, SpaceGroupFrequencies? frequencies = null)
    {
        options ??= ExtinctionOptions.Default;
        if (ExtinctionTable.For(family).Count == 1) return Certain(family, extraction);
        var lines = extraction.Lines ?? throw new ArgumentException("intensities without their line list", nameof(extraction));
        var groups = lines.Groups;
        frequencies ??= SpaceGroupFrequencies.MaterialsProject;
        var logPrior = Prior(family, groups, options.Prior, frequencies);
        var centric = options.CentricMixture ? CentricFraction(groups, frequencies) : 0;
        var model = WilsonModel.Fit(extraction, 0);
        var blocks = extraction.Blocks;
        var sigma = EffectiveErrors(extraction, options.ProfileError);
        // only blocks on which some group differs from the least restrictive one (group 0) can move the posterior
        var baseline = new double[blocks.Length];
        for (var b = 0; b < blocks.Length; b++)
        {
            var informative = false;
            for (var g = 1; g < groups.Count && !informative; g++) informative = Differs(lines, extraction.BlockLines[b], g);
            if (informative) baseline[b] = BlockLogLikelihood(extraction, model, b, 0, sigma[b], options, centric);
        }
        var logLikelihood = new double[groups.Count];
        // groups that let the same members of a block's lines through get the same density: compute it once
        var cache = new Dictionary<(int Block, string Pattern), double>();
        for (var g = 0; g < groups.Count; g++)
        {
            double sum = 0;
            for (var b = 0; b < blocks.Length; b++)
            {
                if (!Differs(lines, extraction.BlockLines[b], g)) continue;
                var key = (b, string.Concat(extraction.BlockLines[b].Select(l => (char)lines.Present[l][g])));
                if (!cache.TryGetValue(key, out var value))
                    cache[key] = value = BlockLogLikelihood(extraction, model, b, g, sigma[b], options, centric) - baseline[b];
                sum += value;
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

    /// <summary>The one group of a family that has only one (aP): nothing to decide, probability 1.</summary>
    private static ExtinctionResult Certain(ExtinctionFamily family, ExtractedIntensities intensities)
    {
        var only = ExtinctionTable.For(family)[0];
        return new ExtinctionResult(family, [new ExtinctionSymbolScore(only.Symbol, 1, only.SpaceGroupNumbers, 0, 0, only)], intensities);
    }

    /// <summary>Whether group g lets a different number of members through than the reference group 0 on any line of the block.</summary>
    private static bool Differs(ReflectionLines lines, int[] blockLines, int g)
    {
        foreach (var l in blockLines) if (lines.Present[l][g] != lines.Present[l][0]) return true;
        return false;
    }

    private static double BlockLogLikelihood(ExtractedIntensities x, WilsonModel model, int b, int g, double sigma, ExtinctionOptions options, double centric)
    {
        var outlier = options.OutlierProbability;
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
            logModel = Present(j, sum, sumSq, sigma, centric);
            // pseudo-symmetry: now and then a present block is systematically weak (a hundredth of its Wilson mean)
            var weak = options.WeakFraction;
            if (weak > 0) logModel = LogMix(Math.Log(1 - weak) + logModel, Math.Log(weak) + Present(j, WeakScale * sum, WeakScale * WeakScale * sumSq, sigma, centric));
        }
        if (outlier <= 0) return logModel;
        var logOutlier = BlockLikelihood.LogExGaussian(j, model.OutlierScale, sigma);
        return LogMix(Math.Log(1 - outlier) + logModel, Math.Log(outlier) + logOutlier);
    }

    /// <summary>Wilson intensities of total mean Σμ: acentric lines Gamma shape 1 each, centric shape ½ (variance 2μ²); the block's
    /// sum moment-matched to one Gamma, convolved with the error.</summary>
    private static double Present(double j, double sum, double sumSq, double sigma, double centric)
    {
        var acentric = BlockLikelihood.LogGammaGaussian(j, sum * sum / sumSq, sumSq / sum, sigma);
        return centric <= 0 ? acentric
            : LogMix(Math.Log(centric) + BlockLikelihood.LogGammaGaussian(j, sum * sum / (2 * sumSq), 2 * sumSq / sum, sigma), Math.Log(1 - centric) + acentric);
    }

    /// <summary>How weak a pseudo-symmetrically weak block is, relative to its Wilson mean.</summary>
    private const double WeakScale = 0.01;

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
