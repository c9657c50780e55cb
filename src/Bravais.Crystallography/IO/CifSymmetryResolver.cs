using System.Collections.Immutable;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Crystallography.IO;

/// <summary>
/// The symmetry a CIF block declares, in either dialect: the operations (xyz loop, else from the Hall or
/// Hermann–Mauguin symbol, else from the number's standard setting, else P1), the declared number, and the
/// Bravais lattice (crystal system of the number + centring of the operations).
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

    /// <summary>What was resolved for one block.</summary>
    public sealed record Resolution(SymmetryInfo Info, SpaceGroup? Group, BravaisLattice? BravaisLattice);

    private static readonly ImmutableArray<SymmetryOperation> P1 = [SymmetryOperation.Identity];

    public static Resolution Resolve(CifBlock block, ICollection<string> warnings)
    {
        string? hm = block.TryGetFirst(out var hmValue, out _, HermannMauguinTags) ? hmValue.Text.Trim() : null;
        string? hall = block.TryGetFirst(out var hallValue, out _, HallTags) ? hallValue.Text.Trim() : null;
        if (hm is { Length: 0 }) hm = null;
        if (hall is { Length: 0 }) hall = null;

        int? number = null;
        if (block.TryGetFirst(out var numberValue, out var numberTag, NumberTags))
        {
            if (!CifNumber.TryParse(numberValue.Text, out var n) || n != Math.Floor(n) || n < 1 || n > 230)
                throw new CrystallographyException($"space-group number '{numberValue.Text}' is not an integer 1–230",
                    new SourceLocation(block.FileName, block.Name, numberValue.Line, Field: numberTag));
            number = (int)n;
        }

        ImmutableArray<SymmetryOperation> ops = default;
        SpaceGroup? group = null;
        var opValues = FindOperationValues(block, out var opTag);
        if (opValues.Count > 0)
        {
            var builder = ImmutableArray.CreateBuilder<SymmetryOperation>(opValues.Count);
            var seen = new HashSet<SymmetryOperation>();
            foreach (var v in opValues)
            {
                if (v.IsNull) continue;
                var op = SymmetryOperation.Parse(v.Text, new SourceLocation(block.FileName, block.Name, v.Line, Field: opTag));
                if (seen.Add(op.Normalized())) builder.Add(op);
            }
            if (builder.Count > 0) ops = builder.ToImmutable();
        }

        if (!ops.IsDefault)
        {
            // the loop is authoritative; a group is looked up only when the number must come from it
            if (number is null)
            {
                group = SpaceGroups.FindByOperations(ops);
                if (group is null)
                {
                    if (hall is not null && SpaceGroups.TryFindBySymbol(hall, out var g1)) group = g1;
                    else if (hm is not null && SpaceGroups.TryFindBySymbol(hm, out var g2)) group = g2;
                    if (group is not null) warnings.Add($"symmetry operations match no tabulated setting; number taken from the symbol '{hall ?? hm}'");
                }
            }
        }
        else
        {
            if (hall is not null && SpaceGroups.TryFindBySymbol(hall, out var byHall)) group = byHall;
            else if (hm is not null && SpaceGroups.TryFindBySymbol(hm, out var byHm)) group = byHm;
            else if (hall is not null && TryOperationsFromHall(hall, out var hallOps)) ops = hallOps;

            if (group is not null) ops = group.Operations;
            else if (ops.IsDefault && number is int declared)
            {
                group = SpaceGroups.ByNumber(declared);
                ops = group.Operations;
                warnings.Add(hm is null && hall is null
                    ? $"no symmetry operations or symbol; used the standard setting of space group {declared}"
                    : $"space-group symbol '{hall ?? hm}' not recognised; used the standard setting of space group {declared}");
            }
            else if (ops.IsDefault)
            {
                ops = P1;
                warnings.Add(hm is null && hall is null
                    ? "no symmetry operations, symbol or number given; assumed P1"
                    : $"space-group symbol '{hall ?? hm}' not recognised and no operations given; assumed P1");
            }
            if (number is int d && group is not null && group.Number != d)
                warnings.Add($"declared space-group number {d} differs from the symbol's group {group.Number} ('{hall ?? hm}')");
        }

        var resolvedNumber = number ?? group?.Number;
        var lattice = BravaisFor(resolvedNumber, ops, group, hm);
        hm ??= group?.HermannMauguin;
        hall ??= group?.Hall;
        return new Resolution(new SymmetryInfo(resolvedNumber, hm, hall, ops), group, lattice);
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

    private static IReadOnlyList<CifValue> FindOperationValues(CifBlock block, out string tag)
    {
        foreach (var t in OperationTags)
        {
            var values = block.GetValues(t);
            if (values.Count > 0) { tag = t; return values; }
        }
        tag = "";
        return [];
    }

    /// <summary>
    /// Bravais lattice from the crystal system of <paramref name="number"/> and the centring of the operations
    /// (falling back to the group's or the H–M symbol's centring letter). Rhombohedral groups are hR in any setting.
    /// </summary>
    public static BravaisLattice? BravaisFor(int? number, IReadOnlyCollection<SymmetryOperation> operations, SpaceGroup? group, string? hermannMauguin)
    {
        if (number is not int n || n < 1 || n > 230) return null;
        if (n is 146 or 148 or 155 or 160 or 161 or 166 or 167) return BravaisLattice.hR;
        var system = CrystalSystems.FromSpaceGroupNumber(n);
        if (system == CrystalSystem.Triclinic) return BravaisLattice.aP;
        var centring = operations.Count > 0 ? CentringDetector.Detect(operations) : null;
        if (centring is char c && TryFromCentring(system, c, out var fromOps)) return fromOps;
        if (group is not null && group.Number == n) return group.BravaisLattice;
        var letter = hermannMauguin?.TrimStart().FirstOrDefault() ?? '\0';
        if (letter != '\0' && TryFromCentring(system, letter, out var fromSymbol)) return fromSymbol;
        return null;
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
