namespace Bravais.Crystallography.Chemistry;

/// <summary>The chemical elements by symbol and atomic number (IUPAC, 1–118), plus the hydrogen isotopes D and T.</summary>
public static class Elements
{
    private static readonly string[] Symbols =
    [
        "",
        "H",
        "He",
        "Li",
        "Be",
        "B",
        "C",
        "N",
        "O",
        "F",
        "Ne",
        "Na",
        "Mg",
        "Al",
        "Si",
        "P",
        "S",
        "Cl",
        "Ar",
        "K",
        "Ca",
        "Sc",
        "Ti",
        "V",
        "Cr",
        "Mn",
        "Fe",
        "Co",
        "Ni",
        "Cu",
        "Zn",
        "Ga",
        "Ge",
        "As",
        "Se",
        "Br",
        "Kr",
        "Rb",
        "Sr",
        "Y",
        "Zr",
        "Nb",
        "Mo",
        "Tc",
        "Ru",
        "Rh",
        "Pd",
        "Ag",
        "Cd",
        "In",
        "Sn",
        "Sb",
        "Te",
        "I",
        "Xe",
        "Cs",
        "Ba",
        "La",
        "Ce",
        "Pr",
        "Nd",
        "Pm",
        "Sm",
        "Eu",
        "Gd",
        "Tb",
        "Dy",
        "Ho",
        "Er",
        "Tm",
        "Yb",
        "Lu",
        "Hf",
        "Ta",
        "W",
        "Re",
        "Os",
        "Ir",
        "Pt",
        "Au",
        "Hg",
        "Tl",
        "Pb",
        "Bi",
        "Po",
        "At",
        "Rn",
        "Fr",
        "Ra",
        "Ac",
        "Th",
        "Pa",
        "U",
        "Np",
        "Pu",
        "Am",
        "Cm",
        "Bk",
        "Cf",
        "Es",
        "Fm",
        "Md",
        "No",
        "Lr",
        "Rf",
        "Db",
        "Sg",
        "Bh",
        "Hs",
        "Mt",
        "Ds",
        "Rg",
        "Cn",
        "Nh",
        "Fl",
        "Mc",
        "Lv",
        "Ts",
        "Og",
    ];

    private static readonly Dictionary<string, int> ByUpperSymbol = BuildIndex();

    private static Dictionary<string, int> BuildIndex()
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var z = 1; z < Symbols.Length; z++) d[Symbols[z].ToUpperInvariant()] = z;
        d["D"] = 1; // deuterium
        d["T"] = 1; // tritium
        return d;
    }

    public static int Count => Symbols.Length - 1;

    /// <summary>The symbol of element Z (1–118).</summary>
    public static string Symbol(int atomicNumber) =>
        atomicNumber >= 1 && atomicNumber < Symbols.Length ? Symbols[atomicNumber] : throw new ArgumentOutOfRangeException(nameof(atomicNumber));

    /// <summary>Atomic number of an element symbol (case-insensitive; D and T map to 1).</summary>
    public static bool TryGetAtomicNumber(string symbol, out int atomicNumber) =>
        ByUpperSymbol.TryGetValue(symbol.Trim().ToUpperInvariant(), out atomicNumber);

    public static bool IsElement(string symbol) => TryGetAtomicNumber(symbol, out _);

    /// <summary>The canonical spelling of a symbol ("FE" → "Fe", "d" → "D"), or null when it is no element.</summary>
    public static string? Canonical(string symbol)
    {
        var s = symbol.Trim();
        if (!TryGetAtomicNumber(s, out var z)) return null;
        var up = s.ToUpperInvariant();
        return up is "D" or "T" ? up : Symbols[z];
    }
}
