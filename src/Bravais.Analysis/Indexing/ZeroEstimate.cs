namespace Bravais.Analysis.Indexing;

/// <summary>
/// A zero-shift estimate before any cell is known, from pairs of lines that are first and second order of one
/// reflection (Q_j = 4·Q_i, i.e. sin θ_j = 2 sin θ_i after removing the zero shift z), as in Dong et al. (1999): every
/// pair gives the z that makes it exact; the z on which the most pairs agree (within 0.01°) is taken when at least
/// three pairs agree. Triclinic cells, which have no systematic absences, nearly always show such pairs.
/// </summary>
public static class ZeroEstimate
{
    public static double? FromOrders(LineData lines, double maxZeroDegrees, double agreementDegrees = 0.01, int minPairs = 3)
    {
        var values = new List<double>();
        for (var i = 0; i < lines.Count; i++)
            for (var j = i + 1; j < lines.Count; j++)
            {
                // solve sin((t_j − z)/2) = 2 sin((t_i − z)/2) for z by Newton from z = 0
                double ti = lines.TwoThetaDegrees[i], tj = lines.TwoThetaDegrees[j], z = 0;
                for (var k = 0; k < 6; k++)
                {
                    var f = Math.Sin((tj - z) * Math.PI / 360) - 2 * Math.Sin((ti - z) * Math.PI / 360);
                    var df = (-Math.Cos((tj - z) * Math.PI / 360) + 2 * Math.Cos((ti - z) * Math.PI / 360)) * Math.PI / 360;
                    if (df == 0) break;
                    z -= f / df;
                }
                if (Math.Abs(z) <= maxZeroDegrees) values.Add(z);
            }
        if (values.Count < minPairs) return null;
        values.Sort();
        PowderIndexer.Debug($"zero candidates {string.Join(" ", values.Select(v => v.ToString("0.000")))}");
        int bestCount = 0; double best = 0;
        for (var a = 0; a < values.Count; a++)
        {
            var b = a;
            while (b + 1 < values.Count && values[b + 1] - values[a] <= agreementDegrees) b++;
            if (b - a + 1 > bestCount) { bestCount = b - a + 1; best = values.Skip(a).Take(b - a + 1).Average(); }
        }
        return bestCount >= minPairs ? best : null;
    }
}
