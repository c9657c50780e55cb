using System.Collections.Immutable;
using Bravais.Analysis.Extinction;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Physics;
using Bravais.Synthesis.Generation;
using Xunit;

namespace Bravais.Analysis.Tests.Extinction;

/// <summary>
/// The absences are physics, not bookkeeping: for random crystals generated on the Wyckoff positions of a space group
/// (standard setting), every reflection the group's <see cref="AbsenceRule"/> calls absent has a structure factor of
/// zero; and an atom on a general position of any setting is extinct exactly there.
/// </summary>
public class AbsencePhysicsTests
{
    private static readonly CrystalGenerator Generator = new(GeneratorOptions.Default with { RequireExactSymmetry = false, MaxAtomsPerCell = 96 });

    public static TheoryData<int> Types()
    {
        // every fourth type and the ones with the most varied conditions (screws, d and e glides, cubic cyclic glides)
        int[] chosen = [14, 15, 19, 33, 43, 61, 62, 64, 68, 70, 88, 92, 110, 142, 161, 167, 169, 173, 184, 198, 205, 212, 220, 227, 228, 230];
        return [.. Enumerable.Range(0, 58).Select(i => 2 + 4 * i).Concat(chosen).Distinct().Order()];
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Reflections_called_absent_have_zero_structure_factor_in_generated_crystals(int number)
    {
        var setting = SpaceGroups.ByNumber(number);
        var crystal = Generator.Generate(setting, seed: 11, index: 0).Structure;
        var rule = ExtinctionTable.GroupOf(setting).Rule;
        var scale = crystal.Sites.Sum(site => site.TotalOccupancy * 30.0); // |F| can be at most Σ f, f < Z ≲ 30 at these s
        const int n = 6;
        for (var h = -n; h <= n; h++)
        for (var k = -n; k <= n; k++)
        for (var l = -n; l <= n; l++)
        {
            if ((h, k, l) == (0, 0, 0) || !rule.IsAbsent(h, k, l)) continue;
            var f = StructureFactor.Compute(crystal, new MillerIndices(h, k, l)).Magnitude;
            Assert.True(f < 1e-9 * scale, $"{setting.HermannMauguin}: ({h},{k},{l}) is called absent but |F| = {f:G3}");
        }
    }

    /// <summary>One atom on a general position of each of the 530 settings: F(h) vanishes exactly for the absent
    /// reflections and (the position being random) for no other, so the rule neither misses nor invents an absence.</summary>
    [Fact]
    public void A_general_position_orbit_is_extinct_exactly_where_the_rule_says_in_all_530_settings()
    {
        var lattice = Lattice.FromParameters(5.1, 6.3, 7.7, 90, 90, 90);
        var x = new Vec3(0.1237, 0.2911, 0.3779);
        foreach (var setting in SpaceGroups.AllSettings)
        {
            var sites = setting.Operations.Select(op => op.Apply(x).Wrapped()).Select((p, i) => Site.Single("Si", p, $"Si{i}")).ToImmutableArray();
            var orbit = new Structure(setting.HermannMauguin, lattice, sites);
            var rule = AbsenceRule.Of(setting);
            const int n = 4;
            for (var h = -n; h <= n; h++)
            for (var k = -n; k <= n; k++)
            for (var l = 0; l <= n; l++)
            {
                if ((h, k, l) == (0, 0, 0)) continue;
                var f = StructureFactor.Compute(orbit, new MillerIndices(h, k, l)).Magnitude / sites.Length;
                var absent = rule.IsAbsent(h, k, l);
                Assert.True(absent ? f < 1e-9 : f > 1e-6, $"{setting.HermannMauguin} (Hall {setting.HallNumber}): ({h},{k},{l}) absent={absent}, |F|/N = {f:G3}");
            }
        }
    }
}
