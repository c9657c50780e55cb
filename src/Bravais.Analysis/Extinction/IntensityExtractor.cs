using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// Extracts an intensity for every block of lines of a cell from a pattern (Pawley fit with the cell, zero shift and
/// Caglioti widths refined; <see cref="PawleyFit"/>, <see cref="ProfileRefinement"/>) or, without a pattern, from the
/// observed peaks (<see cref="PeakApportioning"/>). Without counting σ the noise is modelled from the fit's residuals
/// as σ² = α + β·model.
/// </summary>
public static class IntensityExtractor
{
    public static ExtractedIntensities Extract(ExtinctionInput input, ExtinctionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Validate();
        options ??= ExtinctionOptions.Default;
        var pattern = input.Pattern;
        var peaks = input.Peaks is { Count: > 0 } given ? given : pattern is not null ? SeedPeaks.Find(pattern, input.Radiation) : [];
        var maxTwoTheta = pattern is not null ? pattern.TwoThetaDegrees[^1] : peaks.Max(p => p.TwoThetaDegrees) + 2;
        var dMin = input.Radiation.Lines.Max(l => l.WavelengthAngstrom) / (2 * Math.Sin(Math.Min(maxTwoTheta + 1, 179) * Math.PI / 360));
        var lines = ReflectionLines.Enumerate(input.Family, input.Cell, dMin);
        if (lines.Count == 0) throw new AnalysisException("the cell has no reflection in the measured range");
        var t = ReflectionLines.Coefficients(lines.Basis, input.Cell);
        var zero = input.ZeroShiftDegrees;
        // widths from the caller's peaks; seeds from the pattern are often blends, so they only seed the cell
        var caglioti = input.Peaks is { Count: > 0 } ? PeakRefinement.FitCaglioti(peaks) : null;
        var shape = caglioti is { } c ? new ProfileShape(zero, c.U, c.V, c.W, 0.5)
            : new ProfileShape(zero, 0, 0, Math.Pow(pattern is not null ? StrongestPeakFwhm(pattern) : peaks.Select(p => p.FwhmDegrees).Order().ElementAt(peaks.Count / 2), 2), 0.5);
        if (peaks.Count > 0 && options.RefineCell)
        {
            (t, zero) = PeakRefinement.RefineCell(lines, t, zero, peaks, input.Radiation.PrimaryLine.WavelengthAngstrom, shape.Fwhm);
            shape = shape with { ZeroDegrees = zero };
        }
        return pattern is not null
            ? FromPattern(input, options, lines, t, shape)
            : PeakApportioning.Extract(input, options, lines, t, shape, input.Peaks!);
    }

    private static ExtractedIntensities FromPattern(ExtinctionInput input, ExtinctionOptions options, ReflectionLines lines, double[] t, ProfileShape shape)
    {
        var pattern = input.Pattern!;
        var fit = new PawleyFit(pattern.TwoThetaDegrees, pattern.Intensity, lines, input.Radiation);
        var weights = pattern.Sigma is { } sigma ? [.. sigma.Select(s => 1 / (s * s))] : Uniform(pattern.Intensity);
        var state = new ProfileRefinement.State(t, shape);
        // two rounds: refine, then take the far tails of the fitted peaks out of the data and refine again
        for (var round = 0; round < 2; round++)
        {
            var blocks0 = fit.Blocks(state.T, state.Shape, UnitFwhm);
            state = ProfileRefinement.Refine(fit, state, blocks0, weights, round == 0 ? options.MaxIterations : Math.Min(4, options.MaxIterations), options.RefineCell);
            var solved = fit.Solve(state.T, state.Shape, blocks0, weights, false);
            if (round == 0 && pattern.Sigma is null) weights = NoiseModel(fit, solved);
            fit.SetFarTails(state.T, state.Shape, blocks0, solved.Intensity);
        }
        var units = fit.Blocks(state.T, state.Shape, UnitFwhm);
        var result = fit.Solve(state.T, state.Shape, units, weights, true);
        var dof = Math.Max(result.Points - units.Length - t.Length - 6, 1);
        var reduced = result.Chi2 / dof;
        var scale = Math.Max(reduced, 1);
        // scoring blocks: runs of units closer than MergeFwhm, with the summed intensity and the variance of the sum
        var groups = Group(units, lines, state.T, state.Shape, pattern, input, options.MergeFwhm);
        var blocks = new (int First, int Count)[groups.Count];
        var intensity = new double[groups.Count];
        var esd = new double[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var (u0, u1) = groups[g];
            blocks[g] = (units[u0].First, units[u1].First + units[u1].Count - units[u0].First);
            double sum = 0, variance = 0;
            for (var u = u0; u <= u1; u++)
            {
                sum += result.Intensity[u];
                for (var v = u0; v <= u1; v++)
                {
                    var c = result.Covariance![u, v];
                    if (double.IsFinite(c)) variance += c;
                }
            }
            intensity[g] = sum;
            esd[g] = Math.Sqrt(Math.Max(variance, 0) * scale);
        }
        return Assemble(input, lines, state.T, state.Shape, blocks, intensity, esd, reduced, "Pawley fit of the pattern");
    }

