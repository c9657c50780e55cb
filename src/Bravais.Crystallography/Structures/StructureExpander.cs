using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Crystallography.Structures;

/// <summary>
/// Expands an asymmetric unit by symmetry operations into the full cell: every image wrapped into
/// [0, 1), images of the same site that coincide within a periodic Cartesian tolerance merged (O(operations²) per
/// site, operations ≤ 192). Pure function; cancellable, with progress for large structures.
/// </summary>
public static class StructureExpander
{
    /// <summary>Default merge tolerance (Å) for images of one site: well below any real interatomic distance.</summary>
    public const double DefaultToleranceAngstrom = 0.05;

    public static ImmutableArray<Site> Expand(Lattice lattice, IReadOnlyList<Site> asymmetricUnit, IReadOnlyList<SymmetryOperation> operations, double toleranceAngstrom = DefaultToleranceAngstrom,
        IProgress<StructureProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (operations.Count == 0) operations = [SymmetryOperation.Identity];
        var upperBound = (long)asymmetricUnit.Count * operations.Count;
        if (upperBound > StructureLimits.MaxSites)
            throw new CrystallographyException($"{asymmetricUnit.Count} atom sites times {operations.Count} symmetry operations could give {upperBound} sites, more than the limit of {StructureLimits.MaxSites}");
        var result = ImmutableArray.CreateBuilder<Site>((int)upperBound);
        var orbit = new List<Vec3>(operations.Count);
        var near = new PeriodicProximity(lattice, toleranceAngstrom);
        if (upperBound < StructureProgress.MinimumSites) progress = null;
        for (var i = 0; i < asymmetricUnit.Count; i++)
        {
            if ((i & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if ((i & 65535) == 0) progress?.Report(new StructureProgress("expanding", i, asymmetricUnit.Count));
            }
            var site = asymmetricUnit[i];
            orbit.Clear();
            foreach (var op in operations)
            {
                var p = op.Apply(site.Fractional).Wrapped();
                var duplicate = false;
                foreach (var q in orbit)
                    if (near.Coincide(p, q)) { duplicate = true; break; }
                if (duplicate) continue;
                orbit.Add(p);
                result.Add(site with { Fractional = p });
            }
        }
        progress?.Report(new StructureProgress("expanding", asymmetricUnit.Count, asymmetricUnit.Count));
        return result.Count == result.Capacity ? result.MoveToImmutable() : result.ToImmutable();
    }
}
