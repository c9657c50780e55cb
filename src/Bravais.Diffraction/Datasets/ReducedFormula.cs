using System.Globalization;
using System.Text;
using Bravais.Crystallography.Chemistry;
using Bravais.Crystallography.Structures;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// The reduced formula of a structure for the data-set <c>formula</c> column, spelt as pymatgen's
/// <c>Composition.reduced_formula</c> spells it (the NANO281 files' convention): amounts divided by their greatest
/// common divisor when all are integers; elements in order of Pauling electronegativity (then symbol); when there
/// are at least three elements and the two most electronegative differ by less than 1.65, those two form a
/// bracketed polyanion with its own count ("MgZn(CoO2)4", "Li6MnV3(PO4)6"); amounts of 1 omitted, others written
/// as integers or with up to 8 decimals; diatomic elements and peroxides as pymatgen's special formulas ("N2", "Li2O2").
/// Elements without a tabulated electronegativity (He, Ne, Ar) sort first (pymatgen's order for them depends on its
/// input order; first matches the MP rows seen, e.g. "HeSiO2").
/// </summary>
public static class ReducedFormula
{
    private const double PolyanionElectronegativityGap = 1.65;

    public static string Of(Structure structure) => Of(structure.Composition);

    public static string Of(IReadOnlyDictionary<string, double> composition)
    {
        var (formula, _) = Reduce(composition.Where(kv => Math.Abs(kv.Value) > 1e-8).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
        return SpecialFormulas.TryGetValue(formula, out var special) ? special : formula;
    }

    /// <summary>pymatgen's <c>Composition.special_formulas</c>: diatomic elements and peroxides.</summary>
    private static readonly Dictionary<string, string> SpecialFormulas = new(StringComparer.Ordinal)
    {
        ["LiO"] = "Li2O2", ["NaO"] = "Na2O2", ["KO"] = "K2O2", ["HO"] = "H2O2", ["CsO"] = "Cs2O2", ["RbO"] = "Rb2O2",
        ["O"] = "O2", ["N"] = "N2", ["F"] = "F2", ["Cl"] = "Cl2", ["H"] = "H2",
    };

    private static (string Formula, long Factor) Reduce(Dictionary<string, double> amounts)
    {
        var symbols = amounts.Keys.OrderBy(Electronegativity).ThenBy(s => s, StringComparer.Ordinal).ToList();
        long factor = 1;
        if (amounts.Values.All(v => v == Math.Truncate(v)))
        {
            long g = 0;
            foreach (var v in amounts.Values) g = Gcd(g, (long)Math.Abs(v));
            if (g > 0) factor = g;
        }
        string? polyanion = null;
        if (symbols.Count >= 3 && Electronegativity(symbols[^1]) - Electronegativity(symbols[^2]) < PolyanionElectronegativityGap)
        {
            var poly = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [symbols[^2]] = amounts[symbols[^2]] / factor,
                [symbols[^1]] = amounts[symbols[^1]] / factor,
            };
            var (polyFormula, polyFactor) = Reduce(poly);
            if (polyFactor != 1) polyanion = $"({polyFormula}){polyFactor.ToString(CultureInfo.InvariantCulture)}";
        }
        if (polyanion is not null) symbols.RemoveRange(symbols.Count - 2, 2);
        var sb = new StringBuilder();
        foreach (var s in symbols)
        {
            sb.Append(s);
            sb.Append(FormatAmount(amounts[s] / factor));
        }
        if (polyanion is not null) sb.Append(polyanion);
        return (sb.ToString(), factor);
    }

    /// <summary>pymatgen's <c>formula_double_format</c>: "" for 1, an integer when within 1e-8 of one, else up to 8 decimals.</summary>
    private static string FormatAmount(double amount)
    {
        if (amount == 1) return "";
        if (Math.Abs(amount - Math.Truncate(amount)) < 1e-8) return ((long)Math.Truncate(amount)).ToString(CultureInfo.InvariantCulture);
        return Math.Round(amount, 8).ToString("R", CultureInfo.InvariantCulture);
    }

    private static double Electronegativity(string symbol)
    {
        if (!Elements.TryGetAtomicNumber(symbol, out var z) || z >= PaulingElectronegativity.ByAtomicNumber.Length) return double.PositiveInfinity;
        var x = PaulingElectronegativity.ByAtomicNumber[z];
        return double.IsNaN(x) ? double.NegativeInfinity : x;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return Math.Abs(a);
    }
}
