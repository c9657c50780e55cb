namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// The 230 space-group types in the 530 settings tabulated with Hall symbols (International Tables
/// Vol. A/B data as distributed by spglib), with exact operations generated from the Hall symbols by
/// <see cref="HallSymbol"/>. The table is built once, lazily and thread-safely, on first use.
/// </summary>
public static class SpaceGroups
{
    /// <summary>The 230 types in their standard (reference) settings, index = number − 1: unique axis b
    /// cell choice 1, origin choice 2, hexagonal axes for the R groups.</summary>
    public static IReadOnlyList<SpaceGroup> Standard => SpaceGroupTable.Get().Standard;

    /// <summary>Every tabulated setting (standard ones included), in Hall-number order (index = HallNumber − 1).</summary>
    public static IReadOnlyList<SpaceGroup> AllSettings => SpaceGroupTable.Get().All;

    /// <summary>P1 and P-1 in A-, B-, C-, I- and F-centred cells ("C 1", "A -1"; setting code = centring letter,
    /// HallNumber 0): not among the 530 Hall settings, but found by <see cref="TryFindBySymbol"/> and
    /// <see cref="FindByOperations"/> because older COD entries use them.</summary>
    public static IReadOnlyList<SpaceGroup> CentredTriclinicSettings => SpaceGroupTable.Get().CentredTriclinic;

    /// <summary>The standard setting of space-group type <paramref name="number"/> (1–230).</summary>
    public static SpaceGroup ByNumber(int number)
    {
        if (number is < 1 or > 230) throw new ArgumentOutOfRangeException(nameof(number), number, "space-group number must be 1–230");
        return SpaceGroupTable.Get().Standard[number - 1];
    }

    /// <summary>The setting with spglib's Hall number <paramref name="hallNumber"/> (1–530).</summary>
    public static SpaceGroup ByHallNumber(int hallNumber)
    {
        if (hallNumber is < 1 or > 530) throw new ArgumentOutOfRangeException(nameof(hallNumber), hallNumber, "Hall number must be 1–530");
        return SpaceGroupTable.Get().All[hallNumber - 1];
    }

    /// <summary>
    /// Finds a setting by Hermann–Mauguin symbol (short or full, any spacing and case, screw axes as
    /// "21", "2_1" or "2(1)", bar or old bar-less cubic forms, pre-2002 e-glide symbols such as Cmca,
    /// optional ":1"/":2"/":H"/":R"/":b1"…, " S"/" Z" origin choice 1/2, or H/R appended) or by Hall symbol.
    /// An origin suffix on a type with a single origin is ignored; an unknown setting code is not found.
    /// An H–M symbol without a suffix resolves to the standard setting among those it names: origin
    /// choice 2 for the groups with two origins (CIFs leave this ambiguous; choice 2 is the ITA and
    /// Materials Project reference), hexagonal axes for R groups, unique axis b for monoclinic short symbols.
    /// A string that is exactly a tabulated Hall symbol and not exactly an H–M symbol is read as Hall
    /// ("P 4 2" is P422; "P 2" is the H–M P 1 2 1, not the Hall symbol of P 1 1 2). A Hall symbol that is
    /// not tabulated resolves when its operations equal a tabulated setting's.
    /// </summary>
    public static bool TryFindBySymbol(string symbol, out SpaceGroup group)
    {
        group = null!;
        if (string.IsNullOrWhiteSpace(symbol)) return false;
        var catalog = SpaceGroupTable.Get();
        var text = SpaceGroupSymbols.Unquote(symbol);
        if (text.Length == 0) return false;

        var hallKey = SpaceGroupSymbols.HallKey(text);
        if (catalog.ByHallKey.TryGetValue(hallKey, out var tabulatedHall) &&
            !catalog.ExactHermannMauguin.Contains(hallKey.Replace("_", "", StringComparison.Ordinal)))
        {
            group = tabulatedHall; // e.g. "P 4 2" is the Hall symbol of P422, not P4_2 written loosely
            return true;
        }
        if (!text.StartsWith('-'))
        {
            if (TryFindHermannMauguin(catalog, text, "", out group)) return true;
            var (bare, setting) = SpaceGroupSymbols.SplitSetting(text);
            if (bare.Length > 0 && TryFindHermannMauguin(catalog, bare, setting, out group)) return true;
        }
        return TryFindByHall(text, out group);
    }

    /// <summary>Finds a setting by Hall symbol: a tabulated one (whitespace-insensitive), or any valid Hall
    /// symbol whose operations equal those of a tabulated setting.</summary>
    public static bool TryFindByHall(string hall, out SpaceGroup group)
    {
        group = null!;
        if (string.IsNullOrWhiteSpace(hall)) return false;
        var catalog = SpaceGroupTable.Get();
        var text = SpaceGroupSymbols.Unquote(hall);
        if (catalog.ByHallKey.TryGetValue(SpaceGroupSymbols.HallKey(text), out var g)) { group = g; return true; }
        try
        {
            var found = FindByOperations(HallSymbol.Operations(text));
            if (found is null) return false;
            group = found;
            return true;
        }
        catch (CrystallographyException)
        {
            return false;
        }
    }

    private static bool TryFindHermannMauguin(SpaceGroupTable.Catalog catalog, string symbol, string setting, out SpaceGroup group)
    {
        group = null!;
        if (!catalog.BySymbolKey.TryGetValue(SpaceGroupSymbols.Key(symbol), out var candidates)) return false;
        foreach (var c in candidates) // sorted by preference
            if (SpaceGroupSymbols.SettingMatches(c.Setting, setting)) { group = c; return true; }
        // an origin-choice suffix on a type with only one origin ("P n m a :1") carries no information
        if (setting is "1" or "2" && candidates.All(c => c.Setting.Length == 0 || !char.IsDigit(c.Setting[0])))
        {
            group = candidates[0];
            return true;
        }
        return false;
    }

    /// <summary>The tabulated setting whose operations equal <paramref name="operations"/> modulo lattice
    /// translations (order and duplicates ignored; centring translations must be included), or null.</summary>
    public static SpaceGroup? FindByOperations(IReadOnlyCollection<SymmetryOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return SpaceGroupTable.Get().ByOperations.GetValueOrDefault(new OperationSet(operations));
    }

    /// <summary>Generates the operations of a Hall symbol (e.g. "-P 2ybc"); see <see cref="HallSymbol.Operations"/>.</summary>
    public static IReadOnlyList<SymmetryOperation> OperationsFromHall(string hall) => HallSymbol.Operations(hall);
}
