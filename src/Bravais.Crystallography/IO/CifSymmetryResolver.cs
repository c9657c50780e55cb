using System.Collections.Immutable;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Crystallography.IO;

/// <summary>
/// The symmetry a CIF block declares, in either tag dialect.
/// <para>Space-group number: the Hall or Hermann–Mauguin symbol's group (when they name different types, the
/// one the xyz loop agrees with), else the group the xyz loop matches (any centring of P1/P-1 counts as 1/2),
/// else the number tag (the same precedence as gemmi).</para>
/// <para>Operations used for expansion: the xyz loop; the symbol's group instead when the loop is only part
/// of it (centring or inversion left out) or cannot be read; with no loop, the symbol's group, else the
/// standard setting of the number, else P1 — each fallback with a warning. An R symbol without ":H"/":R" on a
/// rhombohedral cell means rhombohedral axes.</para>
/// <para>Consistency (issue 18; the checks gemmi and cod-tools make): the loop must be a group (identity,
/// closure modulo lattice translations) of the symbol's type; Hall symbol, H–M symbol and number must agree;
/// a number outside 1–230 and a symbol that is not recognised where it decides the operations are errors.
/// Each is a <see cref="CrystallographyException"/>, or in lenient reading a warning
/// (<see cref="Resolution.Problems"/>). The cell metric is checked against the operations by the builder.</para>
/// <para>Bravais lattice: the resolved group's; else the crystal system of the number with the centring
/// found in the operations (rhombohedral groups are hR on either axes).</para>
/// </summary>
public static class CifSymmetryResolver
{
    internal static readonly string[] OperationTags =
        ["_space_group_symop_operation_xyz", "_symmetry_equiv_pos_as_xyz"];
    internal static readonly string[] NumberTags =
        ["_space_group_it_number", "_symmetry_int_tables_number", "_space_group_number"];
    internal static readonly string[] HermannMauguinTags =
        ["_space_group_name_h-m_alt", "_symmetry_space_group_name_h-m", "_space_group_name_h-m", "_space_group_name_h-m_ref", "_space_group_name_h-m_full"];
    internal static readonly string[] HallTags =
        ["_space_group_name_hall", "_symmetry_space_group_name_hall"];

    /// <summary>What was resolved for one block; <see cref="Problems"/> lists the consistency problems passed over in lenient reading.</summary>
    public sealed record Resolution(SymmetryInfo Info, SpaceGroup? Group, BravaisLattice? BravaisLattice)
    {
        public ImmutableArray<string> Problems { get; init; } = [];
    }

    private static readonly ImmutableArray<SymmetryOperation> P1 = [SymmetryOperation.Identity];

    /// <summary>
    /// Resolves a block's symmetry. Consistency problems (operations that are not a group, symbols and numbers that
    /// disagree or are unknown where they matter) throw a <see cref="CrystallographyException"/>, or with
    /// <paramref name="lenient"/> become warnings (the problems are then also in <see cref="Resolution.Problems"/>).
    /// </summary>
    public static Resolution Resolve(CifBlock block, ICollection<string> warnings, bool lenient = false)
    {
        var report = new ConsistencyReport(block, lenient, warnings);
        return Resolve(block, warnings, report);
    }

