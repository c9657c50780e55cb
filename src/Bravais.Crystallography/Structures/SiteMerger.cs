using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;

namespace Bravais.Crystallography.Structures;

/// <summary>
/// Merges distinct sites that sit on the same position (within a periodic tolerance), as pymatgen's CIF
/// parser does: a mixed site (Fe 0.5 + Mg 0.5 written as two atom_site rows) becomes one disordered site
/// with both occupants. When the summed occupancy would exceed 1 the later site is a duplicate and is
/// dropped with a warning.
/// </summary>
public static class SiteMerger
{
    /// <summary>Occupancy sums up to this are accepted as one site (rounding in files: 0.333 × 3).</summary>
    public const double OccupancyTolerance = 0.02;

    public static ImmutableArray<Site> MergeCoincident(Lattice lattice, ImmutableArray<Site> sites, double toleranceAngstrom, ICollection<string>? warnings = null)
    {
        if (sites.Length < 2) return sites;
        var near = new PeriodicProximity(lattice, toleranceAngstrom);
        var kept = new List<Site>(sites.Length);
        var changed = false;
        var dropped = 0;
        string? firstDropped = null;
        foreach (var site in sites)
        {
            var index = -1;
            for (var k = 0; k < kept.Count; k++)
                if (near.Coincide(kept[k].Fractional, site.Fractional)) { index = k; break; }
            if (index < 0) { kept.Add(site); continue; }
            changed = true;
            var host = kept[index];
            if (host.TotalOccupancy + site.TotalOccupancy > 1 + OccupancyTolerance)
            {
                dropped++;
                firstDropped ??= $"{site.Label} at {site.Fractional} coincides with {host.Label}";
                continue;
            }
            kept[index] = host with { Label = host.Label == site.Label ? host.Label : $"{host.Label}/{site.Label}", Occupants = Combine(host.Occupants, site.Occupants), BIso = host.BIso ?? site.BIso };
        }
        if (dropped > 0)
            warnings?.Add($"{dropped} atom position(s) duplicate another with total occupancy above 1 and were dropped (first: {firstDropped})");
        return changed ? [.. kept] : sites;
    }

    private static ImmutableArray<Occupant> Combine(ImmutableArray<Occupant> a, ImmutableArray<Occupant> b)
    {
        var list = a.ToList();
        foreach (var o in b)
        {
            var i = list.FindIndex(x => x.Element == o.Element && x.OxidationState == o.OxidationState);
            if (i >= 0) list[i] = list[i] with { Occupancy = list[i].Occupancy + o.Occupancy };
            else list.Add(o);
        }
        return [.. list];
    }
}
