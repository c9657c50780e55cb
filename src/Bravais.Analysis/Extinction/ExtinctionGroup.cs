using System.Collections.Immutable;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// A set of space-group settings of one <see cref="ExtinctionFamily"/> that no powder pattern can tell apart by its
/// systematic absences: their sets of absent powder lines (reflections that coincide for every metric of the
/// lattice) are equal. <see cref="Symbol"/> is the International Tables extinction symbol (see
/// <see cref="ExtinctionTable"/> for the convention); when the settings span Laue classes whose ITA symbols differ
/// (P 21 - - of m-3 and P 42 - - of m-3m) both are given, joined by " | ", the lower Laue class first.
/// </summary>
public sealed class ExtinctionGroup
{
    internal ExtinctionGroup(string symbol, ImmutableArray<string> laueClassSymbols, ExtinctionFamily family, ImmutableArray<SpaceGroup> settings, AbsenceRule rule, int absentLines)
    {
        Symbol = symbol;
        LaueClassSymbols = laueClassSymbols;
        Family = family;
        Settings = settings;
        Rule = rule;
        AbsentLineCount = absentLines;
        SpaceGroupNumbers = [.. settings.Select(s => s.Number).Distinct().Order()];
    }

    public string Symbol { get; }

    /// <summary>"laue-class: symbol" for each Laue class among the settings, e.g. "m-3: P 21 - -".</summary>
    public ImmutableArray<string> LaueClassSymbols { get; }

    public ExtinctionFamily Family { get; }

    /// <summary>The space-group types admitted (1–230), ascending.</summary>
    public ImmutableArray<int> SpaceGroupNumbers { get; }

    /// <summary>The tabulated settings (Hall numbers 1–530) of those types that are described in this family's cell.</summary>
    public ImmutableArray<SpaceGroup> Settings { get; }

    /// <summary>The absences of one member setting (all members agree on every powder line).</summary>
    public AbsenceRule Rule { get; }

    /// <summary>How many powder lines of the family's probe set are absent (a measure of how restrictive the group is).</summary>
    public int AbsentLineCount { get; }

    /// <summary>Whether reflection (h, k, l) is systematically absent in the member setting <see cref="Rule"/> describes.</summary>
    public bool IsAbsent(int h, int k, int l) => Rule.IsAbsent(h, k, l);

    public override string ToString() => $"{Symbol} [{string.Join(", ", SpaceGroupNumbers)}]";
}
