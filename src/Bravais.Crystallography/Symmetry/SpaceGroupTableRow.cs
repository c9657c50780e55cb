namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// One row of the generated Hall-settings table (<see cref="SpaceGroupTable"/>): symbols only, the
/// operations come from <see cref="HallSymbol"/>.
/// </summary>
/// <param name="HallNumber">spglib's serial number of the setting, 1–530.</param>
/// <param name="Number">Space-group type number, 1–230.</param>
/// <param name="Setting">Setting code: "" (the only one), "b"/"c"/"a" unique axis, "b1".."-a3" cell choices, "1"/"2" origin choice, "H"/"R" axes, "ba-c"… axis permutations.</param>
/// <param name="ShortSymbol">Short H–M symbol without spaces, e.g. "P2_1/c".</param>
/// <param name="FullSymbol">Full H–M symbol, e.g. "P 1 2_1/c 1".</param>
/// <param name="SpacedSymbol">Short H–M symbol with spaces between its parts, e.g. "P 2_1/c".</param>
/// <param name="Hall">Hall symbol, e.g. "-P 2ybc".</param>
/// <param name="PointGroup">Point group (H–M), e.g. "2/m".</param>
/// <param name="IsStandard">The ITA reference setting (unique axis b cell choice 1, origin choice 2, hexagonal axes).</param>
internal readonly record struct SpaceGroupTableRow(
    int HallNumber, int Number, string Setting, string ShortSymbol, string FullSymbol, string SpacedSymbol,
    string Hall, string PointGroup, bool IsStandard);
