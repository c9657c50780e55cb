using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Indexing;

/// <summary>
/// A crystal system as the dichotomy searches it: reciprocal-metric parameters in which Q is linear,
/// Q(hkl) = Σ c_j(hkl)·p_j, with their ranges, the reduction conditions that pick one of the equivalent cells
/// (orthorhombic A ≤ B ≤ C; monoclinic 0 ≤ D ≤ A ≤ C, the Gauss-reduced reciprocal ac-mesh, b unique), the cell
/// volume of a parameter box, and the distinct coefficient vectors of the reflections.
/// <list type="bullet">
/// <item>cubic: Q = (h²+k²+l²)·A, A = 1/a²</item>
/// <item>tetragonal: Q = (h²+k²)·A + l²·C</item>
/// <item>hexagonal: Q = (h²+hk+k²)·A + l²·C, A = 4/(3a²)</item>
/// <item>orthorhombic: Q = h²A + k²B + l²C</item>
/// <item>monoclinic: Q = h²A + k²B + l²C + hl·D, D = 2a*c* cos β*</item>
/// </list>
/// </summary>
public sealed class SearchSystem
{
    public CrystalSystem System { get; }
    public MetricModel Model { get; }
    public int Dimensions => Model.Count;

    /// <summary>For each parameter, the parameter whose midpoint scales its width when choosing what to split (D is measured against A).</summary>
    private readonly int[] _scaleOf;

    private SearchSystem(CrystalSystem system, MetricModel model, int[] scaleOf)
    {
        System = system;
        Model = model;
        _scaleOf = scaleOf;
    }

