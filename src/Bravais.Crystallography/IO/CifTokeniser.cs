using System.Text;

namespace Bravais.Crystallography.IO;

/// <summary>Kinds of CIF 1.1 tokens.</summary>
public enum CifTokenKind : byte { EndOfFile, DataBlock, Global, SaveFrameStart, SaveFrameEnd, Loop, Stop, Tag, Value }

/// <summary>A token: for <see cref="CifTokenKind.DataBlock"/> and save frames <see cref="Text"/> is the name; for tags the tag as written.</summary>
public readonly record struct CifToken(CifTokenKind Kind, string Text, CifValueKind ValueKind, int Line)
{
    public CifValue AsValue() => new(Text, ValueKind, Line);
}

/// <summary>
/// Streaming CIF 1.1 tokenizer over a <see cref="TextReader"/>, one line in memory at a time.
/// Handles comments, bare words, quoted strings (a quote closes only when followed by whitespace or the
/// end of the line), semicolon text fields, and the reserved words data_, loop_, global_, save_, stop_
/// (case-insensitive). Syntax errors throw <see cref="CrystallographyException"/> naming file and line;
/// after an error the tokenizer resumes at the next line, so a reader can resynchronise.
/// </summary>
public sealed class CifTokeniser
{
    private readonly TextReader _reader;
    private readonly string? _fileName;
    private string? _line;
    private int _pos;
    private int _lineNumber;
    private readonly StringBuilder _text = new();

    public CifTokeniser(TextReader reader, string? fileName)
    {
        _reader = reader;
        _fileName = fileName;
    }

    /// <summary>1-based number of the line the last token started on (or is being read).</summary>
    public int LineNumber => _lineNumber;

    /// <summary>Block name used in error messages, set by the reader.</summary>
    public string? CurrentBlock { get; set; }

    /// <summary>Drops the rest of the current line (used to resynchronise after an error).</summary>
    public void SkipRestOfLine() { if (_line is not null) _pos = _line.Length; }

    public CifToken Next()
    {
        while (true)
        {
            if (_line is null || _pos >= _line.Length)
            {
                if (!ReadLine()) return new CifToken(CifTokenKind.EndOfFile, "", CifValueKind.Bare, _lineNumber);
                // a text field starts with ';' in the first column
                if (_line!.Length > 0 && _line[0] == ';') return ReadTextField();
                continue;
            }
            var line = _line;
            var c = line[_pos];
            if (c is ' ' or '\t' or '\r' or '\v' or '\f') { _pos++; continue; }
            if (c == '#') { _pos = line.Length; continue; }
            if (c is '\'' or '"') return ReadQuoted(c);
            return ReadWord();
        }
    }

    private bool ReadLine()
    {
        _line = _reader.ReadLine();
        _pos = 0;
        if (_line is null) return false;
        _lineNumber++;
        if (_lineNumber == 1 && _line.Length > 0 && _line[0] == '\uFEFF') _pos = 1;
        return true;
    }

    private CifToken ReadQuoted(char quote)
    {
        var line = _line!;
        var start = _pos + 1;
        var i = start;
        while (true)
        {
            var j = line.IndexOf(quote, i);
            if (j < 0)
            {
                _pos = line.Length;
                throw Error($"unterminated {(quote == '\'' ? "single" : "double")}-quoted string starting '{Preview(line.AsSpan(start - 1))}'");
            }
            if (j + 1 >= line.Length || IsWhite(line[j + 1]))
            {
                _pos = j + 1;
                return new CifToken(CifTokenKind.Value, line.Substring(start, j - start), quote == '\'' ? CifValueKind.SingleQuoted : CifValueKind.DoubleQuoted, _lineNumber);
            }
            i = j + 1;
        }
    }

    private CifToken ReadTextField()
    {
        var startLine = _lineNumber;
        _text.Clear();
        _text.Append(_line!, 1, _line!.Length - 1);
        var first = true;
        while (true)
        {
            if (!ReadLine())
            {
                _line = null;
                throw Error($"unterminated semicolon text field (opened at line {startLine})", startLine);
            }
            if (_line!.Length > 0 && _line[0] == ';')
            {
                _pos = 1;
                break;
            }
            if (!first || _text.Length > 0) _text.Append('\n');
            first = false;
            _text.Append(_line);
        }
        // a text field whose first line is empty starts with the next line
        return new CifToken(CifTokenKind.Value, _text.ToString(), CifValueKind.TextField, startLine);
    }

    private CifToken ReadWord()
    {
        var line = _line!;
        var start = _pos;
        var i = start;
        while (i < line.Length && !IsWhite(line[i])) i++;
        _pos = i;
        var word = line.AsSpan(start, i - start);
        var c = word[0];
        if (c == '_') return new CifToken(CifTokenKind.Tag, word.ToString(), CifValueKind.Bare, _lineNumber);
        if (word.Length >= 5 && c is 'd' or 'D' or 'l' or 'L' or 'g' or 'G' or 's' or 'S')
        {
            if (word.StartsWith("data_", StringComparison.OrdinalIgnoreCase))
            {
                if (word.Length == 5) throw Error("data block header 'data_' without a name");
                return new CifToken(CifTokenKind.DataBlock, word[5..].ToString(), CifValueKind.Bare, _lineNumber);
            }
            if (word.Equals("loop_", StringComparison.OrdinalIgnoreCase)) return new CifToken(CifTokenKind.Loop, "", CifValueKind.Bare, _lineNumber);
            if (word.Equals("global_", StringComparison.OrdinalIgnoreCase)) return new CifToken(CifTokenKind.Global, "", CifValueKind.Bare, _lineNumber);
            if (word.Equals("stop_", StringComparison.OrdinalIgnoreCase)) return new CifToken(CifTokenKind.Stop, "", CifValueKind.Bare, _lineNumber);
            if (word.StartsWith("save_", StringComparison.OrdinalIgnoreCase))
                return word.Length == 5
                    ? new CifToken(CifTokenKind.SaveFrameEnd, "", CifValueKind.Bare, _lineNumber)
                    : new CifToken(CifTokenKind.SaveFrameStart, word[5..].ToString(), CifValueKind.Bare, _lineNumber);
        }
        return new CifToken(CifTokenKind.Value, InternShort(word), CifValueKind.Bare, _lineNumber);
    }

    // Common one-character values ('?', '.', '0', '1') are shared instead of allocated per token.
    private static readonly string[] OneChar = BuildOneChar();
    private static string[] BuildOneChar()
    {
        var a = new string[128];
        for (var i = 33; i < 127; i++) a[i] = ((char)i).ToString();
        return a;
    }

    private static string InternShort(ReadOnlySpan<char> word) =>
        word.Length == 1 && word[0] < 128 && OneChar[word[0]] is { } s ? s : word.ToString();

    private static bool IsWhite(char c) => c is ' ' or '\t' or '\r' or '\n' or '\v' or '\f';

    private static string Preview(ReadOnlySpan<char> s) => s.Length <= 40 ? s.ToString() : string.Concat(s[..40], "…");

    public CrystallographyException Error(string reason, int? line = null) =>
        new(reason, new SourceLocation(_fileName, CurrentBlock, line ?? _lineNumber));
}
