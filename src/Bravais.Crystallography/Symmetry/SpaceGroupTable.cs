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
        public required ImmutableArray<SpaceGroup> CentredTriclinic { get; init; }
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
        var centredTriclinic = CentredTriclinic();
        foreach (var g in centredTriclinic)
        {
            Add(g.HermannMauguin, g);
            Add(g.FullHermannMauguin, g);
        }
        // conventional aliases join keys that only settings of the same type use (spglib writes "B b c b" for
        // 68 2bca but "B b e b" for 1bca); the other glide of an e plane only takes keys nobody uses yet
        for (var rank = 0; rank <= 1; rank++)
        {
            var claimed = bySymbol.ToDictionary(kv => kv.Key, kv => kv.Value.Select(g => g.Number).ToHashSet(), StringComparer.Ordinal);
            for (var i = 0; i < groups.Length; i++)
                foreach (var (alias, aliasRank) in SpaceGroupSymbols.Aliases(Rows[i]))
                {
                    if (aliasRank != rank) continue;
                    var free = !claimed.TryGetValue(SpaceGroupSymbols.Key(alias), out var numbers) ||
                               (rank == 0 && numbers.All(n => n == groups[i].Number));
                    if (free) Add(alias, groups[i]);
                }
        }
        foreach (var list in bySymbol.Values) list.Sort(SpaceGroupSymbols.Preference);

        var byHall = new Dictionary<string, SpaceGroup>(StringComparer.Ordinal);
        var byOps = new Dictionary<OperationSet, SpaceGroup>();
        foreach (var g in groups.Concat(centredTriclinic))
        {
            byHall.TryAdd(SpaceGroupSymbols.HallKey(g.Hall), g);
            var set = new OperationSet(g.Operations);
            if (!byOps.TryGetValue(set, out var existing) || SpaceGroupSymbols.Preference(g, existing) < 0) byOps[set] = g;
        }

        return new Catalog
        {
            CentredTriclinic = centredTriclinic,
            All = groups,
            Standard = [.. standard.Select((g, i) => g ?? throw new InvalidOperationException($"no standard setting for type {i + 1}"))],
            BySymbolKey = bySymbol,
            ByHallKey = byHall,
            ByOperations = byOps,
            ExactHermannMauguin = exact,
        };
    }

    /// <summary>
    /// P1 and P-1 described in A-, B-, C-, I- or F-centred cells ("C 1", "A -1", …), which older COD entries
    /// use to keep a cell comparable with related structures. Not among the 530 Hall settings; the type
    /// (1 or 2) and lattice (aP) are unchanged by the centring. Setting code = the centring letter;
    /// HallNumber 0.
    /// </summary>
    private static ImmutableArray<SpaceGroup> CentredTriclinic()
    {
        var list = ImmutableArray.CreateBuilder<SpaceGroup>(10);
        foreach (var letter in "ABCIF")
            foreach (var centro in new[] { false, true })
            {
                var hall = (centro ? "-" : "") + letter + " 1";
                var bar = centro ? "-1" : "1";
                list.Add(new SpaceGroup(centro ? 2 : 1, letter + bar, letter + " " + bar, hall, letter.ToString(), false,
                    CrystalSystem.Triclinic, letter, bar, BravaisLattice.aP, HallSymbol.Operations(hall)));
            }
        return list.MoveToImmutable();
    }
}
