namespace Bravais.Crystallography.Structures;

/// <summary>Progress of building one large structure: a stage ("expanding", "merging sites") and how far it is.</summary>
public readonly record struct StructureProgress(string Stage, long Done, long Total)
{
    /// <summary>Structures with fewer sites than this report no progress: they take milliseconds.</summary>
    public const int MinimumSites = 100_000;
}
