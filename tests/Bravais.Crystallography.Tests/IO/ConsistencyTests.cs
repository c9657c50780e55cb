using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Xunit;

namespace Bravais.Crystallography.Tests.IO;

/// <summary>Consistent readings that the checks of issue 18 must keep, and the repairs that came with them.</summary>
public class ConsistencyTests
{
    private static StructureReadResult Build(string text, bool lenient = false) =>
        CifStructureBuilder.Read(CifReader.Parse(text, "t.cif").Single(), new StructureReadOptions { Lenient = lenient });

    private const string Sites = "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n";

    [Fact]
    public void An_R_symbol_without_axes_on_a_rhombohedral_cell_means_rhombohedral_axes()
    {
        // molysite FeCl3 as in COD 5910097: 'R -3' with a = b = c = 6.69 Å, α = β = γ = 52.3°. On rhombohedral axes
        // (International Tables) Fe at x,x,x is 2c and Cl at a general position 6f: 8 sites, Fe2Cl6. Read with the
        // hexagonal-axes operations instead the cell came out as Fe18Cl18.
        var r = Build("data_m\n_symmetry_space_group_name_H-M 'R -3'\n_cell_length_a 6.69\n_cell_length_b 6.69\n_cell_length_c 6.69\n"
            + "_cell_angle_alpha 52.3\n_cell_angle_beta 52.3\n_cell_angle_gamma 52.3\n" + Sites + "Fe Fe 0.3333 0.3333 0.3333\nCl Cl -0.256 0.41 0.077\n");
        Assert.True(r.IsSuccess, r.Error?.Message);
        Assert.Equal("Cl6 Fe2", r.Structure!.Formula);
        Assert.Equal(8, r.Structure.SiteCount);
        Assert.Equal((148, BravaisLattice.hR), (r.SpaceGroupNumber, r.BravaisLattice!.Value));
        Assert.Contains(r.Warnings, w => w.Contains("used rhombohedral axes"));
        // naming the hexagonal axes explicitly on the same cell is a contradiction
        var explicitHexagonal = Build("data_m\n_symmetry_space_group_name_H-M 'R -3 :H'\n_cell_length_a 6.69\n_cell_length_b 6.69\n_cell_length_c 6.69\n"
            + "_cell_angle_alpha 52.3\n_cell_angle_beta 52.3\n_cell_angle_gamma 52.3\n" + Sites + "Fe Fe 0.3333 0.3333 0.3333\n");
        Assert.Contains("does not have the symmetry of its operations", explicitHexagonal.Error!.Message);
    }

    [Fact]
    public void A_partial_listing_of_the_symbols_group_is_still_completed_not_refused()
    {
        // C2/c listed without its centring translations: the four operations are a subgroup of the symbol's group
        var r = Build("data_c\n_symmetry_space_group_name_H-M 'C 1 2/c 1'\n_cell_length_a 10\n_cell_length_b 6\n_cell_length_c 8\n"
            + "_cell_angle_alpha 90\n_cell_angle_beta 100\n_cell_angle_gamma 90\nloop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n-x,y,-z+1/2\n-x,-y,-z\nx,-y,z+1/2\n"
            + Sites + "O1 O 0.1 0.2 0.3\n");
        Assert.True(r.IsSuccess, r.Error?.Message);
        Assert.Equal(8, r.Structure!.SiteCount); // the general position of C2/c
        Assert.Contains(r.Warnings, w => w.Contains("only part of"));
    }

    [Fact]
    public void A_cell_refined_without_constraints_within_its_uncertainty_is_accepted()
    {
        // COD 4300081: P3₁ with a = 14.231(10), b = 14.227(9) Å, α = 90.07(9)°, β = 90.15(9)°, γ = 120.04(3)° (deviation 0.0065)
        var r = Build("data_p\n_symmetry_space_group_name_H-M 'P 31'\n_cell_length_a 14.231\n_cell_length_b 14.227\n_cell_length_c 10.24\n"
            + "_cell_angle_alpha 90.07\n_cell_angle_beta 90.15\n_cell_angle_gamma 120.04\n" + Sites + "C1 C 0.1 0.2 0.3\n");
        Assert.True(r.IsSuccess, r.Error?.Message);
        Assert.Equal(3, r.Structure!.SiteCount);
    }

    [Fact]
    public void Missing_angles_are_named_when_they_make_the_cell_inconsistent()
    {
        var r = Build("data_h\n_symmetry_space_group_name_H-M 'P 6/m m m'\n_cell_length_a 3\n_cell_length_b 3\n_cell_length_c 5\n" + Sites + "Mg Mg 0 0 0\n");
        Assert.EndsWith("; the missing cell angles were taken as 90°", r.Error!.Message);
    }

    [Fact]
    public void Merging_tells_a_repeated_listing_from_two_atoms_on_one_site()
    {
        var lattice = Lattice.Cubic(5);
        var at = new Vec3(0.25, 0.25, 0.25);
        ImmutableArray<Site> repeated = [Site.Single("In", at, "In3"), Site.Single("In", at, "In4"), Site.Single("O", new Vec3(0, 0, 0))];
        var conflicts = new List<string>();
        var merged = SiteMerger.MergeCoincident(lattice, repeated, 0.05, null, conflicts);
        Assert.Equal(2, merged.Length);
        Assert.Empty(conflicts);
        ImmutableArray<Site> clash = [Site.Single("Si", at, "Si1"), Site.Single("Al", at, "Al1")];
        SiteMerger.MergeCoincident(lattice, clash, 0.05, null, conflicts);
        Assert.Equal("atom sites Si1 and Al1 share the position (0.25, 0.25, 0.25) with total occupancy 2, more than 1", Assert.Single(conflicts));
        // rounded published occupancies (COD 9008434: 0.68 + 0.28 + 0.07 = 1.03) are one mixed site, not a conflict
        ImmutableArray<Site> rounded = [Site.Single("Fe", at, "Fe", 0.68), Site.Single("Ti", at, "Ti", 0.28), Site.Single("Al", at, "Al", 0.07)];
        conflicts.Clear();
        var mixed = Assert.Single(SiteMerger.MergeCoincident(lattice, rounded, 0.05, null, conflicts));
        Assert.Empty(conflicts);
        Assert.Equal(1.03, mixed.TotalOccupancy, 12);
    }
}
