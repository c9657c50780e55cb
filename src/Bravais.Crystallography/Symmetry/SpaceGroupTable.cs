using System.Collections.Immutable;

namespace Bravais.Crystallography.Symmetry;

/// <summary>
/// The 530 tabulated settings (<see cref="Rows"/>, generated data) turned into <see cref="SpaceGroup"/>
/// values with operations from <see cref="HallSymbol"/>, plus the lookup indexes. Built once, lazily
/// and thread-safely, on first use.
/// </summary>
internal static partial class SpaceGroupTable
{
    private static readonly Lazy<Catalog> Instance = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    internal static Catalog Get() => Instance.Value;

    internal sealed class Catalog
    {
        public required ImmutableArray<SpaceGroup> All { get; init; }
        public required ImmutableArray<SpaceGroup> Standard { get; init; }
        public required Dictionary<string, List<SpaceGroup>> BySymbolKey { get; init; }
        public required Dictionary<string, SpaceGroup> ByHallKey { get; init; }
        public required Dictionary<OperationSet, SpaceGroup> ByOperations { get; init; }
        /// <summary>The tabulated H–M symbols exactly as spaced (whitespace collapsed, '_' removed), to tell an H–M symbol from a Hall symbol that reads the same loosely ("P 4 2").</summary>
        public required HashSet<string> ExactHermannMauguin { get; init; }
    }

    private static Catalog Build()
    {
        var all = ImmutableArray.CreateBuilder<SpaceGroup>(Rows.Length);
        var standard = new SpaceGroup?[230];
        foreach (var row in Rows)
        {
            var system = CrystalSystems.FromSpaceGroupNumber(row.Number);
            var centring = row.ShortSymbol[0];
            var group = new SpaceGroup(row.Number, SpaceGroupSymbols.SettingShortSymbol(row), row.FullSymbol, row.Hall, row.Setting, row.IsStandard,
                system, centring, row.PointGroup, BravaisLattices.FromCentring(system, centring), HallSymbol.Operations(row.Hall)) { HallNumber = row.HallNumber };
            all.Add(group);
            if (row.IsStandard) standard[row.Number - 1] = group;
        }
        var groups = all.MoveToImmutable();

        // symbol index: primary keys (the tabulated symbols) first, then aliases only for keys not yet used
        var bySymbol = new Dictionary<string, List<SpaceGroup>>(StringComparer.Ordinal);
        var exact = new HashSet<string>(StringComparer.Ordinal);
        void Add(string symbol, SpaceGroup g)
        {
            var key = SpaceGroupSymbols.Key(symbol);
            if (!bySymbol.TryGetValue(key, out var list)) bySymbol[key] = list = [];
            if (!list.Contains(g)) list.Add(g);
            exact.Add(SpaceGroupSymbols.HallKey(symbol.Replace("_", "", StringComparison.Ordinal)));
        }
        for (var i = 0; i < groups.Length; i++)
        {
            var (row, g) = (Rows[i], groups[i]);
            Add(row.ShortSymbol, g);
            Add(g.HermannMauguin, g);
            Add(row.FullSymbol, g);
            Add(row.SpacedSymbol, g);
        }
        var primaryKeys = new HashSet<string>(bySymbol.Keys, StringComparer.Ordinal);
        for (var i = 0; i < groups.Length; i++)
            foreach (var alias in SpaceGroupSymbols.Aliases(Rows[i]))
                if (!primaryKeys.Contains(SpaceGroupSymbols.Key(alias))) Add(alias, groups[i]);
        foreach (var list in bySymbol.Values) list.Sort(SpaceGroupSymbols.Preference);

        var byHall = new Dictionary<string, SpaceGroup>(StringComparer.Ordinal);
        var byOps = new Dictionary<OperationSet, SpaceGroup>();
        for (var i = 0; i < groups.Length; i++)
        {
            byHall.TryAdd(SpaceGroupSymbols.HallKey(Rows[i].Hall), groups[i]);
            var set = new OperationSet(groups[i].Operations);
            if (!byOps.TryGetValue(set, out var existing) || SpaceGroupSymbols.Preference(groups[i], existing) < 0) byOps[set] = groups[i];
        }

        return new Catalog
        {
            All = groups,
            Standard = [.. standard.Select((g, i) => g ?? throw new InvalidOperationException($"no standard setting for type {i + 1}"))],
            BySymbolKey = bySymbol,
            ByHallKey = byHall,
            ByOperations = byOps,
            ExactHermannMauguin = exact,
        };
    }
}
