using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.Extinction;

/// <summary>
/// Writes the International Tables extinction symbol of a setting from its absences alone: the centring letter, then
/// for each symmetry direction of the family (ITA order) the glide that explains the conditions of the zone normal to
/// it and the screw axis that explains those of the row along it, when the row's conditions do not already follow
/// from the centring and the zonal conditions ("-" when neither, "1" for the non-unique directions of a monoclinic
/// cell). Glide letters are the translation τ whose condition h·τ ∈ ℤ, applied to the zone's reflections left by the
/// centring, leaves exactly the present ones: a, b, c, n or d; when two axial glides explain a zone equally (an e-glide
/// plane of a centred cell) the ITA 1983–2005 notation "(ab)" is used, except where ITA writes one letter: a for the
/// zone normal to the principal axis of tetragonal and cubic cells, c for the secondary zone of tI, and the letters of
/// Iba2/Ibca for I-centred orthorhombic cells with two or three such zones, the letter of the cell choice's H–M symbol
/// in centred monoclinic cells (C 1 c 1, A 1 n 1, I 1 a 1); the cubic P zone hhl: l = 2n is n.
/// Screws are named by the period of the row condition: 21, 41/42 (tetragonal and cubic m-3m), 21 (cubic m-3),
/// 31 (trigonal), 62/61/63 (hexagonal), so a few names depend on the Laue class.
/// </summary>
internal static class ExtinctionSymbolNamer
{
    public static string Name(FamilyGeometry geometry, ZoneProbe probe, AbsenceRule rule, string laueClass)
    {
        var family = geometry.Family;
        if (geometry.Positions.Length == 0) return $"{family.Centring} -";
        var residues = probe.PresentResidues(rule);
        var tokens = new string[geometry.Positions.Length];
        var glides = new string?[geometry.Positions.Length];
        var ambiguous = new bool[geometry.Positions.Length];
        for (var p = 0; p < geometry.Positions.Length; p++)
        {
            var position = geometry.Positions[p];
            if (position.Fixed != '\0') continue;
            if (position.HasZone) (glides[p], ambiguous[p]) = Glide(geometry, probe, rule, p);
        }
        ResolveAmbiguousGlides(geometry, glides, ambiguous);
        for (var p = 0; p < geometry.Positions.Length; p++)
        {
            var position = geometry.Positions[p];
            if (position.Fixed != '\0') { tokens[p] = position.Fixed.ToString(); continue; }
            var screw = position.Row is null ? null : Screw(geometry, probe, rule, residues, position, laueClass);
            tokens[p] = (screw, glides[p]) switch
            {
                (null, null) => "-",
                (not null, null) => screw,
                (null, not null) => glides[p]!,
                _ => screw + "/" + glides[p],
            };
        }
        return family.Centring + " " + string.Join(' ', tokens);
    }

    /// <summary>The glide letter of the zone normal to position <paramref name="p"/>, null when the zone has no
    /// condition beyond the centring; ambiguous when two axial glides explain it equally.</summary>
    private static (string? Glide, bool Ambiguous) Glide(FamilyGeometry geometry, ZoneProbe probe, AbsenceRule rule, int p)
    {
        var d = geometry.Positions[p].Direction;
        var allowed = probe.ZonePoints(p).Where(h => !rule.IsAbsentByCentring(h.H, h.K, h.L)).ToArray();
        var present = allowed.Select(h => !rule.IsAbsent(h.H, h.K, h.L)).ToArray();
        if (present.All(x => x)) return (null, false);

        var axial = new List<char>();
        var diagonal = new List<char>();
        foreach (var (letter, tau) in GlideCandidates(geometry, d))
        {
            var matches = true;
            for (var i = 0; i < allowed.Length && matches; i++)
                matches = ((allowed[i].H * tau[0] + allowed[i].K * tau[1] + allowed[i].L * tau[2]) % 4 == 0) == present[i];
            if (!matches) continue;
            if (letter is 'a' or 'b' or 'c') { if (!axial.Contains(letter)) axial.Add(letter); }
            else if (!diagonal.Contains(letter)) diagonal.Add(letter);
        }
        var family = geometry.Family;
        // centred monoclinic cells: ITA names the glide after the cell choice's symbol (C1c1, A1n1, I1a1, A11a, B11n, I11b, Bb11, Cn11, Ic11)
        if (MonoclinicLetter(family) is { } preferred && (axial.Contains(preferred) || diagonal.Contains(preferred))) return (preferred.ToString(), false);
        // ITA writes the cubic P zone hhl: l = 2n as n (P-43n, Pm-3n), not c
        if (family.Lattice == BravaisLattice.cP && p == 2 && diagonal.Contains('n')) return ("n", false);
        if (axial.Count == 1) return (axial[0].ToString(), false);
        if (axial.Count == 2) return ("(" + string.Concat(axial.Order()) + ")", true);
        if (diagonal.Contains('n')) return ("n", false);
        if (diagonal.Contains('d')) return ("d", false);
        throw new InvalidOperationException($"the zone normal to [{string.Join(',', d)}] of family {family} has a condition no glide explains");
    }

