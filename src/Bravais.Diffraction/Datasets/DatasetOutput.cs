using System.IO.Compression;
using System.Text;

namespace Bravais.Diffraction.Datasets;

/// <summary>
/// The resumable, append-only files of a data-set build: the NANO281 CSV and its <c>*.errors.tsv</c> sidecar.
/// Rows are appended and flushed batch by batch, so an interrupted run loses at most a partly written last line,
/// which the next run cuts off before it appends. A <c>.gz</c> output is built as a plain <c>.partial</c> file and
/// compressed (to a temporary name, then renamed) when the run completes. Opening reads the ids of the rows already
/// present so a rerun skips them; recorded failures are not skipped but tried again (a file fixed since, a
/// transient error), and when the run completes the sidecar is rewritten to hold this run's failures plus the earlier
/// ones of inputs this run did not try again (<see cref="Supersede"/>).
/// </summary>
public sealed class DatasetOutput : IDisposable
{
    public const string ErrorsHeader = "file\tblock\treason";

    public string OutputPath { get; }
    public string WorkingPath { get; }
    public string ErrorsPath { get; }
    public bool Compressed { get; }
    /// <summary>Ids of the rows present when the output was opened.</summary>
    public HashSet<string> DoneIds { get; } = new(StringComparer.Ordinal);
    public int ExistingRows { get; private set; }
    /// <summary>Failures recorded by earlier runs (lines of the sidecar when it was opened).</summary>
    public int ExistingErrors => _previousErrors.Count;

    private readonly List<string> _previousErrors = [];
    private readonly HashSet<string> _superseded = new(StringComparer.Ordinal); // "file\tblock" of inputs this run handled
    private readonly List<string> _newErrors = [];
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

    /// <summary>Appends an error line unless the same (file, block, reason) is already recorded in this run.</summary>
    public void WriteError(string file, string? block, string reason)
    {
        Supersede(file, block);
        var line = $"{Clean(file)}\t{Clean(block ?? "")}\t{Clean(reason)}";
        if (_errorLines.Add(line))
        {
            _errors.WriteLine(line);
            _newErrors.Add(line);
        }
    }

    /// <summary>Marks an input as handled by this run (built, failed again, or found among the rows): its earlier failures are dropped on completion.</summary>
    public void Supersede(string file, string? block) => _superseded.Add($"{Clean(file)}\t{Clean(block ?? "")}");

    /// <summary>Pushes everything written so far to the operating system: from here on it survives the process being killed.</summary>
    public void Flush()
    {
        _rows.Flush();
        _errors.Flush();
    }

    /// <summary>
    /// Closes the files: rewrites the sidecar (atomically) with this run's failures after the earlier ones of inputs
    /// not handled again, and for a .gz output compresses the working file into place atomically and removes it.
    /// </summary>
    public void Complete()
    {
        Flush();
        _rows.Dispose();
        _errors.Dispose();
        var errorsTmp = ErrorsPath + ".tmp";
        using (var w = new StreamWriter(errorsTmp, false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            w.WriteLine(ErrorsHeader);
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in _previousErrors)
                if (!_superseded.Contains(Key(line)) && written.Add(line)) w.WriteLine(line);
            foreach (var line in _newErrors)
                if (written.Add(line)) w.WriteLine(line);
        }
        File.Move(errorsTmp, ErrorsPath, overwrite: true);
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
            if (line.Length > 0) _previousErrors.Add(line);
    }

    /// <summary>"file\tblock" of a sidecar line.</summary>
    private static string Key(string line)
    {
        var second = line.IndexOf('\t', line.IndexOf('\t') + 1);
        return second < 0 ? line : line[..second];
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
