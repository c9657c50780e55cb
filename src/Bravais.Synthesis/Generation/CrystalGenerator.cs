using System.Collections.Immutable;
using System.Globalization;
using Bravais.Crystallography;
using Bravais.Crystallography.Geometry;
using Bravais.Crystallography.Numerics;
using Bravais.Crystallography.Structures;
using Bravais.Crystallography.Symmetry;
using Bravais.Synthesis.Chemistry;
using Bravais.Synthesis.Lattices;
using Bravais.Synthesis.Verification;
using Bravais.Synthesis.Wyckoff;

namespace Bravais.Synthesis.Generation;

/// <summary>
/// Generates random crystals of a given space group on its Wyckoff positions:
/// sites (special and general) → elements (MP frequencies) → cell (family-consistent shape, volume from
/// atomic volumes × a log-normal factor) → free coordinates → minimum-distance check (cell inflated a
/// little when that suffices, otherwise a new attempt) → verification (every operation maps the crystal
/// onto itself, atom count = Σ multiplicities) → optional exact-symmetry check (no accidental supergroup).
/// Thread-safe; deterministic for a given <see cref="Random"/> state.
/// </summary>
public sealed class CrystalGenerator
{
    private readonly GeneratorOptions _options;
    private readonly CompositionSampler _composition;

    public CrystalGenerator(GeneratorOptions? options = null, ElementTable? elements = null)
    {
        _options = options ?? GeneratorOptions.Default;
        _composition = new CompositionSampler(elements ?? ElementTable.Default);
    }

    public GeneratorOptions Options => _options;

    /// <summary>The crystal with index <paramref name="index"/> of <paramref name="group"/> for a run seeded with <paramref name="seed"/>.</summary>
    public GeneratedCrystal Generate(SpaceGroup group, long seed, long index) =>
        Generate(group, new Random(CrystalSeed.For(seed, group.Number, index)), FormattableString.Invariant($"syn-{group.Number}-{seed}-{index}"));

