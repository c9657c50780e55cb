using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;

namespace Bravais.Diffraction.Tests;

/// <summary>
/// Small structures built in code (full cells, P1 content). tools/make_pymatgen_fixture.py builds the same ones
/// in pymatgen for Fixtures/pymatgen-peaks.json; keep the two in step.
/// </summary>
public static class StructureFixtures
{
    private static readonly Vec3[] FccTranslations = [new(0, 0, 0), new(0, .5, .5), new(.5, 0, .5), new(.5, .5, 0)];

    private static Site At(string element, double x, double y, double z) => Site.Single(element, new Vec3(x, y, z).Wrapped());

    public const double NaClA = 5.6402, CsClA = 4.123, SiA = 5.4309, MgA = 3.2094, MgC = 5.2108;

    /// <summary>Rock salt, Fm-3m: Na at 0,0,0 and Cl at ½,½,½ plus the face-centring translations.</summary>
    public static Structure NaCl()
    {
        var sites = ImmutableArray.CreateBuilder<Site>();
        foreach (var t in FccTranslations)
        {
            sites.Add(At("Na", t.X, t.Y, t.Z));
            sites.Add(At("Cl", t.X + .5, t.Y + .5, t.Z + .5));
        }
        return new Structure("NaCl", Lattice.Cubic(NaClA), sites.ToImmutable());
    }

    /// <summary>Caesium chloride, Pm-3m (primitive cubic, two atoms).</summary>
    public static Structure CsCl() =>
        new("CsCl", Lattice.Cubic(CsClA), [At("Cs", 0, 0, 0), At("Cl", .5, .5, .5)]);

    /// <summary>Diamond-type silicon, Fd-3m: 8 atoms.</summary>
    public static Structure Silicon()
    {
        var sites = ImmutableArray.CreateBuilder<Site>();
        foreach (var t in FccTranslations)
        {
            sites.Add(At("Si", t.X, t.Y, t.Z));
            sites.Add(At("Si", t.X + .25, t.Y + .25, t.Z + .25));
        }
        return new Structure("Si", Lattice.Cubic(SiA), sites.ToImmutable());
    }

    /// <summary>hcp magnesium, P6₃/mmc: Mg at ⅓,⅔,¼ and ⅔,⅓,¾.</summary>
    public static Structure Magnesium() =>
        new("Mg", Lattice.Hexagonal(MgA, MgC), [At("Mg", 1.0 / 3, 2.0 / 3, .25), At("Mg", 2.0 / 3, 1.0 / 3, .75)]);

    public const double MonoA = 5.2, MonoB = 6.1, MonoC = 7.3, MonoBeta = 103.5;

    /// <summary>A monoclinic cell with four atoms in general positions (no absences).</summary>
    public static Structure Monoclinic() =>
        new("monoclinic", Lattice.Monoclinic(MonoA, MonoB, MonoC, MonoBeta),
            [At("Zn", .1, .2, .3), At("O", .6, .25, .85), At("S", .35, .7, .15), At("O", .9, .55, .45)]);

    /// <summary>CsCl type with a mixed Fe/Ni site and a partly vacant Al site (occupancies).</summary>
    public static Structure Disordered() =>
        new("disordered", Lattice.Cubic(2.89),
            [new Site("A", [new Occupant("Fe", .5), new Occupant("Ni", .5)], new Vec3(0, 0, 0)),
             new Site("B", [new Occupant("Al", .8)], new Vec3(.5, .5, .5))]);

    /// <summary>fcc copper (4 atoms) and bcc tungsten (2 atoms) for absence rules.</summary>
    public static Structure Copper()
    {
        var sites = FccTranslations.Select(t => At("Cu", t.X, t.Y, t.Z)).ToImmutableArray();
        return new Structure("Cu", Lattice.Cubic(3.615), sites);
    }

    public static Structure Tungsten() => new("W", Lattice.Cubic(3.165), [At("W", 0, 0, 0), At("W", .5, .5, .5)]);

    public static Structure ByName(string name) => name switch
    {
        "NaCl" or "NaCl-DW-MoKa" => NaCl(),
        "CsCl" => CsCl(),
        "Si" => Silicon(),
        "Mg" => Magnesium(),
        "monoclinic" => Monoclinic(),
        "disordered" => Disordered(),
        _ => throw new ArgumentException(name),
    };
}