    /// <summary>Lines closer than this many FWHM are fitted as one intensity (their centroid error is below the noise).</summary>
    internal const double UnitFwhm = 0.1;

    /// <summary>Runs of consecutive units whose neighbouring lines are closer than <paramref name="mergeFwhm"/> × FWHM, as (first unit, last unit).</summary>
    private static List<(int From, int To)> Group((int First, int Count)[] units, ReflectionLines lines, double[] t, ProfileShape shape, ObservedPattern pattern, ExtinctionInput input, double mergeFwhm)
    {
        var lambda = input.Radiation.PrimaryLine.WavelengthAngstrom;
        double Position(int line) => shape.Observed(ProfileShape.TwoTheta(lines.InverseDSquared(line, t), lambda));
        var result = new List<(int, int)>();
        var start = 0;
        for (var u = 1; u <= units.Length; u++)
        {
            if (u < units.Length)
            {
                var previous = Position(units[u - 1].First + units[u - 1].Count - 1);
                var next = Position(units[u].First);
                if (next - previous < mergeFwhm * shape.Fwhm(next)) continue;
            }
            result.Add((start, u - 1));
            start = u;
        }
        return result;
    }

    internal static ExtractedIntensities Assemble(ExtinctionInput input, ReflectionLines lines, double[] t, ProfileShape shape, (int First, int Count)[] blocks,
        double[] intensity, double[] esd, double reducedChi2, string method)
    {
        var built = ImmutableArray.CreateBuilder<ExtractedBlock>(blocks.Length);
        var blockLines = ImmutableArray.CreateBuilder<int[]>(blocks.Length);
        for (var b = 0; b < blocks.Length; b++)
        {
            var (first, count) = blocks[b];
            var q = lines.InverseDSquared(first, t);
            var reflections = Enumerable.Range(first, count).SelectMany(l => lines.Members[l]).Select(h => (h[0], h[1], h[2])).ToImmutableArray();
            var multiplicity = Enumerable.Range(first, count).Sum(l => lines.Multiplicity[l]);
            built.Add(new ExtractedBlock(shape.Observed(ProfileShape.TwoTheta(q, input.Radiation.PrimaryLine.WavelengthAngstrom)), 1 / Math.Sqrt(q), reflections, multiplicity, intensity[b], esd[b]));
            blockLines.Add([.. Enumerable.Range(first, count)]);
        }
        var lineS = Enumerable.Range(0, lines.Count).Select(l => 0.5 * Math.Sqrt(Math.Max(lines.InverseDSquared(l, t), 0))).ToImmutableArray();
        return new ExtractedIntensities(CellFrom(lines.Basis, t), shape.ZeroDegrees, shape.DisplacementDegrees, shape.U, shape.V, shape.W, shape.Eta, built.MoveToImmutable(), reducedChi2, method)
        {
            BlockLines = blockLines.MoveToImmutable(),
            LineS = lineS,
            Lines = lines,
        };
    }

