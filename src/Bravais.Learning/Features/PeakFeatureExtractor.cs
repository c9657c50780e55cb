using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Physics;

namespace Bravais.Learning.Features;

/// <summary>One peak found on a grid: refined position, height and its Q = 4π sinθ / λ.</summary>
public readonly record struct RefinedPeak(double TwoThetaDegrees, double Height, double QInverseAngstrom);

/// <summary>
/// Finds the strongest peaks of a gridded pattern and refines their positions below the grid step.
/// A local maximum at grid point i is refined by the vertex of the parabola through
/// (i-1, ln y), (i, ln y), (i+1, ln y): exact for a Gaussian peak (whose logarithm is a parabola),
/// so a Gaussian sampled at 0.5° is located to a small fraction of the step.
/// Features per peak (peaks ordered by 2θ after choosing the N strongest):
/// 2θ/90°, height / strongest, Q (Å⁻¹), and (Q/Q₁)² = d₁²/d² — the 1/d² ratio to the lowest-angle
/// chosen peak, which is rational for cubic lattices (e.g. 1, 4/3, 8/3, 11/3 for fcc) and so tells lattices apart.
/// Missing peaks (a pattern with fewer than N maxima) are zero. One last feature: the number of peaks found / N.
/// </summary>
public static class PeakFeatureExtractor
{
    public const int DefaultPeakCount = 12;
    public const int FeaturesPerPeak = 4;

    public static int FeatureCount(int peakCount) => peakCount * FeaturesPerPeak + 1;

    /// <summary>Local maxima above <paramref name="relativeThreshold"/> × max, refined; strongest first, at most <paramref name="max"/>.</summary>
    public static List<RefinedPeak> FindPeaks(ReadOnlySpan<float> y, AngleGrid grid, double wavelengthAngstrom, int max, double relativeThreshold = 0.005)
    {
        var peaks = new List<RefinedPeak>();
        var top = 0f;
        foreach (var v in y) if (v > top) top = v;
        if (!(top > 0)) return peaks;
        var floor = top * relativeThreshold;
        for (var i = 0; i < y.Length; i++)
        {
            var v = y[i];
            if (v <= floor) continue;
            var left = i > 0 ? y[i - 1] : float.NegativeInfinity;
            var right = i + 1 < y.Length ? y[i + 1] : float.NegativeInfinity;
            if (!(v > left && v >= right)) continue; // plateau: first point of it
            var offset = 0.0;
            var height = (double)v;
            if (i > 0 && i + 1 < y.Length && left > 0 && right > 0)
            {
                var a = Math.Log(left); var b = Math.Log(v); var c = Math.Log(right);
                var curvature = a - 2 * b + c;
                if (curvature < 0)
                {
                    offset = Math.Clamp(0.5 * (a - c) / curvature, -0.5, 0.5);
                    height = Math.Exp(b - 0.25 * (a - c) * offset);
                }
            }
            var twoTheta = grid.StartDegrees + (i + offset) * grid.StepDegrees;
            peaks.Add(new RefinedPeak(twoTheta, height, Q(twoTheta, wavelengthAngstrom)));
        }
        peaks.Sort((p, q) => q.Height.CompareTo(p.Height));
        if (peaks.Count > max) peaks.RemoveRange(max, peaks.Count - max);
        return peaks;
    }

    public static double Q(double twoThetaDegrees, double wavelengthAngstrom) => Bragg.QInverseAngstrom(twoThetaDegrees, wavelengthAngstrom);

    /// <summary>Writes <see cref="FeatureCount"/>(peakCount) features for one raw pattern.</summary>
    public static void Extract(ReadOnlySpan<float> y, AngleGrid grid, int peakCount, double wavelengthAngstrom, Span<float> features)
    {
        features.Clear();
        var peaks = FindPeaks(y, grid, wavelengthAngstrom, peakCount);
        if (peaks.Count == 0) return;
        var strongest = peaks[0].Height;
        peaks.Sort((p, q) => p.TwoThetaDegrees.CompareTo(q.TwoThetaDegrees));
        var q1 = peaks[0].QInverseAngstrom;
        for (var k = 0; k < peaks.Count; k++)
        {
            var p = peaks[k];
            var f = features.Slice(k * FeaturesPerPeak, FeaturesPerPeak);
            f[0] = (float)(p.TwoThetaDegrees / 90.0);
            f[1] = (float)(p.Height / strongest);
            f[2] = (float)p.QInverseAngstrom;
            var ratio = p.QInverseAngstrom / q1;
            f[3] = (float)(ratio * ratio);
        }
        features[^1] = peaks.Count / (float)peakCount;
    }
}
