using System.Collections.Concurrent;
using System.Collections.Immutable;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// The extinction groups of every family, derived from the project's own 530 settings
/// (<see cref="SpaceGroups.AllSettings"/>, exact operations from Hall symbols): for each setting, which powder lines are
/// systematically absent (a line is the set of reflections whose d-spacings coincide for every metric of the family's
/// lattice, so it is absent only when all of them are; <see cref="AbsenceRule"/>), over every line with indices up to
/// 12; settings of one family with the same absent lines form one group. Reflection conditions of the 230 types have
/// periods of at most 6, so this sees every integral, zonal and serial condition. Each group is named by
/// <see cref="ExtinctionSymbolNamer"/> in the notation of International Tables Vol. A (1983–2005) Table 3.2.3
/// ("P 1 21/c 1", "P n - a", "C - c (ab)", "I 41/a - -", "F d - c", "R - c"; triclinic "P -"). Each family is built
/// once, lazily and thread-safely, when first asked for.
/// </summary>
public static class ExtinctionTable
{
    private static readonly Lazy<ILookup<ExtinctionFamily, SpaceGroup>> Members =
        new(() => SpaceGroups.AllSettings.ToLookup(ExtinctionFamily.Of), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly ConcurrentDictionary<ExtinctionFamily, Lazy<FamilyTable>> Tables = new();

    private sealed record FamilyTable(FamilyGeometry Geometry, ZoneProbe Probe, ImmutableArray<ExtinctionGroup> Groups, Dictionary<int, ExtinctionGroup> ByHallNumber);

    /// <summary>Every family that has tabulated settings (monoclinic in each unique axis and cell centring, hR on both axes, …).</summary>
    public static IReadOnlyList<ExtinctionFamily> Families => [.. Members.Value.Select(g => g.Key)];

    /// <summary>Every extinction group of every family.</summary>
    public static IReadOnlyList<ExtinctionGroup> All => [.. Families.SelectMany(For)];

    /// <summary>The groups of one family, the least restrictive first (fewest absent lines).</summary>
    public static IReadOnlyList<ExtinctionGroup> For(ExtinctionFamily family) => Table(family).Groups;

    /// <summary>The groups of a lattice's conventional cell in its standard setting (<see cref="ExtinctionFamily.Standard"/>).</summary>
    public static IReadOnlyList<ExtinctionGroup> For(BravaisLattice lattice) => For(ExtinctionFamily.Standard(lattice));

    /// <summary>The group a tabulated setting belongs to.</summary>
    public static ExtinctionGroup GroupOf(SpaceGroup setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return Table(ExtinctionFamily.Of(setting)).ByHallNumber.TryGetValue(setting.HallNumber, out var g) ? g
            : throw new AnalysisException($"{setting.HermannMauguin} is not one of the 530 tabulated settings");
    }

    /// <summary>The extinction symbol of one setting on its own (in its Laue class), as the namer writes it.</summary>
    public static string SymbolOf(SpaceGroup setting)
    {
        var table = Table(ExtinctionFamily.Of(setting));
        return ExtinctionSymbolNamer.Name(table.Geometry, table.Probe, AbsenceRule.Of(setting), LaueClasses.Of(setting));
    }

    internal static FamilyGeometry GeometryOf(ExtinctionFamily family) => Table(family).Geometry;

    private static FamilyTable Table(ExtinctionFamily family)
    {
        if (!Members.Value.Contains(family)) throw new AnalysisException($"no tabulated space-group setting describes a {family} cell");
        return Tables.GetOrAdd(family, f => new Lazy<FamilyTable>(() => Build(f, [.. Members.Value[f]]), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private static FamilyTable Build(ExtinctionFamily family, SpaceGroup[] members)
    {
        var geometry = new FamilyGeometry(family, members);
        var probe = new ZoneProbe(geometry);
        var lines = PowderLines.Probe(geometry);
        var buckets = new Dictionary<string, (List<SpaceGroup> Settings, AbsenceRule Rule, int Absent)>(StringComparer.Ordinal);
        foreach (var setting in members)
        {
            var rule = AbsenceRule.Of(setting);
            var absent = new char[lines.Count];
            var count = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                var isAbsent = true;
                foreach (var h in lines[i]) if (!rule.IsAbsent(h[0], h[1], h[2])) { isAbsent = false; break; }
                absent[i] = isAbsent ? '1' : '0';
                if (isAbsent) count++;
            }
            var key = new string(absent);
            if (!buckets.TryGetValue(key, out var bucket)) buckets[key] = bucket = ([], rule, count);
            bucket.Settings.Add(setting);
        }
        var groups = new List<ExtinctionGroup>();
        var byHall = new Dictionary<int, ExtinctionGroup>();
        foreach (var (settings, rule, absentLines) in buckets.Values)
        {
            var named = settings.GroupBy(LaueClasses.Of).OrderBy(g => LaueClasses.Order(g.Key))
                .Select(g => (Laue: g.Key, Symbol: ExtinctionSymbolNamer.Name(geometry, probe, AbsenceRule.Of(g.First()), g.Key))).ToArray();
            var symbol = string.Join(" | ", named.Select(n => n.Symbol).Distinct());
            var group = new ExtinctionGroup(symbol, [.. named.Select(n => $"{n.Laue}: {n.Symbol}")], family, [.. settings.OrderBy(s => s.HallNumber)], rule, absentLines);
            groups.Add(group);
            foreach (var s in settings) byHall[s.HallNumber] = group;
        }
        var ordered = groups.OrderBy(g => g.AbsentLineCount).ThenBy(g => g.Symbol, StringComparer.Ordinal).ToImmutableArray();
        return new FamilyTable(geometry, probe, ordered, byHall);
    }
}
