using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Extinction;

/// <summary>The Laue class (point group plus inversion) of a point group written as in <see cref="SpaceGroup.PointGroup"/>.</summary>
public static class LaueClasses
{
    public static string Of(string pointGroup) => pointGroup switch
    {
        "1" or "-1" => "-1",
        "2" or "m" or "2/m" => "2/m",
        "222" or "mm2" or "mmm" => "mmm",
        "4" or "-4" or "4/m" => "4/m",
        "422" or "4mm" or "-42m" or "4/mmm" => "4/mmm",
        "3" or "-3" => "-3",
        "32" or "3m" or "-3m" => "-3m",
        "6" or "-6" or "6/m" => "6/m",
        "622" or "6mm" or "-6m2" or "6/mmm" => "6/mmm",
        "23" or "m-3" => "m-3",
        "432" or "-43m" or "m-3m" => "m-3m",
        _ => throw new ArgumentException($"'{pointGroup}' is not one of the 32 point groups", nameof(pointGroup)),
    };

    public static string Of(SpaceGroup setting) => Of(setting.PointGroup);

    /// <summary>Order of the Laue class (number of rotations including inversion-related ones).</summary>
    public static int Order(string laueClass) => laueClass switch
    {
        "-1" => 2, "2/m" => 4, "mmm" => 8, "4/m" => 8, "4/mmm" => 16, "-3" => 6, "-3m" => 12, "6/m" => 12, "6/mmm" => 24, "m-3" => 24, "m-3m" => 48,
        _ => throw new ArgumentException($"'{laueClass}' is not a Laue class", nameof(laueClass)),
    };
}
