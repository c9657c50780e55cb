using System.Text;

namespace Bravais.Crystallography.IO;

/// <summary>
/// The one way every output file of Bravais is written: to a temporary file beside the target (<c>NAME.tmp-PID</c>),
/// renamed over it only when complete, so that an interrupted or failed write never replaces a good file with half a
/// one and never leaves a half-written file under the final name. The temporary file is deleted when writing fails.
/// (<see cref="AtomicTextFile"/> does the same for text written piece by piece.)
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/> (the folder is created when missing).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var temp = TemporaryName(full);
        try
        {
            using (var file = File.Create(temp)) write(file);
            File.Move(temp, full, overwrite: true);
        }
        finally { if (File.Exists(temp)) File.Delete(temp); }
    }

    /// <summary>Writes a whole text (UTF-8 without a byte-order mark).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, new UTF8Encoding(false)); w.Write(text); });

    /// <summary>The temporary name a file is written under before it is renamed.</summary>
    public static string TemporaryName(string fullPath) => fullPath + ".tmp-" + Environment.ProcessId;
}
