using Bravais.Crystallography.Symmetry;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// Space-group labels by structure id (read by <see cref="LabelsTable"/>), e.g. the MP set's labels.tsv. Used for P1 files
/// whose own symmetry says nothing.
/// </summary>
public sealed class SpaceGroupLabels
{
    private readonly Dictionary<string, StructureLabel> _byId;

    private SpaceGroupLabels(Dictionary<string, StructureLabel> byId) => _byId = byId;

    public int Count => _byId.Count;

    public bool TryGet(string id, out int spaceGroupNumber)
    {
        var found = _byId.TryGetValue(id, out var label);
        spaceGroupNumber = found ? label!.SpaceGroup : 0;
        return found;
    }

    public static SpaceGroupLabels Read(string path) => new(LabelsTable.ById(LabelsTable.Read(path)));

    /// <summary>The Bravais lattice of a space-group type (its standard setting's centring and crystal system).</summary>
    public static BravaisLattice LatticeOf(int spaceGroupNumber) => SpaceGroups.ByNumber(spaceGroupNumber).BravaisLattice;
}
