namespace Bravais.Crystallography.Geometry;

/// <summary>
/// The point symmetry of a lattice in the basis of its own cell: the integer matrices W (entries −1…1, det ±1,
/// row-major) with WᵀGW = G within a tolerance. Entries −1…1 cover the holohedry of every conventional cell,
/// including hexagonal and rhombohedral axes; metric symmetries that need larger entries in the given basis
/// (very oblique, unreduced cells) are not seen.
/// </summary>
public static class LatticeRotations
{
    private static readonly Lazy<int[][]> UnimodularCandidates = new(() =>
    {
        var list = new List<int[]>();
        Span<int> m = stackalloc int[9];
        for (var code = 0; code < 19683; code++)
        {
            var c = code;
            for (var i = 0; i < 9; i++) { m[i] = c % 3 - 1; c /= 3; }
            var det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
            if (det is 1 or -1) list.Add(m.ToArray());
        }
        return [.. list];
    });

    /// <summary>
    /// The rotations (entries −1…1, row-major) that preserve a metric within the tolerance: the point
    /// symmetry of the lattice in this basis.
    /// </summary>
    public static int[][] Of(Lattice lattice, double toleranceAngstrom)
    {
        var g = lattice.MetricTensor;
        double[] length = [Math.Sqrt(g.M00), Math.Sqrt(g.M11), Math.Sqrt(g.M22)];
        return UnimodularCandidates.Value.Where(w => PreservesMetric(w, g, length, toleranceAngstrom)).ToArray();
    }

    private static bool PreservesMetric(int[] w, Mat3 g, double[] length, double tol)
    {
        // G' = Wᵀ G W, i.e. G'_ij = w_i · G w_j for the columns w_i of W; a displacement of tol changes a_i·a_j by
        // about tol·(|a_i| + |a_j|). The diagonal is tested first: most candidates fail there.
        Span<double> gw = stackalloc double[9]; // column j of G·W at 3j..3j+2
        for (var j = 0; j < 3; j++)
        {
            double x = w[j], y = w[3 + j], z = w[6 + j];
            gw[3 * j] = g.M00 * x + g.M01 * y + g.M02 * z;
            gw[3 * j + 1] = g.M10 * x + g.M11 * y + g.M12 * z;
            gw[3 * j + 2] = g.M20 * x + g.M21 * y + g.M22 * z;
            var hjj = x * gw[3 * j] + y * gw[3 * j + 1] + z * gw[3 * j + 2];
            if (Math.Abs(hjj - Entry(g, j, j)) > 4 * tol * length[j]) return false;
        }
        for (var i = 0; i < 3; i++)
        for (var j = i + 1; j < 3; j++)
        {
            var hij = w[i] * gw[3 * j] + w[3 + i] * gw[3 * j + 1] + w[6 + i] * gw[3 * j + 2];
            if (Math.Abs(hij - Entry(g, i, j)) > 2 * tol * (length[i] + length[j])) return false;
        }
        return true;
    }

    private static double Entry(Mat3 g, int i, int j) => (i, j) switch
    {
        (0, 0) => g.M00, (0, 1) => g.M01, (0, 2) => g.M02,
        (1, 0) => g.M10, (1, 1) => g.M11, (1, 2) => g.M12,
        (2, 0) => g.M20, (2, 1) => g.M21, _ => g.M22,
    };
}
