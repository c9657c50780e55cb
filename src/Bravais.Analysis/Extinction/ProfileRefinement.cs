namespace Bravais.Analysis.Extinction;

/// <summary>
/// Levenberg–Marquardt refinement of the non-linear parameters of a Pawley fit (reciprocal-metric coefficients, zero
/// shift, sample displacement, Caglioti U, V, W and the pseudo-Voigt η) by variable projection: at every trial the
/// block intensities and background are the linear least-squares solution, so only the non-linear parameters are
/// searched, with the analytic Jacobian of the model at the current intensities (<see cref="PawleyFit.Derivatives"/>).
/// The blocks are held fixed during the search.
/// </summary>
internal static class ProfileRefinement
{
    public sealed record State(double[] T, ProfileShape Shape);

    public static State Refine(PawleyFit fit, State start, (int First, int Count)[] blocks, double[] weights, int maxIterations, bool refineCell)
    {
        var m = start.T.Length;
        var p = Pack(start);
        var free = Enumerable.Range(0, p.Length).Where(i => refineCell || i >= m + 2).ToArray();
        var current = fit.Solve(start.T, start.Shape, blocks, weights, false);
        if (current.Points == 0) return start;
        int lo = current.FirstPoint, hi = current.LastPoint;
        var chi2 = current.Chi2;
        var lambda = 1e-3;
        var state = start;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var derivatives = fit.Derivatives(state.T, state.Shape, blocks, current.Intensity, lo, hi);
            var nf = free.Length;
            var jtj = new double[nf, nf];
            var jtr = new double[nf];
            for (var a = 0; a < nf; a++)
            {
                var da = derivatives[free[a]];
                for (var i = lo; i <= hi; i++) jtr[a] += weights[i] * da[i - lo] * (fit.Observed(i) - current.Model[i]);
                for (var b = 0; b <= a; b++)
                {
                    var db = derivatives[free[b]];
                    double s = 0;
                    for (var i = lo; i <= hi; i++) s += weights[i] * da[i - lo] * db[i - lo];
                    jtj[a, b] = jtj[b, a] = s;
                }
            }
            var improved = false;
            for (var attempt = 0; attempt < 12 && !improved; attempt++)
            {
                var damped = (double[,])jtj.Clone();
                for (var a = 0; a < nf; a++) damped[a, a] += lambda * Math.Max(jtj[a, a], 1e-30) + 1e-30;
                var delta = PeakRefinement.DenseSolve(damped, jtr);
                if (delta is null) { lambda *= 10; continue; }
                var q = (double[])p.Clone();
                for (var a = 0; a < nf; a++) q[free[a]] += delta[a];
                var trialState = Unpack(q, m);
                var trial = fit.Solve(trialState.T, trialState.Shape, blocks, weights, false);
                if (trial.Chi2 < chi2)
                {
                    var gain = chi2 - trial.Chi2;
                    p = Pack(trialState); state = trialState; current = trial; chi2 = trial.Chi2;
                    lambda = Math.Max(lambda / 10, 1e-7);
                    improved = true;
                    // converged when the step gains less than a hundredth of χ² per point (weights are 1/σ², so χ²/N ≈ 1 at the noise)
                    if (gain < 1e-2 * chi2 / (hi - lo + 1)) return state;
                }
                else lambda *= 10;
            }
            if (!improved) break;
        }
        return state;
    }

    private static double[] Pack(State s) => [.. s.T, s.Shape.ZeroDegrees, s.Shape.DisplacementDegrees, s.Shape.U, s.Shape.V, s.Shape.W, s.Shape.Eta];

    private static State Unpack(double[] p, int m) =>
        new(p[..m], new ProfileShape(p[m], p[m + 2], p[m + 3], p[m + 4], Math.Clamp(p[m + 5], 0, 1), p[m + 1]));
}
