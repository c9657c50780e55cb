using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Symmetry;
using Xunit;

namespace Bravais.Crystallography.Tests.IO;

/// <summary>
/// Textbook structures in IO/Structures (written for these tests); expected site counts are the sums of the
/// Wyckoff multiplicities in International Tables Vol. A (NaCl 4a+4b, CsCl 1a+1b, Si 8a, rutile 2a+4f,
/// corundum 12c+18e, spinel 8a+16d+32e). See IO/Structures/README.md for the pymatgen cross-check.
/// </summary>
public class CifStructureTests
{
    private static StructureReadResult ReadFixture(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "IO", "Structures", name);
        var r = Assert.Single(StructureFiles.Read(path));
        Assert.True(r.IsSuccess, r.Error?.Message);
        return r;
    }

    [Fact]
    public void RockSaltFromTheHermannMauguinSymbolAlone()
    {
        var r = ReadFixture("NaCl-hm-only.cif");
        var s = r.Structure!;
        Assert.Equal(8, s.SiteCount);
        Assert.Equal("Cl4 Na4", s.Formula);
        Assert.Equal(225, r.SpaceGroupNumber);
        Assert.Equal(BravaisLattice.cF, r.BravaisLattice);
        Assert.Equal(192, s.Symmetry!.Operations.Length);
        // every Na has six Cl neighbours at a/2
        var na = s.Sites.First(x => x.Occupants[0].Element == "Na");
        var neighbours = s.Sites.Where(x => x.Occupants[0].Element == "Cl").Select(x => s.Lattice.PeriodicDistance(na.Fractional, x.Fractional)).Min();
        Assert.Equal(5.6402 / 2, neighbours, 6);
    }

    [Fact]
    public void CaesiumChlorideOldDialectWithUncertaintiesAndBIso()
    {
        var r = ReadFixture("CsCl-old-tags.cif");
        Assert.Equal(2, r.Structure!.SiteCount);
        Assert.Equal(221, r.SpaceGroupNumber);
        Assert.Equal(BravaisLattice.cP, r.BravaisLattice);
        Assert.Equal(4.123, r.Structure.Lattice.A, 9);
        var cs = r.Structure.Sites.Single(s => s.Occupants[0].Element == "Cs");
        Assert.Equal(1.2, cs.BIso!.Value, 9);
        Assert.Equal(1.0, cs.Occupants[0].OxidationState);
        Assert.Equal(-1.0, r.Structure.Sites.Single(s => s.Occupants[0].Element == "Cl").Occupants[0].OxidationState);
    }

    [Fact]
    public void SiliconInOriginChoiceTwo()
    {
        var r = ReadFixture("Si-origin2.cif");
        Assert.Equal(8, r.Structure!.SiteCount);
        Assert.Equal(227, r.SpaceGroupNumber);
        Assert.Equal(BravaisLattice.cF, r.BravaisLattice);
        // nearest-neighbour distance a·√3/4 (tetrahedral bonds)
        var s = r.Structure;
        var d = s.Sites.Skip(1).Min(x => s.Lattice.PeriodicDistance(s.Sites[0].Fractional, x.Fractional));
        Assert.Equal(5.4307 * Math.Sqrt(3) / 4, d, 6);
    }

    [Fact]
    public void RutileFromOperationsInMixedSpellingsWithUIso()
    {
        var r = ReadFixture("rutile-symops.cif");
        Assert.Equal(6, r.Structure!.SiteCount);
        Assert.Equal("O4 Ti2", r.Structure.Formula);
        Assert.Equal(136, r.SpaceGroupNumber);
        Assert.Equal(BravaisLattice.tP, r.BravaisLattice);
        Assert.Equal(16, r.Structure.Symmetry!.Operations.Length); // 17 rows, one duplicate
        var ti = r.Structure.Sites.First(s => s.Occupants[0].Element == "Ti");
        Assert.Equal(8 * Math.PI * Math.PI * 0.0060, ti.BIso!.Value, 9);
    }

    [Fact]
    public void CorundumFromTheHallSymbolOnHexagonalAxes()
    {
        var r = ReadFixture("corundum-hexagonal.cif");
        Assert.Equal(30, r.Structure!.SiteCount);
        Assert.Equal("Al12 O18", r.Structure.Formula);
        Assert.Equal(167, r.SpaceGroupNumber);
        Assert.Equal(BravaisLattice.hR, r.BravaisLattice);
    }

    [Fact]
    public void MixedAndPartialSitesAreKept()
    {
        var r = ReadFixture("spinel-mixed-site.cif");
        var s = r.Structure!;
        Assert.Equal(56, s.SiteCount);
        var mixed = s.Sites.Where(x => x.Occupants.Length == 2).ToList();
        Assert.Equal(8, mixed.Count);
        Assert.All(mixed, m => Assert.Equal(["Mg", "Fe"], m.Occupants.Select(o => o.Element)));
        Assert.All(mixed, m => Assert.Equal(1.0, m.TotalOccupancy, 9));
        var c = s.Composition;
        Assert.Equal(4.8, c["Mg"], 9);
        Assert.Equal(3.2, c["Fe"], 9);
        Assert.Equal(16, c["Al"], 9);
        Assert.Equal(32 * 0.95, c["O"], 9);
        Assert.Equal("Al16 Fe3.2 Mg4.8 O30.4", s.Formula);
    }

    private const string Cubic4 = "_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n";

    private static StructureReadResult Build(string text) => CifStructureBuilder.Read(CifReader.Parse(text, "t.cif").Single());

    [Fact]
    public void AHallSymbolFieldIsReadAsHallNotAsHermannMauguin()
    {
        // Hall "P 2" is P 1 1 2 (unique axis c); read as an H–M symbol it would be P 1 2 1 (unique axis b).
        var r = Build($"data_x\n{Cubic4}_space_group_name_Hall 'P 2'\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0.1 0.2 0.3\n");
        Assert.Equal(3, r.SpaceGroupNumber);
        Assert.Equal("P 2", r.SpaceGroup!.Hall);
        // the two images of a general position under a 2-fold about c: (x, y, z) and (-x, -y, z)
        Assert.Contains(r.Structure!.Sites, s => Math.Abs(s.Fractional.X - 0.9) < 1e-9 && Math.Abs(s.Fractional.Y - 0.8) < 1e-9 && Math.Abs(s.Fractional.Z - 0.3) < 1e-9);
    }

    [Theory]
    [InlineData("_space_group_symop_operation_xyz")]
    [InlineData("_symmetry_equiv_pos_as_xyz")]
    [InlineData("_space_group_symop.operation_xyz")]
    public void ReadsEveryOperationTag(string tag)
    {
        var r = Build($"data_x\n{Cubic4}loop_\n{tag}\n'x,y,z'\n'-x,-y,-z'\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0.1 0.2 0.3\n");
        Assert.Equal(2, r.Structure!.SiteCount);
        Assert.Equal(2, r.SpaceGroupNumber); // P-1 found from the operations
    }

    [Theory]
    [InlineData("_space_group_IT_number 2")]
    [InlineData("_symmetry_Int_Tables_number 2")]
    [InlineData("_space_group_name_H-M_alt 'P -1'")]
    [InlineData("_symmetry_space_group_name_H-M 'P -1'")]
    [InlineData("_space_group_name_Hall '-P 1'")]
    [InlineData("_symmetry_space_group_name_Hall '-P 1'")]
    public void EveryDialectOfTheSpaceGroupTags(string item)
    {
        var r = Build($"data_x\n{Cubic4}{item}\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0.1 0.2 0.3\n");
        Assert.Equal(2, r.SpaceGroupNumber);
        Assert.Equal(2, r.Structure!.SiteCount);
        Assert.Equal(BravaisLattice.aP, r.BravaisLattice);
    }

    [Fact]
    public void NoSymmetryAtAllIsP1WithAWarning()
    {
        var r = Build($"data_x\n{Cubic4}loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0.1 0.2 0.3\n");
        Assert.Equal(1, r.Structure!.SiteCount);
        Assert.Null(r.SpaceGroupNumber);
        Assert.Contains(r.Warnings, w => w.Contains("assumed P1"));
    }

    [Fact]
    public void IncompleteOperationLoopIsCompletedFromTheSymbol()
    {
        // C c with the C-centring operations left out of the loop (a real COD defect)
        var r = Build($"data_x\n_symmetry_space_group_name_H-M 'C c'\n_cell_length_a 10\n_cell_length_b 6\n_cell_length_c 8\n_cell_angle_alpha 90\n_cell_angle_beta 100\n_cell_angle_gamma 90\n"
            + "loop_\n_symmetry_equiv_pos_as_xyz\n'x, y, z'\n'x, -y, z+1/2'\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nO1 0.1 0.2 0.3\n");
        Assert.Equal(9, r.SpaceGroupNumber);
        Assert.Equal(BravaisLattice.mS, r.BravaisLattice);
        Assert.Equal(4, r.Structure!.SiteCount);
        Assert.Contains(r.Warnings, w => w.Contains("only part of"));
    }

    [Fact]
    public void WhenHallAndHermannMauguinDisagreeTheHermannMauguinSymbolWins()
    {
        // a real COD defect: Hall 'c 1' written beside the H–M symbol of Cmca (Cmce, 64). Since issue 18 disagreeing
        // declarations are refused; read leniently, the H–M symbol still wins (the assertions from before)
        const string text = "data_x\n_symmetry_space_group_name_H-M 'C m c a'\n_symmetry_space_group_name_Hall 'C 1'\n"
            + "_cell_length_a 16\n_cell_length_b 21\n_cell_length_c 15\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n"
            + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nCl1 0.1 0.2 0.3\n";
        var strict = Build(text);
        Assert.False(strict.IsSuccess);
        Assert.Equal("t.cif, block x, line 3, field _symmetry_space_group_name_hall: Hall symbol 'C 1' (group 1) and H–M symbol 'C m c a' (group 64) disagree", strict.Error!.Message);
        var r = CifStructureBuilder.Read(CifReader.Parse(text, "t.cif").Single(), new StructureReadOptions { Lenient = true });
        Assert.Equal(64, r.SpaceGroupNumber);
        Assert.Equal(BravaisLattice.oS, r.BravaisLattice);
        Assert.Equal(16, r.Structure!.SiteCount);
        Assert.Contains(r.Warnings, w => w.Contains("disagree"));
    }

    [Fact]
    public void NonStandardCentredTriclinicSymbol()
    {
        var r = Build($"data_x\n_symmetry_space_group_name_H-M 'A -1'\n{Cubic4}loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nO1 0.1 0.2 0.3\n");
        Assert.Equal(2, r.SpaceGroupNumber);
        Assert.Equal(BravaisLattice.aP, r.BravaisLattice);
        Assert.Equal(4, r.Structure!.SiteCount);
    }

    [Theory]
    [InlineData("Fe1", "Fe")]
    [InlineData("O2-", "O")]
    [InlineData("Ow3", "O")]
    [InlineData("OW1", "O")]
    [InlineData("D", "D")]
    [InlineData("D12", "D")]
    [InlineData("Cl1A", "Cl")]
    [InlineData("FE2", "Fe")]
    [InlineData("C1A", "C")]
    [InlineData("Hg", "Hg")]
    public void ElementFromTheLabel(string label, string element)
    {
        Assert.True(AtomTypeSymbol.TryParseLabel(label, out var e));
        Assert.Equal(element, e);
        var r = Build($"data_x\n{Cubic4}loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n{label} 0.1 0.2 0.3\n");
        Assert.Equal(element, r.Structure!.Sites[0].Occupants[0].Element);
        Assert.Equal(label, r.Structure.Sites[0].Label);
    }

    [Theory]
    [InlineData("Fe3+", "Fe", 3.0)]
    [InlineData("O2-", "O", -2.0)]
    [InlineData("O-2", "O", -2.0)]
    [InlineData("Cl-", "Cl", -1.0)]
    [InlineData("Si", "Si", null)]
    [InlineData("SI4+", "Si", 4.0)]
    public void ElementAndChargeFromTheTypeSymbol(string symbol, string element, double? charge)
    {
        Assert.True(AtomTypeSymbol.TryParseTypeSymbol(symbol, out var e, out var q));
        Assert.Equal((element, charge), (e, q));
    }

    [Fact]
    public void TypeSymbolWinsOverLabel()
    {
        var r = Build($"data_x\n{Cubic4}loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nCA1 C 0.1 0.2 0.3\n");
        Assert.Equal("C", r.Structure!.Sites[0].Occupants[0].Element);
    }

    [Fact]
    public void OccupancyDefaultsToOneAndUnknownCoordinatesAreSkipped()
    {
        var r = Build($"data_x\n{Cubic4}loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\nNa1 0.1 0.2 0.3 ?\nCl1 0.6 0.7 0.8 0.5\nH1 ? ? ? 1\n");
        var s = r.Structure!;
        Assert.Equal(2, s.SiteCount);
        Assert.Equal(1.0, s.Sites[0].Occupants[0].Occupancy);
        Assert.Equal(0.5, s.Sites[1].Occupants[0].Occupancy);
        Assert.Contains(r.Warnings, w => w.Contains("unknown coordinates"));
    }

    [Fact]
    public void SnapsFourDigitThirdsSoSpecialPositionsMerge()
    {
        Assert.Equal(1.0 / 3, FractionSnapping.Snap(0.3333, 4));
        Assert.Equal(2.0 / 3, FractionSnapping.Snap(0.667, 3));
        Assert.Equal(1.0 / 6, FractionSnapping.Snap(0.16667, 5));
        Assert.Equal(0.3334, FractionSnapping.Snap(0.3334, 4)); // not a rounding of 1/3
        Assert.Equal(0.33333333, FractionSnapping.Snap(0.33333333, 8)); // precise values are kept
        // graphite-like 2c site (1/3, 2/3, 1/4) in P6_3/mmc: 2 images once snapped
        var r = Build("data_x\n_symmetry_space_group_name_H-M 'P 63/m m c'\n_cell_length_a 2.46\n_cell_length_b 2.46\n_cell_length_c 6.7\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 120\n"
            + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nC1 0.3333 0.6667 0.25\nC2 0 0 0.25\n");
        Assert.Equal(4, r.Structure!.SiteCount);
        Assert.Equal(194, r.SpaceGroupNumber);
        Assert.Equal(BravaisLattice.hP, r.BravaisLattice);
    }

    [Fact]
    public void OneAtomGivenAsPlainItemsInsteadOfALoop()
    {
        var r = Build($"data_x\n{Cubic4}_space_group_name_H-M_alt 'I m -3 m'\n_atom_site_label Fe1\n_atom_site_fract_x 0\n_atom_site_fract_y 0\n_atom_site_fract_z 0\n");
        Assert.Equal(2, r.Structure!.SiteCount);
        Assert.Equal(BravaisLattice.cI, r.BravaisLattice);
    }

    [Fact]
    public void MissingAnglesDefaultToNinetyWithAWarning()
    {
        var r = Build("data_x\n_cell_length_a 3\n_cell_length_b 4\n_cell_length_c 5\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0 0\n");
        Assert.Equal(60, r.Structure!.Volume, 9);
        Assert.Equal(3, r.Warnings.Count(w => w.Contains("assumed 90")));
    }

    [Fact]
    public void FailedBlockStillReportsItsDeclaredSymmetry()
    {
        var r = Build("data_x\n_space_group_name_H-M_alt 'P 21/c'\n_cell_length_a 4\n");
        Assert.False(r.IsSuccess);
        Assert.Equal(14, r.SpaceGroupNumber);
        Assert.Equal(BravaisLattice.mP, r.BravaisLattice);
    }

    [Fact]
    public void ExpansionWrapsIntoTheCellAndMergesImagesOfOneSite()
    {
        var lattice = Lattice.Cubic(4);
        var ops = new[] { SymmetryOperation.Identity, SymmetryOperation.Parse("-x,-y,-z"), SymmetryOperation.Parse("x+1/2,y+1/2,z+1/2") };
        var sites = Crystallography.Structures.StructureExpander.Expand(lattice, [Crystallography.Structures.Site.Single("Fe", new Vec3(0, 0, 0.0001))], ops);
        // the inversion image lies 0.0008 Å away (merged); the body-centred image is distinct
        Assert.Equal(2, sites.Length);
        Assert.All(sites, s => Assert.InRange(s.Fractional.Z, 0, 1));
    }
}
