using System.IO.Compression;

namespace Bravais.Analysis.Fusion;

/// <summary>
/// A fused model is a search–match model file with one more entry, <see cref="FusionModel.EntryName"/> (the fusion's
/// weights, indexing-outcome table and prior): one file, one manifest; older Bravais versions still read it as the
/// search–match model it contains. <see cref="Write"/> copies a model file with the entry added (atomically: a
/// temporary file moved into place).
/// </summary>
public static class FusedModelFile
{
    /// <summary>The fusion entry of a model file, or null when it has none.</summary>
    public static FusionModel? TryRead(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        if (zip.GetEntry(FusionModel.EntryName) is not { } entry) return null;
        using var s = entry.Open();
        return FusionModel.Read(s, path);
    }

    /// <summary>Writes <paramref name="outPath"/>: the entries of <paramref name="modelPath"/> (without any earlier fusion) and <paramref name="fusion"/>.</summary>
    public static void Write(string modelPath, FusionModel fusion, string outPath)
    {
        var temporary = $"{outPath}.{Environment.ProcessId}.tmp";
        try
        {
            using (var source = ZipFile.OpenRead(modelPath))
            using (var target = ZipFile.Open(temporary, ZipArchiveMode.Create))
            {
                foreach (var e in source.Entries.Where(e => e.FullName != FusionModel.EntryName))
                {
                    var copy = target.CreateEntry(e.FullName, CompressionLevel.NoCompression);
                    using var from = e.Open();
                    using var to = copy.Open();
                    from.CopyTo(to);
                }
                using var f = target.CreateEntry(FusionModel.EntryName, CompressionLevel.Optimal).Open();
                fusion.Write(f);
            }
            File.Move(temporary, outPath, overwrite: true);
        }
        finally { if (File.Exists(temporary)) File.Delete(temporary); }
    }
}
