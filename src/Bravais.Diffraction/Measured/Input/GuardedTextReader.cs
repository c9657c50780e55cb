using System.Text;
using Bravais.Crystallography;

namespace Bravais.Diffraction.Measured.Input;

/// <summary>
/// Text of a pattern file, line by line, streamed: UTF-8 unless a byte-order mark says otherwise (invalid bytes become
/// U+FFFD), a NUL character means the file is binary (an error naming the line), and a line longer than
/// <see cref="MaxLineLength"/> characters is refused instead of being collected into one huge string.
/// </summary>
internal sealed class GuardedTextReader : TextReader
{
    /// <summary>Longer than any header or data line of a text pattern format (GSAS records are 80 characters).</summary>
    public const int MaxLineLength = 100_000;

    private readonly StreamReader _reader;
    private readonly string _source;
    private readonly string? _block;
    private readonly char[] _buffer = new char[1 << 14];
    private readonly StringBuilder _line = new();
    private int _position, _length, _lineNumber;

    /// <param name="block">The archive entry the text comes from, for messages.</param>
    public GuardedTextReader(Stream stream, string source, string? block = null, bool leaveOpen = false)
    {
        _block = block;
        _reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: leaveOpen);
        _source = source;
    }

    public const string Supported = "text columns, XRDML, GSAS, Bruker BRML and RAW v3/v4, Rigaku RAS and RASX";

    public override string? ReadLine()
    {
        _line.Clear();
        var any = false;
        while (true)
        {
            if (_position == _length && !Fill()) return any ? Finish() : null;
            any = true;
            var span = _buffer.AsSpan(_position, _length - _position);
            var i = span.IndexOfAny('\n', '\r', '\0');
            if (i < 0)
            {
                Append(span);
                _position = _length;
                continue;
            }
            Append(span[..i]);
            var c = span[i];
            _position += i + 1;
            if (c == '\0') throw Binary(_lineNumber + 1);
            if (c == '\r' && (_position < _length || Fill()) && _buffer[_position] == '\n') _position++;
            return Finish();
        }
    }

    public override int Peek() => _position < _length || Fill() ? _buffer[_position] : -1;

    public override int Read()
    {
        if (_position == _length && !Fill()) return -1;
        var c = _buffer[_position++];
        if (c == '\0') throw Binary(_lineNumber + 1);
        if (c == '\n') _lineNumber++;
        return c;
    }

    private string Finish()
    {
        _lineNumber++;
        return _line.ToString();
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_line.Length + chars.Length > MaxLineLength)
            throw new DiffractionException($"line is longer than {MaxLineLength:N0} characters (is this a text pattern file?)", new SourceLocation(_source, _block, Line: _lineNumber + 1));
        _line.Append(chars);
    }

    private bool Fill()
    {
        _position = 0;
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        return _length > 0;
    }

    private DiffractionException Binary(int line) =>
        new($"the file is binary, not text (a NUL byte on line {line}; supported: {Supported})", new SourceLocation(_source, _block, Line: line));

    protected override void Dispose(bool disposing)
    {
        if (disposing) _reader.Dispose();
        base.Dispose(disposing);
    }
}