    internal static Resolution Resolve(CifBlock block, ICollection<string> warnings, ConsistencyReport report)
    {
        var hmValue = Value(block, HermannMauguinTags);
        var hallValue = Value(block, HallTags);
        var hm = hmValue?.Value.Text;
        var hall = hallValue?.Value.Text;
        var symbolValue = hallValue ?? hmValue; // the symbol named in messages: the Hall symbol when there is one
        var declaredNumber = ReadNumber(block, warnings, report);

        // the symbol's group
        SpaceGroup? hallGroup = hall is not null && (SpaceGroups.TryFindByHall(hall, out var byHall) || SpaceGroups.TryFindBySymbol(hall, out byHall)) ? byHall : null;
        SpaceGroup? hmGroup = hm is not null && SpaceGroups.TryFindBySymbol(hm, out var byHm) ? RhombohedralAxesIfTheCellIs(byHm, hm, block, warnings) : null;
        if (hall is not null && hallGroup is null) warnings.Add($"Hall symbol '{hall}' not recognised");
        if (hm is not null && hmGroup is null) warnings.Add($"H–M symbol '{hm}' not recognised");

        // the loop
        var loopOps = ReadOperations(block, out var loopError, out var loopTag, out var loopLine);
        SpaceGroup? loopGroup = null;
        int? loopTypeNumber = null;
        var loopIsGroup = false;
        string? loopProblem = null;
        if (!loopOps.IsDefault)
        {
            loopProblem = OperationChecks.GroupProblem(loopOps);
            loopIsGroup = loopProblem is null;
            loopGroup = loopIsGroup ? SpaceGroups.FindByOperations(loopOps) : null;
            loopTypeNumber = loopIsGroup ? loopGroup?.Number ?? TriclinicType(loopOps) : null;
        }

        // the symbol's group: the Hall symbol's (exact) unless it names another type than the H–M symbol, in
        // which case the one the operation loop agrees with, else the H–M symbol (the primary CIF declaration)
        var symbolGroup = hallGroup ?? hmGroup;
        if (hallGroup is not null && hmGroup is not null && hallGroup.Number != hmGroup.Number)
        {
            symbolGroup = loopTypeNumber == hallGroup.Number ? hallGroup : hmGroup;
            var disagreement = $"Hall symbol '{hall}' (group {hallGroup.Number}) and H–M symbol '{hm}' (group {hmGroup.Number}) disagree";
            if (loopTypeNumber == symbolGroup.Number) warnings.Add($"{disagreement}; used {symbolGroup.Number}, which the symmetry operations form");
            else report.Fail(disagreement, hallValue!.Value.Value.Line, hallValue.Value.Tag);
        }

        // operations for expansion
        ImmutableArray<SymmetryOperation> ops;
        SpaceGroup? usedGroup = null;
        if (!loopOps.IsDefault)
        {
            ops = loopOps;
            usedGroup = loopGroup;
            if (symbolGroup is not null && loopOps.Length < symbolGroup.Order && IsSubset(loopOps, symbolGroup))
            {
                ops = symbolGroup.Operations;
                usedGroup = symbolGroup;
                warnings.Add($"the {loopOps.Length} listed symmetry operations are only part of {symbolGroup.HermannMauguin} ({symbolGroup.Order} operations); used the symbol's operations");
            }
            else
            {
                if (loopProblem is not null) report.Fail(loopProblem, loopLine, loopTag);
                else if (symbolGroup is not null) CheckLoopAgreesWithSymbol(loopOps, loopTypeNumber, symbolGroup, hall ?? hm!, report, loopLine, loopTag);
            }
        }
        else if (loopError is not null)
        {
            var fallback = symbolGroup ?? (declaredNumber is int n ? SpaceGroups.ByNumber(n) : null);
            if (fallback is null) throw loopError;
            ops = fallback.Operations;
            usedGroup = fallback;
            warnings.Add($"{loopError.Reason}; used the operations of {(symbolGroup is not null ? $"the symbol '{hall ?? hm}'" : $"the standard setting of space group {fallback.Number}")}");
        }
        else if (symbolGroup is not null)
        {
            ops = symbolGroup.Operations;
            usedGroup = symbolGroup;
        }
        else if (hall is not null && TryOperationsFromHall(hall, out var hallOps))
        {
            ops = hallOps;
            loopTypeNumber = TriclinicType(hallOps);
        }
        else if (hm is not null && TryNonStandardCentring(hm, out var centredOps))
        {
            // e.g. "A -1", "C 1", "I 2/m": the primitive group's operations with the named centring
            ops = centredOps;
            usedGroup = SpaceGroups.FindByOperations(ops);
            loopTypeNumber = usedGroup?.Number ?? TriclinicType(ops);
            warnings.Add($"'{hm}' is a non-standard centred setting; operations built from its primitive group and the {char.ToUpperInvariant(hm.TrimStart()[0])} centring");
        }
        else if (declaredNumber is int d)
        {
            usedGroup = SpaceGroups.ByNumber(d);
            ops = usedGroup.Operations;
            if ((hm ?? hall) is null) warnings.Add($"no symmetry operations or symbol; used the standard setting of space group {d}");
            else
            {
                // the symbol may name another setting than the standard one: expanding in a guessed setting would be wrong silently
                report.Fail($"the space-group symbol '{hall ?? hm}' is not recognised and the block lists no symmetry operations, so its setting of group {d} is unknown",
                    symbolValue!.Value.Value.Line, symbolValue.Value.Tag);
                warnings.Add($"no symmetry operations and the symbol was not recognised; used the standard setting of space group {d}");
            }
        }
        else
        {
            ops = P1;
            if ((hm ?? hall) is not null)
                report.Fail($"the space-group symbol '{hall ?? hm}' is not recognised and the block gives no symmetry operations or space-group number",
                    symbolValue!.Value.Value.Line, symbolValue.Value.Tag);
            warnings.Add("no symmetry operations, recognised symbol or number given; assumed P1");
        }

        var number = symbolGroup?.Number ?? loopTypeNumber ?? declaredNumber ?? usedGroup?.Number;
        if (declaredNumber is int dn && number is int rn && dn != rn)
            report.Fail($"the declared space-group number {dn} disagrees with the {(symbolGroup is not null ? $"symbol '{hall ?? hm}', which names" : "symmetry operations, which form")} group {rn}",
                Value(block, NumberTags)?.Value.Line, Value(block, NumberTags)?.Tag);

        var group = symbolGroup ?? loopGroup ?? usedGroup;
        if (group is not null && group.Number != number) group = null;
        var lattice = group?.BravaisLattice ?? BravaisFor(number, ops, hm);
        return new Resolution(new SymmetryInfo(number, hm ?? group?.HermannMauguin, hall ?? group?.Hall, ops), group, lattice) { Problems = [.. report.Problems] };
    }

