using Bravais.Crystallography.Structures;

namespace Bravais.Crystallography.IO;

/// <summary>
/// How structure files are read. By default a block that fails a crystallographic consistency check (operations
/// that are not a group, symbols or numbers that disagree or are unknown, a cell without the symmetry of its
/// operations, impossible occupancies) is refused with the reason; <see cref="Lenient"/> reads it anyway, with
/// each problem as a warning and in <see cref="StructureReadResult.Inconsistencies"/> — such a structure is
/// never made a labelled data-set row.
/// </summary>
public sealed record StructureReadOptions
{
    public bool Lenient { get; init; }

    /// <summary>Distance (Å) within which symmetry images and listed sites count as one position.</summary>
    public double MergeToleranceAngstrom { get; init; } = StructureExpander.DefaultToleranceAngstrom;

    /// <summary>Receives the progress of expanding and merging structures of <see cref="StructureProgress.MinimumSites"/> sites or more.</summary>
    public IProgress<StructureProgress>? Progress { get; init; }

    public static StructureReadOptions Default { get; } = new();
}

/// <summary>Collects the consistency problems of one block: throws at the first in strict reading, records them in lenient reading.</summary>
internal sealed class ConsistencyReport(CifBlock block, bool lenient, ICollection<string> warnings)
{
    public List<string> Problems { get; } = [];

    public void Fail(string reason, int? line = null, string? field = null)
    {
        if (!lenient) throw new CrystallographyException(reason, new SourceLocation(block.FileName, block.Name, line ?? block.Line, Field: field));
        Problems.Add(reason);
        warnings.Add($"inconsistent (read leniently): {reason}");
    }
}