    public static SearchSystem Cubic { get; } = new(CrystalSystem.Cubic, new("cubic", [[1, 1, 1, 0, 0, 0]]), [0]);
    public static SearchSystem Tetragonal { get; } = new(CrystalSystem.Tetragonal, new("tetragonal", [[1, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0]]), [0, 1]);
    public static SearchSystem Hexagonal { get; } = new(CrystalSystem.Hexagonal, new("hexagonal", [[1, 1, 0, 0, 0, 0.5], [0, 0, 1, 0, 0, 0]]), [0, 1]);
    public static SearchSystem Orthorhombic { get; } = new(CrystalSystem.Orthorhombic, new("orthorhombic", [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0]]), [0, 1, 2]);
    public static SearchSystem Monoclinic { get; } = new(CrystalSystem.Monoclinic, new("monoclinic", [[1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0], [0, 0, 0, 0, 0.5, 0]]), [0, 1, 2, 0]);

    /// <summary>Triclinic: no dichotomy (see <see cref="ZoneIndexing"/>), only the six-parameter model for refinement.</summary>
    public static SearchSystem Triclinic { get; } = new(CrystalSystem.Triclinic, MetricModel.Triclinic, [0, 1, 2, 1, 0, 0]);

    /// <summary>Cubic to monoclinic, in the order the search visits them.</summary>
    public static IReadOnlyList<SearchSystem> All { get; } = [Cubic, Tetragonal, Hexagonal, Orthorhombic, Monoclinic];

    /// <summary>The full parameter box for lines up to <paramref name="qLimit"/> and edges up to <paramref name="maxEdge"/> Å.</summary>
    public (double[] Lo, double[] Hi) Bounds(double qLimit, double maxEdge)
    {
        var lo = new double[Dimensions];
        var hi = new double[Dimensions];
        var min = 1 / (maxEdge * maxEdge);
        for (var j = 0; j < Dimensions; j++) { lo[j] = min; hi[j] = qLimit; }
        if (System == CrystalSystem.Hexagonal) lo[0] = 4 * min / 3;
        if (System == CrystalSystem.Monoclinic) { lo[3] = 0; hi[3] = qLimit; }
        return (lo, hi);
    }

    /// <summary>Whether some point of the box satisfies the reduction conditions.</summary>
    public bool Feasible(ReadOnlySpan<double> lo, ReadOnlySpan<double> hi) => System switch
    {
        CrystalSystem.Orthorhombic => lo[0] <= hi[1] && lo[1] <= hi[2],
        CrystalSystem.Monoclinic => lo[0] <= hi[2] && lo[3] <= hi[0],
        _ => true,
    };

    /// <summary>Smallest and largest cell volume (Å³) over the box (conservative).</summary>
    public (double Min, double Max) VolumeRange(ReadOnlySpan<double> lo, ReadOnlySpan<double> hi)
    {
        switch (System)
        {
            case CrystalSystem.Cubic: return (Math.Pow(hi[0], -1.5), Math.Pow(lo[0], -1.5));
            case CrystalSystem.Tetragonal: return (1 / (hi[0] * Math.Sqrt(hi[1])), 1 / (lo[0] * Math.Sqrt(lo[1])));
            case CrystalSystem.Hexagonal: return (2 / (Math.Sqrt(3) * hi[0] * Math.Sqrt(hi[1])), 2 / (Math.Sqrt(3) * lo[0] * Math.Sqrt(lo[1])));
            case CrystalSystem.Orthorhombic: return (1 / Math.Sqrt(hi[0] * hi[1] * hi[2]), 1 / Math.Sqrt(lo[0] * lo[1] * lo[2]));
            default:
                var dLo = Math.Min(lo[3], hi[0]);
                var dHi = Math.Min(hi[3], hi[0]);
                var big = hi[1] * (hi[0] * hi[2] - dLo * dLo / 4);
                var small = lo[1] * (lo[0] * lo[2] - dHi * dHi / 4);
                return (big > 0 ? 1 / Math.Sqrt(big) : 0, small > 0 ? 1 / Math.Sqrt(small) : double.PositiveInfinity);
        }
    }

    /// <summary>The parameter whose midpoint scales parameter <paramref name="j"/>'s width.</summary>
    public int ScaleOf(int j) => _scaleOf[j];

    /// <summary>The parameter to split: largest width relative to the midpoint of its scale parameter.</summary>
    public int SplitDimension(ReadOnlySpan<double> lo, ReadOnlySpan<double> hi)
    {
        var best = 0; var widest = -1.0;
        for (var j = 0; j < Dimensions; j++)
        {
            var s = _scaleOf[j];
            var relative = (hi[j] - lo[j]) / (0.5 * (lo[s] + hi[s]));
            if (relative > widest) { widest = relative; best = j; }
        }
        return best;
    }

    /// <summary>
    /// Distinct coefficient vectors (row-major, <see cref="Dimensions"/> per reflection) and one hkl each for all
    /// reflections that can reach Q ≤ <paramref name="qLimit"/> somewhere in the box starting at <paramref name="lo"/>.
    /// </summary>
    public (double[] Coefficients, int[] Hkl) Reflections(double[] lo, double qLimit)
    {
        var coefficients = new List<double>();
        var hkl = new List<int>();
        var seen = new HashSet<(long, long, long, long)>();
        void Add(int h, int k, int l, double c0, double c1 = 0, double c2 = 0, double c3 = 0)
        {
            if (!seen.Add(((long)c0, (long)c1, (long)c2, (long)c3))) return;
            coefficients.Add(c0);
            if (Dimensions > 1) coefficients.Add(c1);
            if (Dimensions > 2) coefficients.Add(c2);
            if (Dimensions > 3) coefficients.Add(c3);
            hkl.Add(h); hkl.Add(k); hkl.Add(l);
        }
        switch (System)
        {
            case CrystalSystem.Cubic:
            {
                var max = (int)Math.Sqrt(qLimit / lo[0]);
                for (var h = 0; h <= max; h++)
                    for (var k = 0; k <= h; k++)
                        for (var l = 0; l <= k; l++)
                        {
                            var n = h * h + k * k + l * l;
                            if (n > 0 && n * lo[0] <= qLimit) Add(h, k, l, n);
                        }
                break;
            }
            case CrystalSystem.Tetragonal or CrystalSystem.Hexagonal:
            {
                var hex = System == CrystalSystem.Hexagonal;
                var max = (int)Math.Sqrt(qLimit / lo[0]) + 1;
                var lMax = (int)Math.Sqrt(qLimit / lo[1]);
                for (var h = 0; h <= max; h++)
                    for (var k = 0; k <= h; k++)
                    {
                        var m = h * h + k * k + (hex ? h * k : 0);
                        if (m * lo[0] > qLimit) continue;
                        for (var l = 0; l <= lMax; l++)
                            if ((m > 0 || l > 0) && m * lo[0] + l * l * lo[1] <= qLimit) Add(h, k, l, m, l * l);
                    }
                break;
            }
            case CrystalSystem.Orthorhombic:
            {
                int hMax = (int)Math.Sqrt(qLimit / lo[0]), kMax = (int)Math.Sqrt(qLimit / lo[1]), lMax = (int)Math.Sqrt(qLimit / lo[2]);
                for (var h = 0; h <= hMax; h++)
                    for (var k = 0; k <= kMax; k++)
                        for (var l = 0; l <= lMax; l++)
                            if ((h | k | l) != 0 && h * h * lo[0] + k * k * lo[1] + l * l * lo[2] <= qLimit) Add(h, k, l, h * h, k * k, l * l);
                break;
            }
            default:
            {
                // with 0 ≤ D ≤ A ≤ C: h²A + l²C + hlD ≥ (h² + l²)·A/2, so |h|, l ≤ √(2Q/A)
                var hMax = (int)Math.Sqrt(2 * qLimit / lo[0]);
                var kMax = (int)Math.Sqrt(qLimit / lo[1]);
                for (var h = -hMax; h <= hMax; h++)
                    for (var l = 0; l <= hMax; l++)
                    {
                        if (l == 0 && h < 0) continue;
                        if ((h * h + l * l) * lo[0] / 2 > qLimit) continue;
                        for (var k = 0; k <= kMax; k++)
                            if ((h | k | l) != 0 && (h * h + l * l) * lo[0] / 2 + k * k * lo[1] <= qLimit) Add(h, k, l, h * h, k * k, l * l, h * l);
                    }
                break;
            }
        }
        return ([.. coefficients], [.. hkl]);
    }
}
