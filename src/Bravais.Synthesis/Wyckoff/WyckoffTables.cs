using System.Collections.Concurrent;
using System.Collections.Immutable;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Synthesis.Wyckoff;

/// <summary>Derived Wyckoff positions per space group, computed once on first use and cached (thread-safe).</summary>
public static class WyckoffTables
{
    private static readonly ConcurrentDictionary<string, ImmutableArray<WyckoffPosition>> Cache = new(StringComparer.Ordinal);

    /// <summary>The Wyckoff positions of <paramref name="group"/>, ordered by multiplicity (general position last).</summary>
    public static ImmutableArray<WyckoffPosition> For(SpaceGroup group) =>
        Cache.GetOrAdd(group.Number + "|" + group.Setting + "|" + group.Hall, _ => WyckoffDerivation.Derive(group.Operations));

    /// <summary>The Wyckoff positions of the standard setting of space-group type 1–230.</summary>
    public static ImmutableArray<WyckoffPosition> For(int spaceGroupNumber) => For(SpaceGroups.ByNumber(spaceGroupNumber));
}
