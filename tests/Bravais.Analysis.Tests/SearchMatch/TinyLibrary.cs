using Bravais.Diffraction.Augmentation;
using System.Text;
using Bravais.Crystallography.Symmetry;
using Bravais.Diffraction;
using Bravais.Diffraction.Patterns;
using Bravais.Analysis.Cleaning;
using Bravais.Diffraction.Profiles;
using Bravais.Analysis.SearchMatch;

namespace Bravais.Analysis.Tests.SearchMatch;

/// <summary>
/// A hand-made reference library of cubic lattices whose peaks follow from the extinction rules alone:
/// d = a/√N with N = h²+k²+l² allowed for P (all), I (h+k+l even) and F (h,k,l all odd or all even);
/// intensities fall as 100/√N so that the patterns are distinct but need no structure factors.
/// </summary>
public static class TinyLibrary
{
    public static ReferenceLibrary Cubic(params (string Id, BravaisLattice Lattice, double A, short SpaceGroup)[] entries)
    {
        var start = new List<int> { 0 }; var d = new List<float>(); var I = new List<float>();
        foreach (var e in entries)
        {
            var allowed = new SortedSet<int>();
            for (var h = 0; h <= 8; h++)
            for (var k = 0; k <= h; k++)
            for (var l = 0; l <= k; l++)
            {
                var n = h * h + k * k + l * l;
                if (n == 0) continue;
                var ok = e.Lattice switch
                {
                    BravaisLattice.cI => (h + k + l) % 2 == 0,
                    BravaisLattice.cF => (h % 2 == k % 2) && (k % 2 == l % 2),
                    _ => true,
                };
                if (ok && e.A / Math.Sqrt(n) >= 1.1) allowed.Add(n);
            }
            foreach (var n in allowed) { d.Add((float)(e.A / Math.Sqrt(n))); I.Add((float)(100 / Math.Sqrt(n))); }
            start.Add(d.Count);
        }
        return new ReferenceLibrary(entries.Select(e => e.Id).ToArray(), entries.Select(e => e.Lattice).ToArray(), entries.Select(e => e.SpaceGroup).ToArray(),
            start.ToArray(), d.ToArray(), I.ToArray());
    }

    public static ReferenceLibrary Default() => Cubic(
        ("P-4.1", BravaisLattice.cP, 4.1, 221), ("I-3.3", BravaisLattice.cI, 3.3, 229), ("F-5.43", BravaisLattice.cF, 5.43, 227),
        ("P-3.0", BravaisLattice.cP, 3.0, 221), ("I-4.6", BravaisLattice.cI, 4.6, 229), ("F-4.05", BravaisLattice.cF, 4.05, 225));

    /// <summary>The search–match comparison instrument on a finer grid / with another Gaussian σ (tests use small libraries).</summary>
    public static Instrument Comparison(double stepDegrees, double sigmaDegrees = 0.15) =>
        Instrument.SearchMatch with { Grid = AngleGrid.FromRange(5, 90, stepDegrees), Profile = new GaussianProfile(sigmaDegrees) };

    /// <summary>A measured-model manifest for <paramref name="library"/> with the given matcher, default preprocessing and augmentation.</summary>
    public static MeasuredModelManifest Manifest(ReferenceLibrary library, MatcherOptions matcher, CalibrationSummary calibration,
        int format = MeasuredModelManifest.CurrentFormatVersion) =>
        new(format, MeasuredModelManifest.KindName, "test", DateTime.UnixEpoch, Enum.GetNames<BravaisLattice>(), matcher,
            PreprocessingOptions.Default, PreprocessingOptions.Default.Describe(), MeasuredAugmentation.Default, calibration, 0, library.Count,
            library.PeakDSpacing.Length, "tiny", 0);

    /// <summary>Writes entry <paramref name="entry"/> of <see cref="Default"/> as a simulated measured two-column file (seeded by the entry, no impurity).</summary>
    public static string WriteMeasuredXy(string path, int entry)
    {
        var p = MeasuredSimulator.Simulate(Default(), entry, MeasuredAugmentation.Default with { ImpurityProbability = 0 }, new Random(entry), Path.GetFileName(path));
        var sb = new StringBuilder("# simulated, Cu Ka\n");
        for (var i = 0; i < p.Count; i++) sb.Append(FormattableString.Invariant($"{p.X[i]:0.00} {p.Intensity[i]}\n"));
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
