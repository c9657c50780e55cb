using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;

namespace Bravais.Crystallography.Structures;

/// <summary>
/// Merges distinct sites that sit on the same position (within a periodic tolerance), as pymatgen's CIF
/// parser does: a mixed site (Fe 0.5 + Mg 0.5 written as two atom_site rows) becomes one disordered site
/// with both occupants. When the summed occupancy would exceed 1 the later site is dropped with a warning:
/// a repeated listing (its occupants are already on the site with the same occupancies, e.g. an atom and its
/// symmetry image both listed) is harmless; anything else (Al 1 on a site of Si 1, occupancies summing to
/// 1.11) is an inconsistency, also described in <c>conflicts</c> for the reader to refuse.
/// </summary>
public static class SiteMerger
{
    /// <summary>
    /// Occupancies (one site's, or the sum on a merged site) up to 1 + this are accepted: 0.05 covers published
    /// occupancies rounded to two decimals and refined with uncertainties of 0.01–0.02 (COD 9008434, an AMCSD
    /// entry, has Fe 0.68 + Ti 0.28 + Al 0.07 = 1.03 on one site), while two full atoms (2) or 1.11
    /// (COD 9007544) are refused as inconsistent. Was 0.02 before issue 18, which dropped the Al of 9008434.
    /// </summary>
    public const double OccupancyTolerance = 0.05;

    /// <summary>
    /// Merges coincident sites in one pass over <paramref name="sites"/> in order: each joins the first earlier kept
    /// site within <paramref name="toleranceAngstrom"/> (periodically), else is kept. Candidates come from a periodic
    /// cell list (<see cref="PeriodicCellList"/>), so n sites take O(n) time instead of the O(n²) of comparing each with
    /// every kept site (100k atoms: 45 s before); the result is the same site for site. Structures of
    /// <see cref="StructureProgress.MinimumSites"/> sites or more report progress; cancellable between sites.
    /// </summary>
    public static ImmutableArray<Site> MergeCoincident(Lattice lattice, ImmutableArray<Site> sites, double toleranceAngstrom, ICollection<string>? warnings = null,
        ICollection<string>? conflicts = null, IProgress<StructureProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (sites.Length < 2) return sites;
        var near = new PeriodicProximity(lattice, toleranceAngstrom);
        var cells = new PeriodicCellList(lattice, toleranceAngstrom, sites.Length);
        var kept = new List<Site>(sites.Length);
        var changed = false;
        var dropped = 0;
        string? firstDropped = null;
        if (sites.Length < StructureProgress.MinimumSites) progress = null;
        for (var i = 0; i < sites.Length; i++)
        {
            if ((i & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if ((i & 65535) == 0) progress?.Report(new StructureProgress("merging sites", i, sites.Length));
            }
            var site = sites[i];
            var index = cells.FirstCoinciding(site.Fractional, near);
            if (index < 0)
            {
                kept.Add(site);
                cells.Add(site.Fractional);
                continue;
            }
            changed = true;
            var host = kept[index];
            if (host.TotalOccupancy + site.TotalOccupancy > 1 + OccupancyTolerance)
            {
                dropped++;
                firstDropped ??= $"{site.Label} at {site.Fractional} coincides with {host.Label}";
                if (conflicts is not null && !IsRepeatOf(site, host))
                    conflicts.Add(FormattableString.Invariant(
                        $"atom sites {host.Label} and {site.Label} share the position {site.Fractional} with total occupancy {host.TotalOccupancy + site.TotalOccupancy:0.###}, more than 1"));
                continue;
            }
            kept[index] = host with { Label = host.Label == site.Label ? host.Label : $"{host.Label}/{site.Label}", Occupants = Combine(host.Occupants, site.Occupants), BIso = host.BIso ?? site.BIso };
        }
        progress?.Report(new StructureProgress("merging sites", sites.Length, sites.Length));
        if (dropped > 0)
            warnings?.Add($"{dropped} atom position(s) duplicate another with total occupancy above 1 and were dropped (first: {firstDropped})");
        return changed ? [.. kept] : sites;
    }

    /// <summary>True when every occupant of <paramref name="site"/> is already on <paramref name="host"/> with the same occupancy.</summary>
    private static bool IsRepeatOf(Site site, Site host)
    {
        foreach (var o in site.Occupants)
        {
            var found = false;
            foreach (var h in host.Occupants)
                if (h.Element == o.Element && Math.Abs(h.Occupancy - o.Occupancy) <= 1e-6) { found = true; break; }
            if (!found) return false;
        }
        return true;
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
