namespace Bravais.Analysis.Indexing;

/// <summary>The figures of merit of a refined cell.</summary>
public readonly record struct Merit(double M20, double FN, int N, int NPossible, double MeanAbsDeltaDegrees, int IndexedOfFirst20, int Unindexed);

/// <summary>
/// de Wolff (1968) M20 = Q20 / (2 ε̄ N20): Q20 the Q of the 20th observed line, ε̄ the mean |Q_obs − Q_calc| of the
/// indexed lines among the first 20, N20 the number of distinct calculated Q up to Q20 (of the primitive lattice, so
/// lattice centring is counted, space-group absences are not). Smith &amp; Snyder (1979) F_N = N / (|Δ2θ|‾ · N_poss)
/// over all N lines considered. With fewer than 20 lines, M_N over those lines.
/// </summary>
public static class FiguresOfMerit
{
    /// <param name="floorDegrees">Ranking variant: each line's |ΔQ| counts at least as the Q-equivalent of this 2θ error, so cells that fit within the measurement error compare by their number of calculated lines alone (0: de Wolff's definition).</param>
    public static Merit Compute(LineData lines, CellFitResult fit, double floorDegrees = 0)
    {
        var n20 = Math.Min(20, lines.Count);
        double sumQ = 0; var indexed20 = 0;
        for (var i = 0; i < n20; i++)
        {
            if (fit.Assigned[i] < 0) continue;
            sumQ += Math.Max(Math.Abs(lines.QCorrected(i, fit.ZeroDegrees, fit.DisplacementDegrees) - fit.Reflections[fit.Assigned[i]].Q), floorDegrees * lines.Slope[i]);
            indexed20++;
        }
        var q20 = lines.QCorrected(n20 - 1, fit.ZeroDegrees, fit.DisplacementDegrees);
        var calculated20 = HklEnumerator.DistinctCount(fit.Reflections, q20 + 1e-9 * q20);
        var epsilon = indexed20 > 0 ? Math.Max(sumQ / indexed20, 1e-7 * q20) : double.PositiveInfinity;
        var m20 = q20 / (2 * epsilon * Math.Max(calculated20, 1));

        double sumT = 0; var indexed = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (fit.Assigned[i] < 0) continue;
            sumT += Math.Abs(fit.DeltaTwoThetaDegrees[i]);
            indexed++;
        }
        var qN = lines.QCorrected(lines.Count - 1, fit.ZeroDegrees, fit.DisplacementDegrees);
        var possible = HklEnumerator.DistinctCount(fit.Reflections, qN + 1e-9 * qN);
        var mean = indexed > 0 ? Math.Max(sumT / indexed, 1e-5) : double.PositiveInfinity;
        var fn = indexed / (mean * Math.Max(possible, 1));
        return new Merit(m20, fn, lines.Count, possible, mean, indexed20, lines.Count - indexed);
    }
}
