namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// The 230 space-group types and their common settings, with operations generated from Hall symbols.
/// PLACEHOLDER SIGNATURES: the implementation lands on the spacegroups branch; do not rely on behaviour here.
/// </summary>
public static class SpaceGroups
{
    /// <summary>The 230 types in their standard (reference) settings, index = number − 1.</summary>
    public static IReadOnlyList<SpaceGroup> Standard => throw new NotImplementedException("space-group table not yet merged");

    /// <summary>Every tabulated setting (standard ones included).</summary>
    public static IReadOnlyList<SpaceGroup> AllSettings => throw new NotImplementedException("space-group table not yet merged");

    /// <summary>The standard setting of space-group type <paramref name="number"/> (1–230).</summary>
    public static SpaceGroup ByNumber(int number) => throw new NotImplementedException("space-group table not yet merged");

    /// <summary>Finds a setting by Hermann–Mauguin symbol (short or full, any spacing, optional ":1"/":2"/":H"/":R") or Hall symbol.</summary>
    public static bool TryFindBySymbol(string symbol, out SpaceGroup group) => throw new NotImplementedException("space-group table not yet merged");

    /// <summary>The tabulated setting whose operations equal <paramref name="operations"/> modulo lattice translations, or null.</summary>
    public static SpaceGroup? FindByOperations(IReadOnlyCollection<SymmetryOperation> operations) => throw new NotImplementedException("space-group table not yet merged");

    /// <summary>Generates the operations of a Hall symbol (e.g. "-P 2ybc").</summary>
    public static IReadOnlyList<SymmetryOperation> OperationsFromHall(string hall) => throw new NotImplementedException("space-group table not yet merged");
}
