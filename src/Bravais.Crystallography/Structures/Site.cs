using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;

namespace Bravais.Crystallography.Structures;

/// <summary>One chemical species on a site with its occupancy (0–1]. <paramref name="Element"/> is a canonical symbol ("Fe", "O", "D").</summary>
public readonly record struct Occupant(string Element, double Occupancy, double? OxidationState = null);

/// <summary>
/// An atomic site: fractional position, one or more occupants (disorder keeps every species with its
/// occupancy), and an optional isotropic displacement as B (Å², B = 8π²U).
/// </summary>
public sealed record Site(string Label, ImmutableArray<Occupant> Occupants, Vec3 Fractional, double? BIso = null)
{
    public static Site Single(string element, Vec3 fractional, string? label = null, double occupancy = 1.0, double? bIso = null) =>
        new(label ?? element, [new Occupant(element, occupancy)], fractional, bIso);

    public double TotalOccupancy
    {
        get { var s = 0.0; foreach (var o in Occupants) s += o.Occupancy; return s; }
    }

    /// <summary>True when two sites carry the same species with the same occupancies (used when merging images).</summary>
    public bool HasSameOccupantsAs(Site other)
    {
        if (Occupants.Length != other.Occupants.Length) return false;
        for (var i = 0; i < Occupants.Length; i++)
            if (Occupants[i].Element != other.Occupants[i].Element || Math.Abs(Occupants[i].Occupancy - other.Occupants[i].Occupancy) > 1e-6)
                return false;
        return true;
    }
}
