using Bravais.Crystallography.Symmetry;

namespace Bravais.Learning.Data;

/// <summary>What a model predicts from a pattern.</summary>
public enum PredictionTarget
{
    /// <summary>The 14 Bravais lattices (NANO281 labels aP … cF).</summary>
    Bravais,
    /// <summary>The 7 crystal systems, derived from the space-group number.</summary>
    CrystalSystem,
    /// <summary>The 230 space-group types.</summary>
    SpaceGroup,
}

/// <summary>Class names and label extraction for each <see cref="PredictionTarget"/>.</summary>
public static class Targets
{
    /// <summary>Command-line spelling: bravais, crystal-system, spacegroup.</summary>
    public static string CliName(this PredictionTarget target) => target switch
    {
        PredictionTarget.Bravais => "bravais",
        PredictionTarget.CrystalSystem => "crystal-system",
        _ => "spacegroup",
    };

    public static PredictionTarget Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "bravais" or "bravais-lattice" or "bravais_lattice" => PredictionTarget.Bravais,
        "crystal-system" or "crystalsystem" or "crystal_system" or "system" => PredictionTarget.CrystalSystem,
        "spacegroup" or "space-group" or "spacegroup_number" or "sg" => PredictionTarget.SpaceGroup,
        _ => throw new LearningException($"unknown target '{text}' (expected bravais, crystal-system or spacegroup)"),
    };

    /// <summary>Column name in Kaggle-style prediction files: pred_bravais_lattice, pred_crystal_system, pred_spacegroup.</summary>
    public static string PredictionColumn(this PredictionTarget target) => target switch
    {
        PredictionTarget.Bravais => "pred_bravais_lattice",
        PredictionTarget.CrystalSystem => "pred_crystal_system",
        _ => "pred_spacegroup",
    };

    /// <summary>The fixed class list of a target, in canonical order (NANO281 label order; IT order; 1..230).</summary>
    public static IReadOnlyList<string> ClassNames(this PredictionTarget target) => target switch
    {
        PredictionTarget.Bravais => BravaisLattices.All.Select(b => b.Label()).ToArray(),
        PredictionTarget.CrystalSystem => Enum.GetValues<CrystalSystem>().Select(s => s.Name()).ToArray(),
        _ => Enumerable.Range(1, 230).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
    };

    /// <summary>Class index (0-based into <see cref="ClassNames"/>) of every row of the dataset.</summary>
    public static int[] Labels(this PredictionTarget target, PatternDataset data)
    {
        if (target == PredictionTarget.Bravais ? !data.HasBravaisLattices : !data.HasSpaceGroups)
            throw new LearningException($"the data has no {(target == PredictionTarget.Bravais ? "Bravais_lattice" : "spacegroup_number")} column, so it cannot be used for the {target.CliName()} target (training or evaluation)");
        var y = new int[data.Count];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = target switch
            {
                PredictionTarget.Bravais => (int)data.BravaisLattices[i],
                PredictionTarget.CrystalSystem => (int)CrystalSystems.FromSpaceGroupNumber(data.SpaceGroupNumbers[i]),
                _ => data.SpaceGroupNumbers[i] - 1,
            };
        }
        return y;
    }
}