    /// <summary>Generates one crystal; throws <see cref="CrystallographyException"/> when no attempt succeeds.</summary>
    public GeneratedCrystal Generate(SpaceGroup group, Random random, string id)
    {
        var positions = WyckoffTables.For(group);
        var symmetryRejects = 0;
        var rejections = new int[Enum.GetValues<Outcome>().Length];
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            // after accidental symmetry, every other attempt puts one site on a characteristic position
            var forceLow = symmetryRejects % 2 == 1;
            // crystals that keep colliding are made smaller: 15 % fewer atoms every 10 such failures
            var shrink = Math.Pow(0.85, rejections[(int)Outcome.TooClose] / 10);
            var outcome = TryOnce(group, positions, random, id, forceLow, shrink, out var crystal);
            if (outcome == Outcome.Ok)
                return crystal! with { Attempts = attempt, RejectedTooClose = rejections[(int)Outcome.TooClose], RejectedHigherSymmetry = rejections[(int)Outcome.HigherSymmetry] };
            if (outcome == Outcome.HigherSymmetry) symmetryRejects++;
            rejections[(int)outcome]++;
        }
        var summary = string.Join(", ", Enum.GetValues<Outcome>().Where(o => rejections[(int)o] > 0).Select(o => $"{o} {rejections[(int)o]}"));
        throw new CrystallographyException($"space group {group.Number}: no valid crystal in {_options.MaxAttempts} attempts ({summary})");
    }

    private enum Outcome { Ok, NoSites, TooClose, Degenerate, VerificationFailed, HigherSymmetry }

    private Outcome TryOnce(SpaceGroup group, ImmutableArray<WyckoffPosition> positions, Random random, string id, bool forceLow, double shrink, out GeneratedCrystal? crystal)
    {
        crystal = null;
        List<WyckoffPosition> chosen;
        if (_options.AtomCountFromDatabase)
        {
            // size like a real crystal of this Bravais lattice: a target for the primitive cell, times the centring
            var centring = group.Operations.Count(o => o.IsIdentityRotation);
            var target = Math.Max(1, (int)(AtomCountPrior.SamplePrimitiveAtoms(group.BravaisLattice, random) * shrink)) * centring;
            var smallest = positions.Min(p => p.Multiplicity);
            var budget = Math.Min(_options.MaxAtomsPerCell, Math.Max(smallest, (int)Math.Ceiling(1.5 * target)));
            if (forceLow)
            {
                // after accidental symmetry, make room for the smallest characteristic position
                var characteristic = CharacteristicPositions.For(group);
                var needed = Enumerable.Range(0, positions.Length).Where(i => characteristic[i] && positions[i].Multiplicity <= _options.MaxAtomsPerCell)
                    .Select(i => positions[i].Multiplicity).DefaultIfEmpty(0).Min();
                budget = Math.Max(budget, needed);
                target = Math.Max(target, needed);
            }
            chosen = WyckoffSiteSampler.Sample(positions, CharacteristicPositions.For(group), _options.MaxDistinctSites, budget, _options.SpecialPositionBias, forceLow, random, target);
        }
        else
            chosen = WyckoffSiteSampler.Sample(positions, CharacteristicPositions.For(group), SampleSiteCount(random), _options.MaxAtomsPerCell, _options.SpecialPositionBias, forceLow, random);
        if (chosen.Count == 0) return Outcome.NoSites;

        var elementCount = _composition.SampleElementCount(random, chosen.Count);
        var elements = _composition.SampleElements(random, elementCount);
        var siteElements = new ElementData[chosen.Count];
        var order = Enumerable.Range(0, chosen.Count).OrderBy(_ => random.Next()).ToArray();
        for (var i = 0; i < chosen.Count; i++)
            siteElements[order[i]] = i < elements.Length ? elements[i] : elements[random.Next(elements.Length)];
        var occupancies = new double[chosen.Count];
        for (var i = 0; i < chosen.Count; i++)
            occupancies[i] = random.NextDouble() < _options.PartialOccupancyProbability ? Math.Round(0.5 + 0.5 * random.NextDouble(), 3) : 1.0;

        // cell volume from the atoms' volumes
        var volume = 0.0;
        for (var i = 0; i < chosen.Count; i++) volume += chosen[i].Multiplicity * siteElements[i].VolumeAngstrom3;
        volume *= Math.Exp(_options.VolumeSpread * random.NextNormal());
        var lattice = LatticeSampler.Sample(group, volume, random, _options.WideAxialRatios ? AxialRatios.Wide : AxialRatios.Default);

        // free coordinates, site by site (points first); each free site takes the best of a few random draws
        var asymmetric = new (Vec3 Position, int Site)[chosen.Count];
        var expanded = new List<(Vec3 Position, int Site)>();
        var candidate = new List<Vec3>(group.Order);
        var best = new List<Vec3>(group.Order);
        var cell = new PeriodicCell(lattice.Matrix);
        var f = _options.MinDistanceFactor;
        var ratio = ShortestLatticeVector(lattice) / (f * 2 * siteElements.Max(e => e.CovalentRadiusAngstrom));
        Span<double> parameters = stackalloc double[3];
        // pseudo-symmetric crystals: free coordinates near multiples of 1/8, as real structures often are (distorted or
        // ordered variants of simple parents), which leaves many reflections weak and a few strong
        var snap = _options.SnapProbability > 0 && random.NextDouble() < _options.SnapProbability;
        foreach (var s in Enumerable.Range(0, chosen.Count).OrderBy(i => chosen[i].Dimension))
        {
            var position = chosen[s];
            var draws = position.Dimension == 0 ? 1 : Math.Max(1, _options.PlacementDraws);
            var bestRatio = -1.0;
            var bestPoint = default(Vec3);
            for (var draw = 0; draw < draws; draw++)
            {
                for (var j = 0; j < position.Dimension; j++)
                    parameters[j] = snap ? Math.Round(random.NextDouble() * SnapGrid) / SnapGrid + _options.SnapJitter * random.NextNormal() : random.NextDouble();
                var point = position.Point(parameters[..position.Dimension]).Wrapped();
                candidate.Clear();
                // a general position's images are all distinct; a special one's repeat and are merged
                var general = position.Multiplicity == group.Order;
                foreach (var op in group.Operations)
                {
                    var image = op.Apply(point).Wrapped();
                    var duplicate = false;
                    if (!general)
                        for (var k = 0; k < candidate.Count && !duplicate; k++)
                        {
                            var d = (candidate[k] - image).NearestImage();
                            duplicate = d.Dot(d) < 1e-18;
                        }
                    if (!duplicate) candidate.Add(image);
                }
                if (candidate.Count != position.Multiplicity) continue;
                // the group acts by isometries and permutes the orbit and the atoms placed so far (a union of orbits),
                // so the shortest distance from any atom of the orbit equals the shortest from its first atom
                var r2 = double.MaxValue;
                var rs = siteElements[s].CovalentRadiusAngstrom;
                var first = candidate[0];
                var selfScale = 1.0 / (f * 2 * rs * f * 2 * rs);
                for (var b = 1; b < candidate.Count; b++) r2 = Math.Min(r2, cell.DistanceSquared(first, candidate[b]) * selfScale);
                foreach (var (q, t) in expanded)
                {
                    var sum = f * (rs + siteElements[t].CovalentRadiusAngstrom);
                    r2 = Math.Min(r2, cell.DistanceSquared(first, q) / (sum * sum));
                }
                var r = Math.Sqrt(r2);
                if (r > bestRatio) { bestRatio = r; bestPoint = point; (best, candidate) = (candidate, best); }
                if (r >= 1 && !_options.SpreadAtoms) break;
            }
            if (bestRatio < 0) return Outcome.Degenerate;
            asymmetric[s] = (bestPoint, s);
            foreach (var q in best) expanded.Add((q, s));
            ratio = Math.Min(ratio, bestRatio);
            if (ratio * ratio * ratio * _options.MaxVolumeInflation < 1) return Outcome.TooClose;
        }

        // minimum interatomic distance; inflate the cell slightly when that is enough
        if (ratio < 1)
        {
            var scale = 1.0005 / ratio;
            lattice = Lattice.FromParameters(lattice.A * scale, lattice.B * scale, lattice.C * scale, lattice.Alpha, lattice.Beta, lattice.Gamma);
        }

        var labels = new string[chosen.Count];
        var perElement = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < chosen.Count; s++)
        {
            var n = perElement.GetValueOrDefault(siteElements[s].Symbol) + 1;
            perElement[siteElements[s].Symbol] = n;
            labels[s] = siteElements[s].Symbol + n.ToString(CultureInfo.InvariantCulture);
        }
        Site MakeSite(int s, Vec3 p) => Site.Single(siteElements[s].Symbol, p, labels[s], occupancies[s]);
        var unit = ImmutableArray.CreateBuilder<AsymmetricSite>(chosen.Count);
        foreach (var (p, s) in asymmetric) unit.Add(new AsymmetricSite(MakeSite(s, p), chosen[s]));
        expanded = [.. expanded.OrderBy(x => x.Site)];
        var sites = ImmutableArray.CreateBuilder<Site>(expanded.Count);
        foreach (var (p, s) in expanded) sites.Add(MakeSite(s, p));
        var structure = new Structure(id, lattice, sites.MoveToImmutable(),
            new SymmetryInfo(group.Number, group.HermannMauguin, group.Hall, group.Operations));
        crystal = new GeneratedCrystal(group, structure, unit.MoveToImmutable(), 1);

        var verification = crystal.Verify(_options.SymmetryToleranceAngstrom, searchSymmetry: _options.RequireExactSymmetry, searchToleranceAngstrom: _options.SymmetrySearchToleranceAngstrom, countOperations: false);
        if (!verification.Passed) return Outcome.VerificationFailed;
        if (verification.HasExactSymmetry == false) return Outcome.HigherSymmetry;
        return Outcome.Ok;
    }

    /// <summary>Relative frequencies of 1, 2, … distinct sites (mostly 2–6, as in inorganic databases).</summary>
    private static readonly double[] SiteCountWeights = [0.05, 0.14, 0.19, 0.19, 0.15, 0.11, 0.08, 0.05, 0.04];

    private int SampleSiteCount(Random random)
    {
        var max = Math.Clamp(_options.MaxDistinctSites, 1, SiteCountWeights.Length);
        var total = 0.0;
        for (var k = 0; k < max; k++) total += SiteCountWeights[k];
        var u = random.NextDouble() * total;
        for (var k = 0; k < max; k++) { u -= SiteCountWeights[k]; if (u <= 0) return k + 1; }
        return max;
    }


    private static double ShortestLatticeVector(Lattice lattice)
    {
        var best = double.MaxValue;
        for (var i = -1; i <= 1; i++)
        for (var j = -1; j <= 1; j++)
        for (var k = -1; k <= 1; k++)
        {
            if (i == 0 && j == 0 && k == 0) continue;
            best = Math.Min(best, lattice.ToCartesian(new Vec3(i, j, k)).Length);
        }
        return best;
    }

    /// <summary>Free coordinates of a pseudo-symmetric crystal start from multiples of 1/<see cref="SnapGrid"/>.</summary>
    private const double SnapGrid = 8;
}