    /// <summary>
    /// An R group named without ":H" or ":R" means hexagonal axes, unless the cell itself is rhombohedral
    /// (a = b = c, α = β = γ ≠ 90°, as in older files such as magnesite "R -3 c" with α = 47.36°): then the
    /// rhombohedral-axes setting is meant (gemmi decides the same way from α and γ).
    /// </summary>
    private static SpaceGroup RhombohedralAxesIfTheCellIs(SpaceGroup group, string symbol, CifBlock block, ICollection<string> warnings)
    {
        if (group.Setting != "H" || SpaceGroupSymbols.SplitSetting(SpaceGroupSymbols.Unquote(symbol)).Setting.Length > 0) return group;
        double CellValue(string tag) => block.TryGetValue(tag, out var v) && CifNumber.TryParse(v.Text, out var x) ? x : double.NaN;
        double a = CellValue("_cell_length_a"), b = CellValue("_cell_length_b"), c = CellValue("_cell_length_c");
        double alpha = CellValue("_cell_angle_alpha"), beta = CellValue("_cell_angle_beta"), gamma = CellValue("_cell_angle_gamma");
        var rhombohedral = Math.Abs(a - b) < 1e-3 * a && Math.Abs(a - c) < 1e-3 * a
            && Math.Abs(alpha - beta) < 0.01 && Math.Abs(alpha - gamma) < 0.01 && Math.Abs(alpha - 90) > 0.5;
        if (!rhombohedral) return group;
        var onRhombohedralAxes = SpaceGroups.AllSettings.FirstOrDefault(g => g.Number == group.Number && g.Setting == "R");
        if (onRhombohedralAxes is null) return group;
        warnings.Add(FormattableString.Invariant($"'{symbol}' names no axes and the cell is rhombohedral (a = b = c, α = β = γ = {alpha}°); used rhombohedral axes"));
        return onRhombohedralAxes;
    }

