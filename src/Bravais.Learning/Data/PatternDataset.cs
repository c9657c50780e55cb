using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction;
using Bravais.Diffraction.Patterns;
using Bravais.Diffraction.Profiles;
using Bravais.Learning.Models;
using Bravais.Learning.Features;

namespace Bravais.Learning.Data;

/// <summary>
/// Labelled powder patterns in the NANO281/Kaggle layout: one row per crystal with its id, formula,
/// space-group number (1–230), Bravais lattice and intensities on a common 2θ grid.
/// NANO281 files carry no 2θ values, only <c>y0..yN</c>; the grid is therefore stated by whoever reads
/// the file (<see cref="PatternCsv.Read"/> takes it; default <see cref="AngleGrid.Nano281"/> when the
/// column count is 180), and the <see cref="Instrument"/> is that of the preset with that grid
/// (<see cref="PatternPresets.InstrumentFor"/>); it is stored in every model manifest so predictions can check it.
/// </summary>
public sealed record PatternDataset(
    string[] Ids,
    string[] Formulas,
    int[] SpaceGroupNumbers,
    BravaisLattice[] BravaisLattices,
    FeatureMatrix Intensities,
    Instrument Instrument,
    string IdColumn = "id")
{
    public int Count => Ids.Length;

    /// <summary>The 2θ grid of the intensity columns.</summary>
    public AngleGrid Grid => Instrument.Grid;

    /// <summary>False when the file had no spacegroup_number column (an unlabelled file for prediction); the numbers are then 0.</summary>
    public bool HasSpaceGroups { get; init; } = true;

    /// <summary>False when the file had no Bravais_lattice column; the lattices are then meaningless.</summary>
    public bool HasBravaisLattices { get; init; } = true;

    /// <summary>A new dataset holding the given rows in the given order.</summary>
    public PatternDataset Select(IReadOnlyList<int> rows) => this with
    {
        Ids = rows.Select(r => Ids[r]).ToArray(),
        Formulas = rows.Select(r => Formulas[r]).ToArray(),
        SpaceGroupNumbers = rows.Select(r => SpaceGroupNumbers[r]).ToArray(),
        BravaisLattices = rows.Select(r => BravaisLattices[r]).ToArray(),
        Intensities = Intensities.SelectRows(rows),
    };

    /// <summary>The grid a NANO281 file with <paramref name="columns"/> intensity columns is assumed to have when none is given.</summary>
    public static AngleGrid DefaultGrid(int columns) =>
        columns == AngleGrid.Nano281.Count ? AngleGrid.Nano281 : new AngleGrid(AngleGrid.Nano281.StartDegrees, AngleGrid.Nano281.StepDegrees, columns);
}
