using System.Globalization;
using System.Xml;
using Bravais.Crystallography;

namespace Bravais.Diffraction.Measured.Input;

/// <summary>
/// Streaming XML for the XML-based pattern formats (XRDML, the XML inside .brml and .rasx): no DTD (a DOCTYPE is an
/// error, so neither external entities nor entity expansion can happen), no resolver, and long number lists read in
/// chunks straight into the point list instead of as one string.
/// </summary>
internal static class PatternXml
{
    /// <summary>No number in a pattern file needs more characters than this.</summary>
    private const int MaxTokenLength = 64;

    public static XmlReader Create(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    });

    public static DiffractionException NotWellFormed(XmlException e, SourceLocation where) =>
        new($"not well-formed XML: {e.Message}", where with { Line = e.LineNumber > 0 ? e.LineNumber : null, Column = e.LinePosition > 0 ? e.LinePosition : null }, e);

    public static int? Line(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    /// <summary>
    /// Reads the whitespace-separated numbers of the element the reader is on (its start tag) into <paramref name="into"/>,
    /// leaving the reader after its end tag; refuses more than <paramref name="maxCount"/> values.
    /// </summary>
    public static void ReadNumbers(XmlReader reader, List<double> into, int maxCount, SourceLocation where)
    {
        var element = reader.LocalName;
        var at = where with { Line = Line(reader), Field = element };
        if (reader.IsEmptyElement) { reader.Read(); return; }
        var chunk = new char[4096];
        Span<char> token = stackalloc char[MaxTokenLength];
        var length = 0;
        reader.Read();
        while (reader.NodeType is not XmlNodeType.EndElement)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                int n;
                while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                {
                    foreach (var c in chunk.AsSpan(0, n))
                    {
                        if (char.IsWhiteSpace(c))
                        {
                            if (length > 0) Add(token[..length], into, maxCount, at);
                            length = 0;
                        }
                        else if (length == MaxTokenLength)
                            throw new DiffractionException($"value {into.Count + 1} of <{element}> is longer than {MaxTokenLength} characters (not a number)", at);
                        else token[length++] = c;
                    }
                }
                reader.Read();
            }
            else if (reader.NodeType is XmlNodeType.Element)
                throw new DiffractionException($"<{element}> holds an element <{reader.LocalName}> where numbers are expected", at);
            else reader.Read();
        }
        if (length > 0) Add(token[..length], into, maxCount, at);
        reader.Read();
    }

    private static void Add(ReadOnlySpan<char> token, List<double> into, int maxCount, SourceLocation at)
    {
        if (into.Count >= maxCount)
            throw new DiffractionException($"more than {maxCount:N0} values in <{at.Field}> (the limit, MeasuredReadOptions.MaxPoints)", at);
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw new DiffractionException($"'{token}' (value {into.Count + 1} of <{at.Field}>) is not a number", at);
        into.Add(v);
    }

    /// <summary>
    /// Calls <paramref name="child"/> with the reader on each child element's start tag of the element the reader is on;
    /// <paramref name="child"/> must consume that child (Skip, ReadNumbers, ReadSmall…). Leaves the reader after the end tag.
    /// </summary>
    public static void ForEachChild(XmlReader reader, Action<XmlReader> child)
    {
        if (reader.IsEmptyElement) { reader.Read(); return; }
        var depth = reader.Depth;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                var before = (reader.Depth, reader.LocalName, Line(reader), reader is IXmlLineInfo i ? i.LinePosition : 0);
                child(reader);
                if (reader.NodeType == XmlNodeType.Element && (reader.Depth, reader.LocalName, Line(reader), reader is IXmlLineInfo j ? j.LinePosition : 0) == before)
                    reader.Skip(); // the callback left the child alone
            }
            else reader.Read();
        }
        reader.Read();
    }

    /// <summary>
    /// The text of a small element (a start position, a name; at most <paramref name="maxLength"/> characters), reading
    /// past its end tag; child elements are skipped.
    /// </summary>
    public static string ReadText(XmlReader reader, SourceLocation where, int maxLength = 4096)
    {
        var element = reader.LocalName;
        var at = where with { Line = Line(reader), Field = element };
        if (reader.IsEmptyElement) { reader.Read(); return ""; }
        var text = new System.Text.StringBuilder();
        var chunk = new char[1024];
        var depth = reader.Depth;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                int n;
                while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                {
                    if (text.Length + n > maxLength) throw new DiffractionException($"<{element}> is longer than {maxLength:N0} characters", at);
                    text.Append(chunk, 0, n);
                }
                reader.Read();
            }
            else if (reader.NodeType == XmlNodeType.Element) reader.Skip();
            else reader.Read();
        }
        reader.Read();
        return text.ToString();
    }

    /// <summary>A number in an attribute or element text, or null when absent or not a number.</summary>
    public static double? Number(string? text) =>
        text is not null && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
