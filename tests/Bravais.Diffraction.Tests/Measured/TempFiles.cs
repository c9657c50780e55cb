using System.IO.Compression;
using System.Text;

namespace Bravais.Diffraction.Tests.Measured;

/// <summary>Writes small files into a private temporary folder that is removed when the test class is done.</summary>
public sealed class TempFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("bravais-measured-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public string WriteGzip(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(content));
        return path;
    }

    public string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>"x y" lines for a smooth test pattern: one Gaussian at 30° on a flat 10-count background.</summary>
    public static string XyLines(int n = 50, double start = 10, double step = 0.5, string separator = " ", bool sigma = false)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            var x = start + i * step;
            var y = 10 + 100 * Math.Exp(-0.5 * Math.Pow((x - 30) / 0.5, 2));
            sb.Append(FormattableString.Invariant($"{x:0.###}{separator}{y:0.####}"));
            if (sigma) sb.Append(FormattableString.Invariant($"{separator}{Math.Sqrt(y):0.####}"));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