    /// <summary>The direct cell of reciprocal-metric coefficients t.</summary>
    internal static Lattice CellFrom(double[][] basis, double[] t)
    {
        var v = new double[6];
        for (var j = 0; j < basis.Length; j++) for (var i = 0; i < 6; i++) v[i] += t[j] * basis[j][i];
        var gStar = new Mat3(v[0], v[5], v[4], v[5], v[1], v[3], v[4], v[3], v[2]);
        var g = gStar.Inverse();
        double a = Math.Sqrt(g.M00), b = Math.Sqrt(g.M11), c = Math.Sqrt(g.M22);
        double Angle(double x, double p, double q) => Math.Acos(Math.Clamp(x / (p * q), -1, 1)) * 180 / Math.PI;
        return Lattice.FromParameters(a, b, c, Angle(g.M12, b, c), Angle(g.M02, a, c), Angle(g.M01, a, b));
    }

    /// <summary>Equal weights at the level of the point-to-point noise (median absolute second difference).</summary>
    private static double[] Uniform(double[] y)
    {
        var diffs = new double[y.Length - 2];
        for (var i = 1; i < y.Length - 1; i++) diffs[i - 1] = Math.Abs(y[i + 1] - 2 * y[i] + y[i - 1]) / Math.Sqrt(6);
        Array.Sort(diffs);
        var sigma = Math.Max(1.4826 * diffs[diffs.Length / 2], 1e-12 * (y.Max() - y.Min() + 1));
        return [.. y.Select(_ => 1 / (sigma * sigma))];
    }

    /// <summary>Weights from σ² = α + β·max(model, 0), α and β (≥ 0) fitted to the squared residuals by median bins of the model.</summary>
    private static double[] NoiseModel(PawleyFit fit, PawleyResult result)
    {
        var points = Enumerable.Range(result.FirstPoint, result.Points).Select(i => (Model: Math.Max(result.Model[i], 0), R2: Math.Pow(fit.Observed(i) - result.Model[i], 2))).OrderBy(p => p.Model).ToArray();
        const int bins = 12;
        var xs = new List<double>(); var ys = new List<double>();
        for (var b = 0; b < bins; b++)
        {
            var slice = points[(b * points.Length / bins)..((b + 1) * points.Length / bins)];
            if (slice.Length < 5) continue;
            xs.Add(slice.Average(p => p.Model));
            ys.Add(slice.Select(p => p.R2).Order().ElementAt(slice.Length / 2) / 0.455); // median of σ²χ²₁ is 0.455σ²
        }
        double mx = xs.Average(), my = ys.Average(), sxx = 0, sxy = 0;
        for (var i = 0; i < xs.Count; i++) { sxx += (xs[i] - mx) * (xs[i] - mx); sxy += (xs[i] - mx) * (ys[i] - my); }
        var beta = sxx > 0 ? Math.Max(sxy / sxx, 0) : 0;
        var alpha = Math.Max(my - beta * mx, 0.05 * ys.Min());
        if (!(alpha > 0)) alpha = Math.Max(ys.Where(y => y > 0).DefaultIfEmpty(1).Min(), 1e-300);
        var weights = new double[fit.PointCount];
        for (var i = 0; i < weights.Length; i++) weights[i] = 1 / (alpha + beta * Math.Max(result.Model[i], 0));
        return weights;
    }

    /// <summary>FWHM of the pattern's strongest peak (half-maximum crossings, linearly interpolated).</summary>
    private static double StrongestPeakFwhm(ObservedPattern pattern)
    {
        var (x, y) = (pattern.TwoThetaDegrees, pattern.Intensity);
        var top = Array.IndexOf(y, y.Max());
        var half = y[top] / 2;
        int l = top, r = top;
        while (l > 0 && y[l] > half) l--;
        while (r < y.Length - 1 && y[r] > half) r++;
        double Cross(int i, int j) => y[i] == y[j] ? x[i] : x[i] + (half - y[i]) * (x[j] - x[i]) / (y[j] - y[i]);
        var width = Cross(r - 1, r) - Cross(l, l + 1);
        return Math.Clamp(width, 0.02, 2);
    }
}
