using System.IO.Compression;
using System.Text;

namespace Bravais.Crystallography.IO;

/// <summary>
/// A text file (gzip when the name ends in .gz) written under a temporary name and renamed on <see cref="Commit"/>;
/// disposed without a commit (an error, an interruption) it leaves nothing behind.
/// </summary>
public sealed class AtomicTextFile : IDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly FileStream _file;
    private readonly GZipStream? _gzip;
    private bool _committed;

    public TextWriter Writer { get; }

    public AtomicTextFile(string path)
    {
        _path = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _temp = AtomicFile.TemporaryName(_path);
        _file = File.Create(_temp);
        Stream target = _file;
        if (_path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) target = _gzip = new GZipStream(_file, CompressionLevel.Fastest);
        Writer = new StreamWriter(target, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    }

    public void Commit()
    {
        Writer.Flush();
        Writer.Dispose();
        _gzip?.Dispose();
        _file.Dispose();
        File.Move(_temp, _path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        Writer.Dispose();
        _gzip?.Dispose();
        _file.Dispose();
        if (File.Exists(_temp)) File.Delete(_temp);
    }
}
