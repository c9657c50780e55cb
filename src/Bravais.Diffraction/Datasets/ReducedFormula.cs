using System.Globalization;
using System.Text;
using Bravais.Crystallography.Structures;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// The reduced formula of a structure for the data-set <c>formula</c> column: the cell composition divided by the
/// greatest common divisor of its (integral) amounts, elements in Hill order (C, H, then alphabetical; alphabetical
/// without carbon), no spaces, e.g. "Cl4 Na4" → "ClNa". pymatgen orders by electronegativity and groups polyanions
/// ("MgZn(CoO2)4"); we do not, so formulas of such compounds are spelt differently from pymatgen-made files.
/// </summary>
public static class ReducedFormula
{
    public static string Of(Structure structure)
    {
        var composition = structure.Composition;
        var integral = composition.Values.All(v => Math.Abs(v - Math.Round(v)) < 1e-6 && Math.Round(v) > 0);
        long divisor = 0;
        if (integral)
            foreach (var v in composition.Values) divisor = Gcd(divisor, (long)Math.Round(v));
        if (divisor <= 0) divisor = 1;
        var order = composition.ContainsKey("C")
            ? new[] { "C", "H" }.Where(composition.ContainsKey).Concat(composition.Keys.Where(k => k is not ("C" or "H")).Order(StringComparer.Ordinal))
            : composition.Keys.Order(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var element in order)
        {
            var n = composition[element] / divisor;
            sb.Append(element);
            if (Math.Abs(n - 1) < 1e-6) continue;
            sb.Append(Math.Abs(n - Math.Round(n)) < 1e-6
                ? ((long)Math.Round(n)).ToString(CultureInfo.InvariantCulture)
                : n.ToString("0.####", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return Math.Abs(a);
    }
}
