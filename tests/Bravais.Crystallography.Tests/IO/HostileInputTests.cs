using Bravais.Crystallography.IO;
using Xunit;

namespace Bravais.Crystallography.Tests.IO;

/// <summary>
/// The corpus of hostile inputs in IO/Hostile (issue 18; see its README): each file is refused with exactly the
/// one-line reason below, naming file, block, line and field — never an exception escaping the reader.
/// </summary>
public class HostileInputTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "IO", "Hostile", name);

    public static TheoryData<string, string> Refusals => new()
    {
        // cells (CellLimits, Lattice)
        { "cell-a-1e308.cif", "block huge, line 2, field _cell_length_a: cell length a = 1E+308 Å is outside the plausible range 0.5–1000 Å" },
        { "cell-5000A.cif", "block big, line 2, field _cell_length_a: cell length a = 5000 Å is outside the plausible range 0.5–1000 Å" },
        { "cell-b-0.3A.cif", "block tiny, line 3, field _cell_length_b: cell length b = 0.3 Å is outside the plausible range 0.5–1000 Å" },
        { "cell-gamma-0.cif", "block zerogamma, line 7, field _cell_angle_gamma: cell angle γ = 0° must lie strictly between 0° and 180°" },
        { "cell-angles-sum-370.cif", "block angles, line 2, field _cell_angle: cell angles α = 120°, β = 130°, γ = 120° do not form a cell (each angle must be less than the sum of the other two, and all three less than 360° together)" },
        { "cell-flat.cif", "block flat, line 2, field _cell_angle: cell angles α = 1°, β = 1°, γ = 1.5° make the cell nearly flat: V/(abc) = 0.000302, below the plausible minimum 0.001" },
        { "POSCAR-huge-count", "line 7: 4000000000 atoms is more than the limit of 5000000 sites a structure may have" },
        { "POSCAR-vectors-1e200", "line 3: cell lengths a=Infinity, b=5, c=0 overflow" },
        { "POSCAR-scale-1e300", "line 3: lattice vectors are too large or not numbers (cell volume Infinity Å³)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Each_bad_input_is_refused_with_its_reason(string name, string expected)
    {
        var path = Fixture(name);
        var result = Assert.Single(StructureFiles.ReadFile(path));
        Assert.False(result.IsSuccess);
        Assert.IsType<CrystallographyException>(result.Error);
        Assert.Equal($"{path}, {expected}", result.Error!.Message);
    }
}
