using System.IO.Compression;

namespace Bravais.Learning.Persistence;

/// <summary>
/// Writes a zip of named entries atomically: to a temporary file beside the target, renamed over it only when
/// complete, so an interrupted or failed save never replaces a good file with a half-written one.
/// </summary>
public static class AtomicZip
{
    public readonly record struct Entry(string Name, CompressionLevel Compression, Action<Stream> Write);

    public static void Write(string path, params Entry[] entries) =>
        Crystallography.IO.AtomicFile.Write(path, file =>
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Create);
            foreach (var entry in entries)
            {
                using var s = zip.CreateEntry(entry.Name, entry.Compression).Open();
                entry.Write(s);
            }
        });
}