    /// <summary>A loop that is a group must be the symbol's type: the same tabulated type, or at least the same point group.</summary>
    private static void CheckLoopAgreesWithSymbol(ImmutableArray<SymmetryOperation> loopOps, int? loopTypeNumber, SpaceGroup symbolGroup, string symbol,
        ConsistencyReport report, int line, string tag)
    {
        if (loopTypeNumber is int t)
        {
            if (t != symbolGroup.Number)
                report.Fail($"the symmetry operations form space group {t} but the symbol '{symbol}' names group {symbolGroup.Number} ({symbolGroup.HermannMauguin})", line, tag);
            return;
        }
        var listed = OperationChecks.PointGroupFingerprint(loopOps);
        var named = OperationChecks.PointGroupFingerprint(symbolGroup.Operations);
        if (listed != named)
            report.Fail($"the symmetry operations (point-group elements {listed}) cannot be the symbol '{symbol}' ({symbolGroup.HermannMauguin}: {named})", line, tag);
    }

    /// <summary>The first of <paramref name="tags"/> with a non-blank value, trimmed, and the tag it came from.</summary>
    private static (CifValue Value, string Tag)? Value(CifBlock block, string[] tags) =>
        block.TryGetFirst(out var v, out var tag, tags) && v.Text.Trim() is { Length: > 0 } t ? (v with { Text = t }, tag) : null;

    private static int? ReadNumber(CifBlock block, ICollection<string> warnings, ConsistencyReport report)
    {
        if (!block.TryGetFirst(out var value, out var tag, NumberTags)) return null;
        if (!CifNumber.TryParse(value.Text, out var n) || n != Math.Floor(n) || n < 1 || n > 230)
        {
            report.Fail($"'{value.Text}' is not a space-group number (an integer 1–230)", value.Line, tag);
            warnings.Add($"{tag} '{value.Text}' (line {value.Line}) is not an integer 1–230; ignored");
            return null;
        }
        return (int)n;
    }

    /// <summary>The xyz loop's distinct operations (default when there is none); an unreadable one is returned in <paramref name="error"/>.</summary>
    private static ImmutableArray<SymmetryOperation> ReadOperations(CifBlock block, out CrystallographyException? error, out string tagUsed, out int line)
    {
        error = null;
        tagUsed = "";
        line = block.Line;
        foreach (var tag in OperationTags)
        {
            var values = block.GetValues(tag);
            if (values.Count == 0) continue;
            tagUsed = tag;
            line = block.FindLoop(tag)?.Line ?? values[0].Line;
            var builder = ImmutableArray.CreateBuilder<SymmetryOperation>(values.Count);
            var seen = new HashSet<SymmetryOperation>();
            foreach (var v in values)
            {
                if (v.IsNull) continue;
                if (!SymmetryOperation.TryParse(v.Text, out var op, out var why))
                {
                    error = new CrystallographyException($"cannot read symmetry operation '{v.Text}': {why}", new SourceLocation(block.FileName, block.Name, v.Line, Field: tag));
                    return default;
                }
                if (seen.Add(op.Normalised())) builder.Add(op);
            }
            if (builder.Count > 0) return builder.ToImmutable();
        }
        return default;
    }

    /// <summary>1 or 2 when every rotation is the identity or the inversion (P1/P-1 in any centred cell), else null.</summary>
    private static int? TriclinicType(IReadOnlyList<SymmetryOperation> ops)
    {
        var inversion = false;
        foreach (var op in ops)
        {
            if (op.IsIdentityRotation) continue;
            if (op is { R00: -1, R11: -1, R22: -1, R01: 0, R02: 0, R10: 0, R12: 0, R20: 0, R21: 0 }) { inversion = true; continue; }
            return null;
        }
        return inversion ? 2 : 1;
    }

