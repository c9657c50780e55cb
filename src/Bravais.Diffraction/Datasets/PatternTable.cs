using Bravais.Crystallography.Symmetry;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// The rows of a NANO281/Kaggle table as plain data: per row an id, formula, space-group number and Bravais lattice,
/// and <see cref="Columns"/> intensities (row-major in <see cref="Values"/>). Files for prediction may lack the label
/// columns (<see cref="HasSpaceGroups"/>, <see cref="HasBravaisLattices"/>; the values are then 0 and aP). The table does
/// not know its 2θ grid: NANO281 files do not carry it.
/// </summary>
public sealed record PatternTable(
    string IdColumn,
    string[] Ids,
    string[] Formulas,
    int[] SpaceGroupNumbers,
    BravaisLattice[] BravaisLattices,
    float[] Values,
    int Columns,
    bool HasSpaceGroups = true,
    bool HasBravaisLattices = true)
{
    public int Count => Ids.Length;

    public ReadOnlySpan<float> Row(int i) => Values.AsSpan(i * Columns, Columns);
}
