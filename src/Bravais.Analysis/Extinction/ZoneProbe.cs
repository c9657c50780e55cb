using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// The reflections of a family's mirror zones (the planes of reciprocal space fixed by a reflection of the holohedry)
/// that lie on no symmetry row, in a box large enough that every residue class modulo <see cref="Modulus"/> (4, or 6 for
/// hexagonal and rhombohedral cells; every zonal condition of the 230 groups has a period dividing it) has members.
/// The zonal conditions of a setting are then the residue classes of its present zone reflections, and a row reflection
/// is "implied present" when it is allowed by the centring and its residue is present in every mirror zone through it:
/// that is how the symbol tells a screw axis from a row condition that a glide plane already imposes.
/// </summary>
internal sealed class ZoneProbe
{
    public readonly record struct Hkl(int H, int K, int L);

    /// <summary>Present residue classes per mirror zone.</summary>
    public sealed class Residues(HashSet<int>[] perZone)
    {
        public HashSet<int>[] PerZone { get; } = perZone;
    }

    private readonly FamilyGeometry _geometry;
    private readonly int[][] _mirrors;
    private readonly Hkl[][] _zonePoints;     // per mirror: off-row points
    private readonly Hkl[][] _positionPoints; // per symbol position: off-row points of its zone

    public int Modulus { get; }

    public ZoneProbe(FamilyGeometry geometry)
    {
        _geometry = geometry;
        var system = geometry.Family.Lattice.FamilySystem();
        Modulus = system is CrystalSystem.Trigonal or CrystalSystem.Hexagonal ? 6 : 4;
        var box = 2 * Modulus + 1;
        _mirrors = [.. geometry.Holohedry.Where(FamilyGeometry.IsReflection)];
        var proper = geometry.Holohedry.Where(FamilyGeometry.IsProperRotation).ToArray();
        var zones = _mirrors.Select(_ => new List<Hkl>()).ToArray();
        for (var h = -box; h <= box; h++)
        for (var k = -box; k <= box; k++)
        for (var l = -box; l <= box; l++)
        {
            if (proper.Any(r => FamilyGeometry.Fixes(r, h, k, l))) continue; // on a symmetry row (or the origin)
            for (var m = 0; m < _mirrors.Length; m++)
                if (FamilyGeometry.Fixes(_mirrors[m], h, k, l)) zones[m].Add(new Hkl(h, k, l));
        }
        _zonePoints = [.. zones.Select(z => z.ToArray())];
        _positionPoints = [.. geometry.Positions.Select(p => p.HasZone
            ? zones.SelectMany(z => z).Distinct().Where(x => x.H * p.Direction[0] + x.K * p.Direction[1] + x.L * p.Direction[2] == 0).ToArray()
            : [])];
    }

    /// <summary>Off-row reflections of the zone normal to symbol position <paramref name="position"/>.</summary>
    public IReadOnlyList<Hkl> ZonePoints(int position) => _positionPoints[position];

    public Residues PresentResidues(AbsenceRule rule)
    {
        var sets = new HashSet<int>[_zonePoints.Length];
        for (var m = 0; m < sets.Length; m++)
        {
            sets[m] = [];
            foreach (var p in _zonePoints[m])
                if (!rule.IsAbsent(p.H, p.K, p.L)) sets[m].Add(Residue(p.H, p.K, p.L));
        }
        return new Residues(sets);
    }

    /// <summary>Whether every mirror zone through (h, k, l) has present reflections in its residue class.</summary>
    public bool ImpliedPresent(Residues residues, int h, int k, int l)
    {
        for (var m = 0; m < _mirrors.Length; m++)
            if (FamilyGeometry.Fixes(_mirrors[m], h, k, l) && !residues.PerZone[m].Contains(Residue(h, k, l))) return false;
        return true;
    }

    private int Residue(int h, int k, int l)
    {
        int M = Modulus;
        return ((h % M + M) % M * M + (k % M + M) % M) * M + (l % M + M) % M;
    }
}