    private static bool IsSubset(ImmutableArray<SymmetryOperation> ops, SpaceGroup group)
    {
        var set = new OperationSet(group.Operations);
        foreach (var op in ops)
            if (!set.Contains(op)) return false;
        return true;
    }

    /// <summary>
    /// Operations for an H–M symbol with a centring letter its primitive counterpart's table lacks
    /// ("C 1", "A -1", "F 2/m"): the P group's operations times the centring translations, accepted only when
    /// they close into a group.
    /// </summary>
    private static bool TryNonStandardCentring(string hm, out ImmutableArray<SymmetryOperation> ops)
    {
        ops = default;
        var t = hm.Trim();
        if (t.Length < 2 || !char.IsWhiteSpace(t[1]) && !(t[1] is '-' or '1' or '2' or '3' or '4' or '6')) return false;
        int[][] translations = char.ToUpperInvariant(t[0]) switch
        {
            'A' => [[0, 12, 12]],
            'B' => [[12, 0, 12]],
            'C' => [[12, 12, 0]],
            'I' => [[12, 12, 12]],
            'F' => [[0, 12, 12], [12, 0, 12], [12, 12, 0]],
            _ => [],
        };
        if (translations.Length == 0 || !SpaceGroups.TryFindBySymbol("P" + t[1..], out var primitive)) return false;
        var list = new List<SymmetryOperation>(primitive.Operations);
        foreach (var op in primitive.Operations)
        foreach (var tr in translations)
            list.Add(SymmetryOperation.Translation(tr[0], tr[1], tr[2]).Compose(op).Normalised());
        var set = new OperationSet(list);
        foreach (var a in set.Operations)
        foreach (var b in set.Operations)
            if (!set.Contains(a.Compose(b))) return false;
        ops = [.. set.Operations];
        return true;
    }

    private static bool TryOperationsFromHall(string hall, out ImmutableArray<SymmetryOperation> ops)
    {
        try
        {
            ops = [.. SpaceGroups.OperationsFromHall(hall)];
            return ops.Length > 0;
        }
        catch (CrystallographyException)
        {
            ops = default;
            return false;
        }
    }

    /// <summary>
    /// Bravais lattice from the crystal system of <paramref name="number"/> and the centring of the operations,
    /// falling back to the H–M symbol's first letter and then the standard setting. Rhombohedral groups are hR.
    /// </summary>
    public static BravaisLattice? BravaisFor(int? number, IReadOnlyCollection<SymmetryOperation> operations, string? hermannMauguin)
    {
        if (number is not int n || n < 1 || n > 230) return null;
        if (n is 146 or 148 or 155 or 160 or 161 or 166 or 167) return BravaisLattice.hR;
        var system = CrystalSystems.FromSpaceGroupNumber(n);
        if (system == CrystalSystem.Triclinic) return BravaisLattice.aP;
        var centring = operations.Count > 0 ? CentringDetector.Detect(operations) : null;
        if (centring is char c && TryFromCentring(system, c, out var fromOps)) return fromOps;
        var letter = hermannMauguin?.TrimStart().FirstOrDefault() ?? '\0';
        if (letter != '\0' && TryFromCentring(system, letter, out var fromSymbol)) return fromSymbol;
        return SpaceGroups.ByNumber(n).BravaisLattice;
    }

    private static bool TryFromCentring(CrystalSystem system, char centring, out BravaisLattice lattice)
    {
        try
        {
            lattice = BravaisLattices.FromCentring(system, centring);
            return true;
        }
        catch (CrystallographyException)
        {
            lattice = default;
            return false;
        }
    }
}
