using System.Collections.Concurrent;
using System.Globalization;
using Bravais.Crystallography.IO;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction.Datasets;
using Bravais.Diffraction.Physics;
using Bravais.Diffraction.Powder;

namespace Bravais.Analysis.SearchMatch;

/// <summary>How the reference library is simulated.</summary>
public sealed record LibraryOptions(double MinDSpacingAngstrom = 1.05, double MaxDSpacingAngstrom = 20, int MaxPeaks = 80,
    double MinRelativeIntensity = 0.3, int MaxSites = 400, int Threads = 0)
{
    /// <summary>Only crystals of this held-out part (<see cref="HoldOutSplit"/>, by prototype); null: every crystal.</summary>
    public HoldOutPart? Part { get; init; }

    /// <summary>At most this many crystals of one structure prototype (anonymous formula + space group), the first in file order; 0: no cap.</summary>
    public int MaxPerPrototype { get; init; }
}

/// <summary>
/// Builds a <see cref="ReferenceLibrary"/> from CIF files (e.g. ../shared/data/mp/*.cif.gz) with the project's
/// <see cref="PowderCalculator"/>: for each crystal the strongest peaks with d in the library's range.
/// Labels (Bravais lattice, space group) come from a labels table keyed by block id when given (MP's
/// spglib labels), else from the CIF's own symmetry. Unreadable blocks are counted and skipped.
/// Each entry also keeps the Miller indices of one reflection per peak and the metric changes its lattice symmetry
/// allows (<see cref="ReferenceCells"/>), so a matcher can refine its cell against a measurement.
/// Files are processed in parallel; entries keep file order, so the result is deterministic.
/// </summary>
public static class ReferenceLibraryBuilder
{
    public sealed record Label(BravaisLattice Lattice, int SpaceGroup);

    /// <summary>Labels by id from a labels.tsv (<see cref="LabelsTable"/>: strict, a bad row is an error naming its line).</summary>
    public static Dictionary<string, Label> ReadLabels(string labelsTsv) =>
        LabelsTable.Read(labelsTsv).GroupBy(l => l.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Label(g.Last().Lattice, g.Last().SpaceGroup), StringComparer.Ordinal);

    public static ReferenceLibrary Build(IReadOnlyList<string> cifFiles, IReadOnlyDictionary<string, Label>? labels, LibraryOptions options,
        IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        var perFile = new List<Entry>[cifFiles.Count];
        var done = 0; var failed = 0;
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        var radiation = Radiation.CuKa;
        var reachable = Bragg.TwoThetaDegrees(options.MinDSpacingAngstrom, radiation.WavelengthAngstrom);
        var maxTwoTheta = double.IsNaN(reachable) ? 179.0 : Math.Min(179.0, reachable);
        var calculator = new PowderCalculator(new PowderOptions { Radiation = radiation, TwoThetaMinDegrees = 0, TwoThetaMaxDegrees = maxTwoTheta });
        Parallel.For(0, cifFiles.Count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, f =>
        {
            var list = new List<Entry>();
            var workspace = new PowderWorkspace();
            foreach (var read in StructureFiles.ReadFile(cifFiles[f], cancellation))
            {
                cancellation.ThrowIfCancellationRequested();
                if (read.Structure is not { } s || s.SiteCount > options.MaxSites) { Interlocked.Increment(ref failed); continue; }
                Label? label = null;
                if (labels is not null) { if (labels.TryGetValue(s.Id, out var l)) label = l; }
                else if (read.BravaisLattice is { } b && read.SpaceGroupNumber is { } n) label = new Label(b, n);
                if (label is null) { Interlocked.Increment(ref failed); continue; }
                var prototype = options.Part is null && options.MaxPerPrototype == 0 ? "" : HoldOutSplit.PrototypeKey(s.Composition, label.SpaceGroup);
                if (options.Part is { } part && HoldOutSplit.OfPrototype(prototype) != part) continue;
                try
                {
                    var peaks = calculator.Calculate(s, workspace);
                    var e = Select(peaks, options);
                    if (e.D.Length > 0) list.Add(new Entry(s.Id, label, e.D, e.I, e.Hkl, ReferenceCells.BasisFor(s.Lattice), prototype));
                }
                catch (Exception ex) when (ex is Bravais.Crystallography.BravaisException or ArgumentException or InvalidOperationException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            perFile[f] = list;
            var k = Interlocked.Increment(ref done);
            progress?.Report($"library: {k}/{cifFiles.Count} files");
        });
        var entries = perFile.SelectMany(l => l).ToList();
        if (options.MaxPerPrototype > 0)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            entries = entries.Where(e => (seen[e.Prototype] = seen.GetValueOrDefault(e.Prototype) + 1) <= options.MaxPerPrototype).ToList();
        }
        progress?.Report($"library: {entries.Count} crystals, {failed} skipped (unreadable, unlabelled or larger than {options.MaxSites} sites)");
        var start = new int[entries.Count + 1];
        for (var i = 0; i < entries.Count; i++) start[i + 1] = start[i] + entries[i].D.Length;
        var d = new float[start[^1]]; var I = new float[start[^1]];
        var hkl = new short[3 * start[^1]];
        var basisStart = new int[entries.Count + 1];
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].D.CopyTo(d, start[i]); entries[i].I.CopyTo(I, start[i]); entries[i].Hkl.CopyTo(hkl, 3 * start[i]);
            basisStart[i + 1] = basisStart[i] + entries[i].Basis.Length / 6;
        }
        var cells = new ReferenceCells(hkl, basisStart, entries.SelectMany(e => e.Basis).ToArray());
        return new ReferenceLibrary(entries.Select(e => e.Id).ToArray(), entries.Select(e => e.Label.Lattice).ToArray(),
            entries.Select(e => (short)e.Label.SpaceGroup).ToArray(), start, d, I, cells);
    }

    private sealed record Entry(string Id, Label Label, float[] D, float[] I, short[] Hkl, float[] Basis, string Prototype);

    private static (float[] D, float[] I, short[] Hkl) Select(PeakList peaks, LibraryOptions options)
    {
        var list = peaks.Peaks;
        var idx = new List<int>(list.Length);
        double max = 0;
        foreach (var p in list) max = Math.Max(max, p.Intensity);
        if (!(max > 0)) return ([], [], []);
        for (var i = 0; i < list.Length; i++)
        {
            var d = list[i].DSpacingAngstrom;
            if (d < options.MinDSpacingAngstrom || d > options.MaxDSpacingAngstrom) continue;
            if (100 * list[i].Intensity / max < options.MinRelativeIntensity) continue;
            idx.Add(i);
        }
        if (idx.Count > options.MaxPeaks) idx = idx.OrderByDescending(i => list[i].Intensity).Take(options.MaxPeaks).Order().ToList();
        var D = new float[idx.Count]; var I = new float[idx.Count]; var hkl = new short[3 * idx.Count];
        for (var k = 0; k < idx.Count; k++)
        {
            var p = list[idx[k]];
            D[k] = (float)p.DSpacingAngstrom;
            I[k] = (float)(100 * p.Intensity / max);
            var m = p.Families[0].Representative;
            hkl[3 * k] = checked((short)m.H); hkl[3 * k + 1] = checked((short)m.K); hkl[3 * k + 2] = checked((short)m.L);
        }
        return (D, I, hkl);
    }
}
