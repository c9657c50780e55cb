using System.IO.Compression;
using System.Text;
using Bravais.Crystallography.Symmetry;

namespace Bravais.Analysis.SearchMatch;

/// <summary>
/// Simulated stick patterns of many reference crystals: for entry e, peaks
/// <c>PeakStart[e] .. PeakStart[e+1]-1</c> hold d-spacings (Å) and intensities (strongest = 100), with the
/// entry's Bravais lattice and space-group number. Compact (floats, strongest peaks only) so that a model file
/// carrying ~150k crystals stays in the tens of MB. Optionally <see cref="Cells"/> holds what cell refinement needs
/// (Miller indices per peak, the symmetry-allowed metric changes per entry); libraries of format 1 have none.
/// </summary>
public sealed class ReferenceLibrary
{
    private const int Magic = 0x4C425242; // "BRBL"
    private const int Version = 2;

    public string[] Ids { get; }
    public BravaisLattice[] Lattices { get; }
    public short[] SpaceGroups { get; }
    public int[] PeakStart { get; }
    public float[] PeakDSpacing { get; }
    public float[] PeakIntensity { get; }
    public ReferenceCells? Cells { get; }

    public int Count => Ids.Length;

    /// <summary>The cells, for refinement; a library built before format 2 has none and is refused with a message.</summary>
    public ReferenceCells RequireCells() =>
        Cells ?? throw new AnalysisException("the reference library has no cell data (built before format 2): cell refinement needs a rebuilt library");

    public ReferenceLibrary(string[] ids, BravaisLattice[] lattices, short[] spaceGroups, int[] peakStart, float[] peakDSpacing, float[] peakIntensity, ReferenceCells? cells = null)
    {
        if (lattices.Length != ids.Length || spaceGroups.Length != ids.Length || peakStart.Length != ids.Length + 1 || peakDSpacing.Length != peakIntensity.Length || peakStart[^1] != peakDSpacing.Length)
            throw new AnalysisException("inconsistent reference library arrays");
        if (cells is not null && (cells.Hkl.Length != 3 * peakDSpacing.Length || cells.BasisStart.Length != ids.Length + 1))
            throw new AnalysisException("reference cells do not match the library's entries and peaks");
        Ids = ids; Lattices = lattices; SpaceGroups = spaceGroups; PeakStart = peakStart; PeakDSpacing = peakDSpacing; PeakIntensity = peakIntensity; Cells = cells;
    }

    public ReadOnlySpan<float> DSpacings(int entry) => PeakDSpacing.AsSpan(PeakStart[entry], PeakStart[entry + 1] - PeakStart[entry]);
    public ReadOnlySpan<float> Intensities(int entry) => PeakIntensity.AsSpan(PeakStart[entry], PeakStart[entry + 1] - PeakStart[entry]);

    /// <summary>A library of the given entries only (e.g. a held-out part), in the order given.</summary>
    public ReferenceLibrary Select(IReadOnlyList<int> entries)
    {
        var start = new int[entries.Count + 1];
        for (var i = 0; i < entries.Count; i++) start[i + 1] = start[i] + PeakStart[entries[i] + 1] - PeakStart[entries[i]];
        var d = new float[start[^1]]; var I = new float[start[^1]];
        for (var i = 0; i < entries.Count; i++) { DSpacings(entries[i]).CopyTo(d.AsSpan(start[i])); Intensities(entries[i]).CopyTo(I.AsSpan(start[i])); }
        return new ReferenceLibrary(entries.Select(e => Ids[e]).ToArray(), entries.Select(e => Lattices[e]).ToArray(),
            entries.Select(e => SpaceGroups[e]).ToArray(), start, d, I, Cells?.Select(entries, PeakStart));
    }

    public void Save(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
        using var w = new BinaryWriter(gz, Encoding.UTF8);
        w.Write(Magic); w.Write(Version); w.Write(Count); w.Write(PeakDSpacing.Length);
        foreach (var id in Ids) w.Write(id);
        foreach (var l in Lattices) w.Write((byte)l);
        foreach (var s in SpaceGroups) w.Write(s);
        foreach (var p in PeakStart) w.Write(p);
        foreach (var d in PeakDSpacing) w.Write(d);
        foreach (var i in PeakIntensity) w.Write((Half)i);
        w.Write(Cells is not null);
        Cells?.Write(w);
    }

    public static ReferenceLibrary Load(Stream stream, string source)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var r = new BinaryReader(gz, Encoding.UTF8);
        try
        {
            if (r.ReadInt32() != Magic) throw new AnalysisException("not a reference library", new(source));
            var version = r.ReadInt32();
            if (version is < 1 or > Version) throw new AnalysisException($"reference library version {version} is not supported (expected 1…{Version})", new(source));
            var n = r.ReadInt32(); var peaks = r.ReadInt32();
            var ids = new string[n]; for (var i = 0; i < n; i++) ids[i] = r.ReadString();
            var lat = new BravaisLattice[n]; for (var i = 0; i < n; i++) lat[i] = (BravaisLattice)r.ReadByte();
            var sg = new short[n]; for (var i = 0; i < n; i++) sg[i] = r.ReadInt16();
            var start = new int[n + 1]; for (var i = 0; i <= n; i++) start[i] = r.ReadInt32();
            var d = new float[peaks]; for (var i = 0; i < peaks; i++) d[i] = r.ReadSingle();
            var I = new float[peaks]; for (var i = 0; i < peaks; i++) I[i] = (float)r.ReadHalf();
            var cells = version >= 2 && r.ReadBoolean() ? ReferenceCells.Read(r, n, peaks) : null;
            return new ReferenceLibrary(ids, lat, sg, start, d, I, cells);
        }
        catch (EndOfStreamException e) { throw new AnalysisException("reference library is truncated", new(source), e); }
        catch (InvalidDataException e) { throw new AnalysisException($"reference library is corrupt: {e.Message}", new(source), e); }
    }
}
