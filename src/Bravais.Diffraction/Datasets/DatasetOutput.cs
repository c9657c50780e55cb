using System.IO.Compression;
using System.Text;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// The resumable, append-only files of a data-set build: the NANO281 CSV and its <c>*.errors.tsv</c> sidecar.
/// Rows are appended and flushed batch by batch, so an interrupted run loses at most a partly written last line,
/// which the next run cuts off before it appends. A <c>.gz</c> output is built as a plain <c>.partial</c> file and
/// compressed (to a temporary name, then renamed) when the run completes. Opening reads the ids already present
/// (rows and errors) so a rerun skips them.
/// </summary>
public sealed class DatasetOutput : IDisposable
{
    public const string ErrorsHeader = "file\tblock\treason";

    public string OutputPath { get; }
    public string WorkingPath { get; }
    public string ErrorsPath { get; }
    public bool Compressed { get; }
    /// <summary>Ids already present when the output was opened (rows written and structures reported as errors).</summary>
    public HashSet<string> DoneIds { get; } = new(StringComparer.Ordinal);
    public int ExistingRows { get; private set; }
    public int ExistingErrors { get; private set; }

    private readonly HashSet<string> _errorLines = new(StringComparer.Ordinal);
    private readonly StreamWriter _rows;
    private readonly StreamWriter _errors;

    private DatasetOutput(string outputPath, string header)
    {
        OutputPath = Path.GetFullPath(outputPath);
        Compressed = outputPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        WorkingPath = Compressed ? OutputPath + ".partial" : OutputPath;
        ErrorsPath = ErrorsPathFor(OutputPath);
        var dir = Path.GetDirectoryName(OutputPath);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);

        if (Compressed && !File.Exists(WorkingPath) && File.Exists(OutputPath))
            Decompress(OutputPath, WorkingPath);
        if (File.Exists(WorkingPath))
        {
            CutPartialLastLine(WorkingPath);
            ReadExistingRows(header);
        }
        var rowStream = new FileStream(WorkingPath, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
        _rows = new StreamWriter(rowStream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        if (rowStream.Length == 0) { _rows.WriteLine(header); _rows.Flush(); }

        if (File.Exists(ErrorsPath))
        {
            CutPartialLastLine(ErrorsPath);
            ReadExistingErrors();
        }
        var errorStream = new FileStream(ErrorsPath, FileMode.Append, FileAccess.Write, FileShare.Read);
        _errors = new StreamWriter(errorStream, new UTF8Encoding(false)) { NewLine = "\n" };
        if (errorStream.Length == 0) { _errors.WriteLine(ErrorsHeader); _errors.Flush(); }
    }

    /// <summary>Opens (creating or resuming) the output whose CSV header must be <paramref name="header"/>.</summary>
    public static DatasetOutput Open(string outputPath, string header) => new(outputPath, header);

    /// <summary>"data.csv.gz" → "data.errors.tsv"; "data.csv" → "data.errors.tsv"; other names get ".errors.tsv" appended.</summary>
    public static string ErrorsPathFor(string outputPath)
    {
        var p = outputPath;
        if (p.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) p = p[..^3];
        if (p.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) p = p[..^4];
        return p + ".errors.tsv";
    }

    public void WriteRow(string row) => _rows.WriteLine(row);

    /// <summary>Appends an error line unless the same (file, block, reason) is already recorded.</summary>
    public void WriteError(string file, string? block, string reason)
    {
        var line = $"{Clean(file)}\t{Clean(block ?? "")}\t{Clean(reason)}";
        if (_errorLines.Add(line)) _errors.WriteLine(line);
    }

    /// <summary>Pushes everything written so far to the operating system: from here on it survives the process being killed.</summary>
    public void Flush()
    {
        _rows.Flush();
        _errors.Flush();
    }

    /// <summary>Closes the files; for a .gz output compresses the working file into place atomically and removes it.</summary>
    public void Complete()
    {
        Flush();
        _rows.Dispose();
        _errors.Dispose();
        if (!Compressed) return;
        var tmp = OutputPath + ".tmp";
        using (var input = File.OpenRead(WorkingPath))
        using (var output = File.Create(tmp))
        using (var gz = new GZipStream(output, CompressionLevel.Optimal))
            input.CopyTo(gz);
        File.Move(tmp, OutputPath, overwrite: true);
        File.Delete(WorkingPath);
    }

    public void Dispose()
    {
        _rows.Dispose();
        _errors.Dispose();
    }

    private static string Clean(string s) => s.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private void ReadExistingRows(string header)
    {
        using var reader = new StreamReader(WorkingPath);
        var first = reader.ReadLine();
        if (first is null) return;
        if (first != header)
            throw new DiffractionException($"the existing output has a different header ({Describe(first)}) from this build's ({Describe(header)}); use another --out or delete it",
                new Crystallography.SourceLocation(WorkingPath, Line: 1));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            DoneIds.Add(Nano281Csv.IdOf(line));
            ExistingRows++;
        }
    }

    private static string Describe(string header) => $"{header.Split(',').Length - 4} intensity columns, starting '{(header.Length > 40 ? header[..40] + "…" : header)}'";

    private void ReadExistingErrors()
    {
        using var reader = new StreamReader(ErrorsPath);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            _errorLines.Add(line);
            var f = line.Split('\t');
            if (f.Length >= 2) DoneIds.Add(f[1].Length > 0 ? f[1] : f[0]);
            ExistingErrors++;
        }
    }

    /// <summary>Truncates a file after its last newline (a line cut short by an interrupted run).</summary>
    internal static void CutPartialLastLine(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var length = fs.Length;
        if (length == 0) return;
        var buffer = new byte[4096];
        var end = length;
        while (end > 0)
        {
            var n = (int)Math.Min(buffer.Length, end);
            fs.Position = end - n;
            fs.ReadExactly(buffer, 0, n);
            var i = Array.LastIndexOf(buffer, (byte)'\n', n - 1, n);
            if (i >= 0) { fs.SetLength(end - n + i + 1); return; }
            end -= n;
        }
        fs.SetLength(0);
    }

    private static void Decompress(string gzPath, string target)
    {
        var tmp = target + ".tmp";
        using (var input = File.OpenRead(gzPath))
        using (var gz = new GZipStream(input, CompressionMode.Decompress))
        using (var output = File.Create(tmp))
            gz.CopyTo(output);
        File.Move(tmp, target, overwrite: true);
    }
}
