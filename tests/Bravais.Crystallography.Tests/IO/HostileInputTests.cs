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
        // crystallographic consistency (CifSymmetryResolver, OperationChecks, occupancies)
        { "ops-not-a-group.cif", "block notgroup, line 9, field _symmetry_equiv_pos_as_xyz: the symmetry operations are not a group: the product of -y,x,z and -y,x,z is -x,-y,z, which is not listed" },
        { "ops-without-identity.cif", "block noidentity, line 8, field _symmetry_equiv_pos_as_xyz: the symmetry operations do not include the identity x,y,z, so they are not a space group" },
        { "ops-other-group-than-symbol.cif", "block opsdisagree, line 9, field _symmetry_equiv_pos_as_xyz: the symmetry operations form space group 2 but the symbol 'P 2 2 2' names group 16 (P222)" },
        { "ops-shifted-setting-other-point-group.cif", "block shifted, line 9, field _symmetry_equiv_pos_as_xyz: the symmetry operations (point-group elements 1 + 2) cannot be the symbol 'P m m m' (Pmmm: 1 + -1 + 3×2 + 3×m)" },
        { "p3-on-triclinic-cell.cif", "block p3, line 2, field _cell: the cell (a=5 b=6 c=7 α=80 β=85 γ=100) does not have the symmetry of its operations: -x+y,-x,z changes the metric by 1.023 (relative; tolerance 0.01)" },
        { "fm-3m-with-b-not-a.cif", "block fm3m, line 2, field _cell: the cell (a=5.64 b=5.9 c=5.64 α=90 β=90 γ=90) does not have the symmetry of its operations: -y,x,z changes the metric by 0.094 (relative; tolerance 0.01)" },
        { "number-disagrees-with-symbol.cif", "block numberdisagrees, line 9, field _space_group_it_number: the declared space-group number 62 disagrees with the symbol 'P 21 21 21', which names group 19" },
        { "unknown-hm-symbol.cif", "block unknownhm, line 8, field _symmetry_space_group_name_h-m: the space-group symbol 'Q 4/zzz' is not recognised and the block gives no symmetry operations or space-group number" },
        { "unknown-hm-with-number.cif", "block unknownhm2, line 8, field _symmetry_space_group_name_h-m: the space-group symbol 'P 42/zzz' is not recognised and the block lists no symmetry operations, so its setting of group 136 is unknown" },
        { "space-group-999.cif", "block sg999, line 8, field _space_group_it_number: '999' is not a space-group number (an integer 1–230)" },
        { "occupancy-negative.cif", "block occneg, line 16, field _atom_site_occupancy: occupancy -1 of atom site 'Na1' is outside 0–1" },
        { "occupancy-5.cif", "block occ5, line 16, field _atom_site_occupancy: occupancy 5 of atom site 'Si1' is outside 0–1" },
        { "two-full-atoms-on-one-site.cif", "block twoatoms, line 9, field _atom_site_occupancy: atom sites Si1 and Al1 share the position (0, 0, 0) with total occupancy 2, more than 1" },
        // limits
        // found by the property tests (ReaderPropertyTests): a Cartesian 1e308 became a NaN position
        { "POSCAR-cartesian-1e308", "line 10: atom position '0 1e308 0 T T T' is not within 1000000 cells of the origin" },
        { "coordinate-1e308.cif", "block farout, line 15, field _atom_site_fract_y: fractional coordinate 1e308 is not within 1000000 cells of the origin" },
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

    public static TheoryData<string> InconsistentButReadable => new()
    {
        "ops-not-a-group.cif", "ops-other-group-than-symbol.cif", "ops-shifted-setting-other-point-group.cif", "p3-on-triclinic-cell.cif",
        "fm-3m-with-b-not-a.cif", "number-disagrees-with-symbol.cif", "unknown-hm-symbol.cif", "unknown-hm-with-number.cif",
        "space-group-999.cif", "occupancy-negative.cif", "occupancy-5.cif", "two-full-atoms-on-one-site.cif", "ops-without-identity.cif",
    };

    [Theory]
    [MemberData(nameof(InconsistentButReadable))]
    public void Read_leniently_each_inconsistency_is_a_warning_and_recorded(string name)
    {
        var strict = Assert.Single(StructureFiles.ReadFile(Fixture(name)));
        var lenient = Assert.Single(StructureFiles.ReadFile(Fixture(name), new StructureReadOptions { Lenient = true }));
        Assert.True(lenient.IsSuccess, lenient.Error?.Message);
        var problem = Assert.Single(lenient.Inconsistencies);
        Assert.Equal(strict.Error!.Reason, problem);
        Assert.Contains(lenient.Warnings, w => w == $"inconsistent (read leniently): {problem}");
    }

    [Fact]
    public void The_issue_cases_read_leniently_keep_the_old_readings()
    {
        // what issue 18 saw: 225 cF with 4 sites; 2 sites of "Si5"; the unknown symbol left the group blank
        var notGroup = StructureFiles.ReadFile(Fixture("ops-not-a-group.cif"), new StructureReadOptions { Lenient = true }).Single();
        Assert.Equal((225, 4), (notGroup.SpaceGroupNumber, notGroup.Structure!.SiteCount));
        var occ5 = StructureFiles.ReadFile(Fixture("occupancy-5.cif"), new StructureReadOptions { Lenient = true }).Single();
        Assert.Equal("Cl1 Si5", occ5.Structure!.Formula);
        var unknown = StructureFiles.ReadFile(Fixture("unknown-hm-symbol.cif"), new StructureReadOptions { Lenient = true }).Single();
        Assert.Null(unknown.SpaceGroupNumber);
    }
}
