using System.Collections.Immutable;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Structures;
using Xunit;

namespace Bravais.Crystallography.Tests.Sites;

/// <summary>The cell-list merging against the quadratic merging it replaced (kept here as the oracle), on random structures.</summary>
public class SiteMergerTests
{
    /// <summary>The merging before issue 18, verbatim but for the conflict list: every site against every kept site.</summary>
    private static ImmutableArray<Site> QuadraticMerge(Lattice lattice, ImmutableArray<Site> sites, double toleranceAngstrom, ICollection<string> warnings)
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
            if (host.TotalOccupancy + site.TotalOccupancy > 1 + SiteMerger.OccupancyTolerance)
            {
                dropped++;
                firstDropped ??= $"{site.Label} at {site.Fractional} coincides with {host.Label}";
                continue;
            }
            kept[index] = host with { Label = host.Label == site.Label ? host.Label : $"{host.Label}/{site.Label}", Occupants = Combine(host.Occupants, site.Occupants), BIso = host.BIso ?? site.BIso };
        }
        if (dropped > 0)
            warnings.Add($"{dropped} atom position(s) duplicate another with total occupancy above 1 and were dropped (first: {firstDropped})");
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

    private static readonly string[] Elements = ["Fe", "Mg", "O", "Si", "Al"];

    /// <summary>
    /// Random sites with many near-coincidences: a third of the sites are copies of earlier ones moved by up to
    /// 1.5 tolerances, half of them at 0.9–1.1 tolerances (some across the cell boundary), with random species and occupancies, so merging, mixing and
    /// dropping all happen.
    /// </summary>
    private static ImmutableArray<Site> RandomSites(Random random, Lattice lattice, int count, double tolerance)
    {
        var sites = new List<Site>(count);
        var inverse = lattice.Matrix.Inverse();
        for (var i = 0; i < count; i++)
        {
            Vec3 p;
            if (sites.Count > 0 && random.NextDouble() < 0.35)
            {
                var origin = sites[random.Next(sites.Count)].Fractional;
                // half the copies at 0.9–1.1 tolerances in a random direction: pairs on both sides of the threshold
                var direction = new Vec3(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5);
                var shift = random.NextDouble() < 0.5
                    ? direction * (3 * tolerance)
                    : direction / direction.Length * (tolerance * (0.9 + 0.2 * random.NextDouble()));
                p = (origin + shift * inverse).Wrapped();
            }
            else if (random.NextDouble() < 0.1)
                p = new Vec3(random.NextDouble() < 0.5 ? 0 : 0.999999, random.NextDouble(), random.NextDouble()); // on the boundary
            else
                p = new Vec3(random.NextDouble(), random.NextDouble(), random.NextDouble());
            var occupancy = random.NextDouble() < 0.5 ? 1.0 : Math.Round(random.NextDouble(), 2) + 0.01;
            sites.Add(new Site($"S{i}", [new Occupant(Elements[random.Next(Elements.Length)], occupancy)], p, random.NextDouble() < 0.5 ? null : random.NextDouble()));
        }
        return [.. sites];
    }

    public static TheoryData<int> Seeds()
    {
        var d = new TheoryData<int>();
        for (var s = 1; s <= 40; s++) d.Add(s);
        return d;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_cell_list_merges_exactly_as_the_quadratic_search(int seed)
    {
        var random = new Random(seed);
        // shapes from cubic to strongly skewed, and tolerances from tiny to a sizeable part of a small cell
        var lattice = Lattice.FromParameters(3 + 20 * random.NextDouble(), 3 + 20 * random.NextDouble(), 3 + 20 * random.NextDouble(),
            60 + 60 * random.NextDouble(), 60 + 60 * random.NextDouble(), 60 + 60 * random.NextDouble());
        var tolerance = seed % 5 == 0 ? 0.5 + random.NextDouble() : 0.01 + 0.2 * random.NextDouble();
        var sites = RandomSites(random, lattice, 200 + random.Next(1500), tolerance);
        var expectedWarnings = new List<string>();
        var expected = QuadraticMerge(lattice, sites, tolerance, expectedWarnings);
        var warnings = new List<string>();
        var actual = SiteMerger.MergeCoincident(lattice, sites, tolerance, warnings);
        Assert.True(expected.Length < sites.Length, "the random structure should have coincident sites");
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Label, actual[i].Label);
            Assert.Equal(expected[i].Fractional, actual[i].Fractional);
            Assert.Equal(expected[i].BIso, actual[i].BIso);
            Assert.Equal(expected[i].Occupants.ToArray(), actual[i].Occupants.ToArray());
        }
        Assert.Equal(expectedWarnings, warnings);
    }

    [Fact]
    public void Progress_is_reported_for_large_structures_and_merging_can_be_cancelled()
    {
        var lattice = Lattice.Cubic(120);
        var random = new Random(3);
        var sites = ImmutableArray.CreateRange(Enumerable.Range(0, StructureProgress.MinimumSites)
            .Select(i => Site.Single("Si", new Vec3(random.NextDouble(), random.NextDouble(), random.NextDouble()))));
        var reports = new List<StructureProgress>();
        SiteMerger.MergeCoincident(lattice, sites, 0.05, progress: new SynchronousProgress(reports.Add));
        Assert.Equal(new StructureProgress("merging sites", sites.Length, sites.Length), reports[^1]);
        Assert.True(reports.Count >= 2);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => SiteMerger.MergeCoincident(lattice, sites, 0.05, cancellationToken: cancelled.Token));
    }

    private sealed class SynchronousProgress(Action<StructureProgress> report) : IProgress<StructureProgress>
    {
        public void Report(StructureProgress value) => report(value);
    }
}
