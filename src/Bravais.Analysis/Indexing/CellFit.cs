using Bravais.Analysis.Numerics;

namespace Bravais.Analysis.Indexing;

/// <summary>
/// A refined cell: reciprocal metric and its model parameters, zero shift and displacement (degrees 2θ), and for
/// every line the reflection it is indexed by (−1: unindexed) with the residual Δ2θ = 2θ_obs,corrected − 2θ_calc.
/// </summary>
public sealed record CellFitResult(
    MetricModel Model,
    double[] Parameters,
    Metric Reciprocal,
    double ZeroDegrees,
    double DisplacementDegrees,
    Reflection[] Reflections,
    int[] Assigned,
    double[] DeltaTwoThetaDegrees,
    int IndexedCount)
{
    public double MeanAbsDeltaDegrees
    {
        get
        {
            double s = 0; var n = 0;
            for (var i = 0; i < Assigned.Length; i++) if (Assigned[i] >= 0) { s += Math.Abs(DeltaTwoThetaDegrees[i]); n++; }
            return n == 0 ? double.NaN : s / n;
        }
    }
}

/// <summary>
/// Least-squares refinement of a cell against indexed lines: alternately index every line by the nearest
/// calculated reflection (within its tolerance) and solve the linear weighted least squares for the metric
/// parameters, the zero shift and the sample displacement (both with a weak Gaussian prior that keeps them finite
/// when the lines cannot tell them apart). Residuals are weighted in 2θ.
/// </summary>
public static class CellFit
{
    /// <summary>Prior standard deviations (degrees 2θ) of the zero shift and the displacement.</summary>
    public const double ZeroPriorDegrees = 0.1, DisplacementPriorDegrees = 0.1;

    public static CellFitResult? Refine(LineData lines, MetricModel model, double[] start, double zero, double displacement,
        bool refineZero, bool refineDisplacement, double toleranceScale = 1, double extraToleranceDegrees = 0, int iterations = 8)
    {
        var n = model.Count;
        var t = (double[])start.Clone();
        var unknowns = n + (refineZero ? 1 : 0) + (refineDisplacement ? 1 : 0);
        var a = new double[unknowns * unknowns];
        var b = new double[unknowns];
        var row = new double[unknowns];
        var coefficients = new double[n];
        int[] assigned = new int[lines.Count];
        int[] previous = new int[lines.Count];
        Reflection[] reflections = [];
        var qMax = lines.Q[^1] * 1.02 + lines.Slope[^1] * 0.5;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var metric = model.Compose(t);
            if (!(metric.Determinant > 0)) return null;
            reflections = HklEnumerator.Enumerate(metric, qMax);
            if (reflections.Length == 0) return null;
            var indexed = Assign(lines, reflections, zero, displacement, toleranceScale, extraToleranceDegrees, assigned, out _);
            if (indexed < unknowns + 1) return null;
            if (iteration > 0 && assigned.AsSpan().SequenceEqual(previous) && iteration > 2) break;
            assigned.CopyTo(previous, 0);
            Array.Clear(a); Array.Clear(b);
            for (var i = 0; i < lines.Count; i++)
            {
                if (assigned[i] < 0) continue;
                var r = reflections[assigned[i]];
                model.Coefficients(r.H, r.K, r.L, coefficients);
                var qc = lines.QCorrected(i, zero, displacement);
                var slope = lines.Slope[i];
                var sigma = slope * Math.Max(lines.ToleranceDegrees[i] / 3, 1e-4);
                var w = 1 / (sigma * sigma);
                coefficients.CopyTo(row, 0);
                var c = n;
                if (refineZero) row[c++] = slope;
                if (refineDisplacement) row[c++] = -slope * lines.CosTheta[i];
                Accumulate(a, b, row, qc, w, unknowns);
            }
            // priors pull the increments towards zero total shift: (z + δz)/σ = 0
            var k = n;
            if (refineZero) { a[k * unknowns + k] += 1 / (ZeroPriorDegrees * ZeroPriorDegrees); b[k] += -zero / (ZeroPriorDegrees * ZeroPriorDegrees); k++; }
            if (refineDisplacement) { a[k * unknowns + k] += 1 / (DisplacementPriorDegrees * DisplacementPriorDegrees); b[k] += -displacement / (DisplacementPriorDegrees * DisplacementPriorDegrees); }
            for (var i = 0; i < unknowns; i++) a[i * unknowns + i] *= 1 + 1e-12;
            if (!SymmetricSystem.TrySolve(a, unknowns, b)) return null;
            for (var j = 0; j < n; j++) t[j] = b[j];
            k = n;
            if (refineZero) zero += b[k++];
            if (refineDisplacement) displacement += b[k];
            if (Math.Abs(zero) > 1 || Math.Abs(displacement) > 1) return null;
        }
        var final = model.Compose(t);
        if (!(final.Determinant > 0)) return null;
        reflections = HklEnumerator.Enumerate(final, qMax);
        if (reflections.Length == 0) return null;
        var count = Assign(lines, reflections, zero, displacement, toleranceScale, extraToleranceDegrees, assigned, out var delta);
        return new CellFitResult(model, t, final, zero, displacement, reflections, assigned, delta, count);
    }

    /// <summary>Indexes each line by the nearest reflection when within tolerance; returns how many were indexed.</summary>
    public static int Assign(LineData lines, Reflection[] reflections, double zero, double displacement, double toleranceScale, double extraToleranceDegrees,
        int[] assigned, out double[] deltaTwoTheta)
    {
        deltaTwoTheta = new double[lines.Count];
        var count = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var qc = lines.QCorrected(i, zero, displacement);
            var j = HklEnumerator.Nearest(reflections, qc);
            var delta = j < 0 ? double.PositiveInfinity : (qc - reflections[j].Q) / lines.Slope[i];
            deltaTwoTheta[i] = delta;
            if (Math.Abs(delta) <= lines.ToleranceDegrees[i] * toleranceScale + extraToleranceDegrees) { assigned[i] = j; count++; }
            else assigned[i] = -1;
        }
        return count;
    }

    private static void Accumulate(double[] a, double[] b, double[] row, double y, double w, int n)
    {
        for (var i = 0; i < n; i++)
        {
            var wi = w * row[i];
            if (wi == 0) continue;
            b[i] += wi * y;
            for (var j = 0; j < n; j++) a[i * n + j] += wi * row[j];
        }
    }
}
