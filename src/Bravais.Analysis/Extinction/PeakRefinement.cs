namespace Bravais.Analysis.Extinction;

/// <summary>
/// What observed peaks say about the cell and the profile before any pattern is fitted: each peak is matched to the
/// nearest line (Kα1 position) when no other line is nearly as close, and the reciprocal-metric coefficients and the
/// zero shift are refined by Gauss–Newton on the 2θ residuals; the Caglioti U, V, W come from a least-squares fit of
/// FWHM² to the peaks' widths.
/// </summary>
internal static class PeakRefinement
{
    /// <summary>
    /// Refined (t, zero) from peak positions; unchanged when fewer peaks match than there are parameters + 3, or when the
    /// refinement would move a d-spacing by more than 1 % (a wrong assignment, not a refinement). Matches whose residual
    /// exceeds 3 robust standard deviations (blends of unresolved lines, impurity peaks) are dropped and the fit redone.
    /// </summary>
    public static (double[] T, double Zero) RefineCell(ReflectionLines lines, double[] t, double zero, IReadOnlyList<ObservedPeak> peaks, double wavelength, Func<double, double> fwhm)
    {
        var m = t.Length;
        var current = (double[])t.Clone();
        var z = zero;
        // wide matching first, repeated while the refined cell brings more (higher-angle) peaks within reach, then tighter
        foreach (var tolerance in new[] { 1.0, 1.0, 1.0, 1.0, 0.5, 0.3 })
        {
            var matches = Match(lines, current, z, peaks, wavelength, fwhm, tolerance);
            for (var pass = 0; pass < 3 && matches.Count >= m + 3; pass++)
            {
                var step = GaussNewton(lines, current, z, matches, wavelength);
                if (step is null) break;
                for (var j = 0; j < m; j++) current[j] += step[j];
                z += step[m];
                var residuals = matches.Select(x => (x.Peak.TwoThetaDegrees - (ProfileShape.TwoTheta(lines.InverseDSquared(x.Line, current), wavelength) + z)) / Esd(x.Peak)).ToArray();
                var scale = Math.Max(1.4826 * residuals.Select(Math.Abs).Order().ElementAt(residuals.Length / 2), 1);
                var kept = matches.Where((_, i) => Math.Abs(residuals[i]) <= 3 * scale).ToList();
                if (kept.Count == matches.Count) break;
                matches = kept;
            }
        }
        for (var j = 0; j < m; j++)
            if (Math.Abs(current[j] - t[j]) > 0.02 * t.Select(Math.Abs).Max()) return (t, zero);
        return Math.Abs(z - zero) > 0.5 ? (t, zero) : (current, z);
    }

    private static double Esd(ObservedPeak peak) => peak.TwoThetaEsdDegrees ?? Math.Max(0.05 * peak.FwhmDegrees, 0.002);

    /// <summary>One Gauss–Newton step on (t, zero) for the matched peaks; rows d(2θ)/dt_j = (180/π)·λ q_j / (2√Q cos θ), d(2θ)/dzero = 1.</summary>
    private static double[]? GaussNewton(ReflectionLines lines, double[] t, double zero, List<(ObservedPeak Peak, int Line)> matches, double wavelength)
    {
        var m = t.Length;
        var n = m + 1;
        var normal = new double[n, n];
        var rhs = new double[n];
        var row = new double[n];
        foreach (var (peak, line) in matches)
        {
            var q = lines.InverseDSquared(line, t);
            var calc = ProfileShape.TwoTheta(q, wavelength);
            if (double.IsNaN(calc)) continue;
            var dq = 180 / Math.PI * wavelength / (2 * Math.Sqrt(q) * Math.Cos(calc * Math.PI / 360));
            for (var j = 0; j < m; j++) row[j] = dq * lines.BasisValues[line][j];
            row[m] = 1;
            var weight = 1 / Math.Pow(Esd(peak), 2);
            var r = peak.TwoThetaDegrees - (calc + zero);
            for (var a = 0; a < n; a++)
            {
                rhs[a] += weight * row[a] * r;
                for (var b = 0; b < n; b++) normal[a, b] += weight * row[a] * row[b];
            }
        }
        return DenseSolve(normal, rhs);
    }

    /// <summary>Caglioti (U, V, W) from peak widths, or null with fewer than 3 usable peaks (then the caller falls back).</summary>
    public static (double U, double V, double W)? FitCaglioti(IReadOnlyList<ObservedPeak> peaks)
    {
        var usable = peaks.Where(p => p.FwhmDegrees > 0 && double.IsFinite(p.FwhmDegrees)).ToList();
        if (usable.Count < 3) return null;
        var normal = new double[3, 3];
        var rhs = new double[3];
        foreach (var p in usable)
        {
            var tan = Math.Tan(p.TwoThetaDegrees * Math.PI / 360);
            double[] row = [tan * tan, tan, 1];
            var y = p.FwhmDegrees * p.FwhmDegrees;
            for (var a = 0; a < 3; a++) { rhs[a] += row[a] * y; for (var b = 0; b < 3; b++) normal[a, b] += row[a] * row[b]; }
        }
        // a little ridge toward U = V = 0 keeps three or four peaks from producing wild curvature
        var scale = normal[2, 2];
        normal[0, 0] += 1e-3 * scale; normal[1, 1] += 1e-3 * scale;
        var s = DenseSolve(normal, rhs);
        if (s is null) return null;
        return (s[0], s[1], s[2]);
    }

    private static List<(ObservedPeak Peak, int Line)> Match(ReflectionLines lines, double[] t, double zero, IReadOnlyList<ObservedPeak> peaks, double wavelength, Func<double, double> fwhm, double tolerance)
    {
        var positions = new double[lines.Count];
        for (var l = 0; l < lines.Count; l++) positions[l] = ProfileShape.TwoTheta(lines.InverseDSquared(l, t), wavelength) + zero;
        var result = new List<(ObservedPeak, int)>();
        foreach (var peak in peaks)
        {
            var width = fwhm(peak.TwoThetaDegrees);
            int best = -1; double bestDistance = double.MaxValue, second = double.MaxValue;
            for (var l = 0; l < positions.Length; l++)
            {
                var d = Math.Abs(positions[l] - peak.TwoThetaDegrees);
                if (d < bestDistance) { second = bestDistance; bestDistance = d; best = l; }
                else if (d < second) second = d;
            }
            if (best >= 0 && bestDistance < tolerance * width && second > bestDistance + 0.7 * width) result.Add((peak, best));
        }
        return result;
    }

    /// <summary>Gaussian elimination with partial pivoting on a small dense system; null when singular.</summary>
    internal static double[]? DenseSolve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var c = 0; c < n; c++)
        {
            var p = c;
            for (var r = c + 1; r < n; r++) if (Math.Abs(m[r, c]) > Math.Abs(m[p, c])) p = r;
            if (Math.Abs(m[p, c]) < 1e-300) return null;
            if (p != c) { for (var k = 0; k < n; k++) (m[c, k], m[p, k]) = (m[p, k], m[c, k]); (x[c], x[p]) = (x[p], x[c]); }
            for (var r = c + 1; r < n; r++)
            {
                var f = m[r, c] / m[c, c];
                if (f == 0) continue;
                for (var k = c; k < n; k++) m[r, k] -= f * m[c, k];
                x[r] -= f * x[c];
            }
        }
        for (var r = n - 1; r >= 0; r--)
        {
            var s = x[r];
            for (var k = r + 1; k < n; k++) s -= m[r, k] * x[k];
            x[r] = s / m[r, r];
        }
        return x.All(double.IsFinite) ? x : null;
    }
}
