using System.Globalization;

namespace Bravais.Crystallography.Geometry;

/// <summary>A cell parameter that is not plausible for a crystal, and the CIF field it comes from.</summary>
public sealed record CellProblem(string Field, string Reason);

/// <summary>
/// Plausibility limits a cell read from a file must meet before anything is computed from it (a = 1e308 or
/// 5000 Å cells made the powder calculator enumerate reflections until memory ran out). The bounds:
/// <list type="bullet">
/// <item><b>lengths 0.5–1000 Å</b>: no two atoms come closer than the H–H bond (0.74 Å), so a lattice
/// translation shorter than 0.5 Å would put an atom on top of its own image; the largest cells among the
/// 153k Materials Project structures reach 275 Å, the COD entries in ../shared 83 Å (the largest
/// small-molecule and inorganic cells in the literature stay below a few hundred Å), so 1000 Å leaves a
/// wide margin while refusing typing errors (5000, 1e308);</item>
/// <item><b>angles strictly between 0° and 180° that form a cell</b>: each angle less than the sum of the other
/// two and the three summing to less than 360° (the metric tensor is positive definite);</item>
/// <item><b>V / (abc) ≥ 0.001</b>: the flattest Materials Project cell has 0.0077 (some of its primitive cells
/// have angles below 5°), COD's 0.05; below 0.001 the cell is numerically degenerate.</item>
/// </list>
/// </summary>
public static class CellLimits
{
    public const double MinLengthAngstrom = 0.5;
    public const double MaxLengthAngstrom = 1000;
    public const double MinVolumeFraction = 1e-3;

    /// <summary>The first problem with cell parameters (Å, degrees), or null when they are plausible.</summary>
    public static CellProblem? Check(double a, double b, double c, double alpha, double beta, double gamma)
    {
        if (LengthProblem("_cell_length_a", "a", a) is { } pa) return pa;
        if (LengthProblem("_cell_length_b", "b", b) is { } pb) return pb;
        if (LengthProblem("_cell_length_c", "c", c) is { } pc) return pc;
        if (AngleProblem("_cell_angle_alpha", "α", alpha) is { } qa) return qa;
        if (AngleProblem("_cell_angle_beta", "β", beta) is { } qb) return qb;
        if (AngleProblem("_cell_angle_gamma", "γ", gamma) is { } qg) return qg;
        var angles = Invariant($"α = {alpha:0.###}°, β = {beta:0.###}°, γ = {gamma:0.###}°");
        var fraction2 = VolumeFractionSquared(alpha, beta, gamma);
        if (!(fraction2 > 0))
            return new CellProblem("_cell_angle", $"cell angles {angles} do not form a cell (each angle must be less than the sum of the other two, and all three less than 360° together)");
        if (fraction2 < MinVolumeFraction * MinVolumeFraction)
            return new CellProblem("_cell_angle", Invariant($"cell angles {angles} make the cell nearly flat: V/(abc) = {Math.Sqrt(fraction2):G3}, below the plausible minimum {MinVolumeFraction}"));
        return null;
    }

    /// <summary>The same checks on a lattice given by its vectors (a POSCAR).</summary>
    public static CellProblem? Check(Lattice lattice) =>
        Check(lattice.A, lattice.B, lattice.C, lattice.Alpha, lattice.Beta, lattice.Gamma);

    /// <summary>(V / abc)² = 1 − cos²α − cos²β − cos²γ + 2 cos α cos β cos γ: the determinant of the normalised metric tensor.</summary>
    public static double VolumeFractionSquared(double alpha, double beta, double gamma)
    {
        double ca = Math.Cos(alpha * Math.PI / 180), cb = Math.Cos(beta * Math.PI / 180), cg = Math.Cos(gamma * Math.PI / 180);
        return 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg;
    }

    private static CellProblem? LengthProblem(string field, string name, double value)
    {
        if (!double.IsFinite(value)) return new CellProblem(field, Invariant($"cell length {name} = {value} is not a finite number"));
        if (value is < MinLengthAngstrom or > MaxLengthAngstrom)
            return new CellProblem(field, Invariant($"cell length {name} = {value:G6} Å is outside the plausible range {MinLengthAngstrom}–{MaxLengthAngstrom} Å"));
        return null;
    }

    private static CellProblem? AngleProblem(string field, string name, double value)
    {
        if (!double.IsFinite(value) || value <= 0 || value >= 180)
            return new CellProblem(field, Invariant($"cell angle {name} = {value:G6}° must lie strictly between 0° and 180°"));
        return null;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