    private static char? MonoclinicLetter(ExtinctionFamily family) =>
        family.Lattice != BravaisLattice.mS ? null : (family.Centring, family.Axes) switch
        {
            ('C', 'b') => 'c', ('A', 'b') => 'n', ('I', 'b') => 'a',
            ('A', 'c') => 'a', ('B', 'c') => 'n', ('I', 'c') => 'b',
            ('B', 'a') => 'b', ('C', 'a') => 'n', ('I', 'a') => 'c',
            _ => null,
        };

    /// <summary>Translations τ (in quarters of the axes) of glide planes normal to <paramref name="d"/> (modulo lattice
    /// vectors), with their letters: a, b, c for one half axis, n for a sum of halves, d for quarters.</summary>
    private static IEnumerable<(char Letter, int[] Tau)> GlideCandidates(FamilyGeometry geometry, int[] d)
    {
        var g = geometry.DirectMetric;
        double[] gd = [g.M00 * d[0] + g.M01 * d[1] + g.M02 * d[2], g.M10 * d[0] + g.M11 * d[1] + g.M12 * d[2], g.M20 * d[0] + g.M21 * d[1] + g.M22 * d[2]];
        for (var x = 0; x < 4; x++)
        for (var y = 0; y < 4; y++)
        for (var z = 0; z < 4; z++)
        {
            if (x == 0 && y == 0 && z == 0) continue;
            if (!InPlane(x, y, z, gd)) continue;
            int[] tau = [x, y, z];
            var halves = tau.Count(t => t == 2);
            var quarters = tau.Count(t => t is 1 or 3);
            char letter;
            if (quarters > 0) letter = 'd';
            else if (halves == 1) letter = "abc"[Array.IndexOf(tau, 2)];
            else letter = 'n';
            yield return (letter, tau);
        }
    }

    private static bool InPlane(int x, int y, int z, double[] gd)
    {
        for (var i = -1; i <= 1; i++)
        for (var j = -1; j <= 1; j++)
        for (var k = -1; k <= 1; k++)
            if (Math.Abs((x / 4.0 + i) * gd[0] + (y / 4.0 + j) * gd[1] + (z / 4.0 + k) * gd[2]) < 1e-9) return true;
        return false;
    }

    private static void ResolveAmbiguousGlides(FamilyGeometry geometry, string?[] glides, bool[] ambiguous)
    {
        var family = geometry.Family;
        var system = family.Lattice.FamilySystem();
        if (system is CrystalSystem.Tetragonal or CrystalSystem.Cubic && ambiguous[0]) { glides[0] = "a"; ambiguous[0] = false; }
        if (system is CrystalSystem.Tetragonal && ambiguous[1]) { glides[1] = "c"; ambiguous[1] = false; }
        if (family.Lattice == BravaisLattice.oI)
        {
            var count = ambiguous.Count(x => x);
            if (count == 2)
            {
                // each plane takes the axis normal to the other plane: I b a -, I c - a, I - c b
                var planes = Enumerable.Range(0, 3).Where(i => ambiguous[i]).ToArray();
                glides[planes[0]] = "abc"[planes[1]].ToString();
                glides[planes[1]] = "abc"[planes[0]].ToString();
            }
            else if (count == 3) { glides[0] = "b"; glides[1] = "c"; glides[2] = "a"; } // I b c a
        }
    }

    /// <summary>The screw axis along a position's row, or null when the row's conditions follow from the centring and the zones.</summary>
    private static string? Screw(FamilyGeometry geometry, ZoneProbe probe, AbsenceRule rule, ZoneProbe.Residues residues, FamilyGeometry.Position position, string laueClass)
    {
        var row = position.Row!;
        int actual = 0, implied = 0;
        for (var n = 1; n <= 12 && (actual == 0 || implied == 0); n++)
        {
            int h = n * row[0], k = n * row[1], l = n * row[2];
            if (actual == 0 && !rule.IsAbsent(h, k, l)) actual = n;
            if (implied == 0 && !rule.IsAbsentByCentring(h, k, l) && probe.ImpliedPresent(residues, h, k, l)) implied = n;
        }
        if (actual == 0 || implied == 0) throw new InvalidOperationException($"row [{string.Join(',', row)}] of family {geometry.Family} has no present reflection up to n = 12");
        if (actual == implied) return null;
        var system = geometry.Family.Lattice == BravaisLattice.hP ? CrystalSystems.FromSpaceGroupNumber(laueClass is "6/m" or "6/mmm" ? 168 : 143) : geometry.Family.Lattice.FamilySystem();
        return (position.Screw, actual) switch
        {
            (FamilyGeometry.ScrewKind.TwoFold, 2) => "21",
            (FamilyGeometry.ScrewKind.Tetragonal, 2) => "42",
            (FamilyGeometry.ScrewKind.Tetragonal, 4) => "41",
            (FamilyGeometry.ScrewKind.CubicPrincipal, 2) => laueClass == "m-3" ? "21" : "42",
            (FamilyGeometry.ScrewKind.CubicPrincipal, 4) => "41",
            (FamilyGeometry.ScrewKind.HexagonalPrincipal, 2) => "63",
            (FamilyGeometry.ScrewKind.HexagonalPrincipal, 3) => system == CrystalSystem.Trigonal ? "31" : "62",
            (FamilyGeometry.ScrewKind.HexagonalPrincipal, 6) => "61",
            _ => throw new InvalidOperationException($"row [{string.Join(',', row)}] of family {geometry.Family}: condition n = {actual}·m has no screw name"),
        };
    }
}
