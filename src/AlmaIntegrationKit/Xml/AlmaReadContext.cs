using System.Globalization;
using System.Text;
using System.Xml;

namespace AlmaIntegrationKit.Xml;

/// <summary>
/// State of the generated reader while it reads one <c>user</c>: the issues found so far, and the reading
/// of text content that tolerates what other tools put in files (comments, CDATA, stray child elements).
/// </summary>
public sealed class AlmaReadContext
{
    private List<ValidationIssue> _issues = [];
    private (string Name, int Index)[] _path = new (string, int)[8];
    private int _depth;
    private char[]? _chunk;

    /// <summary>
    /// The most characters the text of one element may have when read (see <see cref="AlmaXmlReader.MaxNodeBytes"/>,
    /// the same bound for the bytes of one node): no Alma field comes near it.
    /// </summary>
    internal const int MaxTextLength = AlmaXmlReader.MaxNodeBytes;

    /// <summary>Settings that refuse DTDs and external entities and never resolve anything.</summary>
    internal static XmlReaderSettings SafeSettings(bool closeInput) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = closeInput,
    };

    /// <summary>
    /// The reader for an Alma SIS file: the UTF-8 <see cref="AlmaXmlReader"/> when the document is UTF-8 (with or
    /// without a byte order mark, with no XML declaration or one that declares UTF-8), otherwise an
    /// <see cref="XmlReader"/> with <see cref="SafeSettings"/>, which decodes every encoding XML allows. Both refuse
    /// DTDs and throw <see cref="XmlException"/> with the line for a document that is not well-formed.
    /// </summary>
    public static XmlReader CreateReader(Stream input, bool closeInput) =>
        CreateReader(input, closeInput, AlmaXmlReader.DefaultBufferSize);

    internal static XmlReader CreateReader(Stream input, bool closeInput, int bufferSize)
    {
        ArgumentNullException.ThrowIfNull(input);
        var head = new byte[512];
        var length = 0;
        // Enough of the start to see a byte order mark and the XML declaration's encoding.
        while (length < 512)
        {
            var read = input.Read(head, length, 512 - length);
            if (read == 0)
                break;
            length += read;
        }

        if (IsUtf8(head.AsSpan(0, length)))
            return new AlmaXmlReader(input, closeInput, bufferSize, head, length);
        return XmlReader.Create(new PrefixedStream(head, length, input, closeInput), SafeSettings(closeInput: true));
    }

    /// <summary>Whether a document starting with <paramref name="head"/> is UTF-8 by its byte order mark and XML declaration.</summary>
    internal static bool IsUtf8(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
            head = head[3..];
        else if (head.Length >= 2 && (head[0] is 0x00 or 0xFE or 0xFF || head[1] == 0x00))
            return false; // UTF-16 or UTF-32, with or without a byte order mark
        else if (head.Length >= 4 && head[0] == 0x4C && head[1] == 0x6F && head[2] == 0xA7 && head[3] == 0x94)
            return false; // EBCDIC
        if (!head.StartsWith("<?xml"u8) || head.Length < 6 || head[5] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            return true;
        var close = head.IndexOf("?>"u8);
        if (close < 0)
            return false; // let XmlReader judge a declaration this long
        var declaration = head[..close];
        var encoding = declaration.IndexOf("encoding"u8);
        if (encoding < 0)
            return true;
        var rest = declaration[(encoding + 8)..].TrimStart(" \t\r\n"u8);
        if (rest.Length == 0 || rest[0] != (byte)'=')
            return false;
        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.Length < 2 || rest[0] is not ((byte)'"' or (byte)'\''))
            return false;
        var end = rest[1..].IndexOf(rest[0]);
        if (end < 0)
            return false;
        var name = rest.Slice(1, end);
        return name.Length == 5 && System.Text.Ascii.EqualsIgnoreCase(name, "utf-8"u8);
    }

    /// <summary>Hands over the issues of the record just read and starts an empty list for the next.</summary>
    public IReadOnlyList<ValidationIssue> TakeIssues()
    {
        _depth = 0;
        if (_issues.Count == 0)
            return [];
        var issues = _issues;
        _issues = [];
        return issues;
    }

    /// <summary>The reader goes into the child element <paramref name="name"/>.</summary>
    public void Enter(string name) => Push(name, 0);

    /// <summary>The reader goes into the <paramref name="index"/>th (1-based) <paramref name="name"/> element of a list.</summary>
    public void EnterItem(string name, int index) => Push(name, index);

    /// <summary>The reader leaves the element it last went into.</summary>
    public void Exit() => _depth--;

    /// <summary>
    /// The path of <paramref name="name"/> (an element, <c>@attribute</c>, or empty for the current element) under
    /// the element the reader is in. Paths are built only when there is something to report.
    /// </summary>
    internal string PathOf(string name)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < _depth; i++)
        {
            if (builder.Length > 0)
                builder.Append('/');
            builder.Append(_path[i].Name);
            if (_path[i].Index > 0)
                builder.Append('[').Append(_path[i].Index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        if (name.Length > 0)
        {
            if (builder.Length > 0)
                builder.Append('/');
            builder.Append(name);
        }

        return builder.ToString();
    }

    /// <summary>Records a problem with <paramref name="name"/> (see <see cref="PathOf"/>) in the current record.</summary>
    internal void Issue(string name, string rule, string message) => _issues.Add(new ValidationIssue(PathOf(name), rule, message));

    /// <summary>Records a value of <paramref name="name"/> that does not parse as its XML Schema type.</summary>
    public void BadValue(string name, string xsdType, string text) =>
        Issue(name, ValidationRules.DataType, $"'{Shorten(text)}' is not a valid {xsdType}");

    /// <summary>Records an element the schema does not allow here, and skips it.</summary>
    public void UnexpectedElement(XmlReader reader)
    {
        Issue(reader.LocalName, ValidationRules.Structure, $"element <{reader.Name}> is not allowed here{LineSuffix(reader)}");
        reader.Skip();
    }

    /// <summary>Records an attribute the schema does not allow here.</summary>
    public void UnexpectedAttribute(XmlReader reader) =>
        Issue("@" + reader.LocalName, ValidationRules.Structure, $"attribute '{reader.Name}' is not allowed here");

    /// <summary>Records an element that appears a second time where the schema allows it once.</summary>
    public void Repeated(XmlReader reader) =>
        Issue(reader.LocalName, ValidationRules.Structure, $"element <{reader.Name}> appears more than once{LineSuffix(reader)}; the last one is kept");

    /// <summary>Records an element that comes before one it must follow (an <c>xs:sequence</c>).</summary>
    public void OutOfOrder(XmlReader reader) =>
        Issue(reader.LocalName, ValidationRules.Structure, $"element <{reader.Name}> is out of the order the schema's sequence requires{LineSuffix(reader)}");

    /// <summary>
    /// Reads the text of the element <paramref name="name"/> the reader is on, and moves past its end. Child
    /// elements, which a text element must not have, are reported and skipped.
    /// </summary>
    public string ReadText(XmlReader reader, string name) => ReadText(reader, name, pooled: false);

    private string ReadText(XmlReader reader, string name, bool pooled)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        reader.Read();
        string? text = null;
        StringBuilder? builder = null;
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    var part = reader is AlmaXmlReader fast
                        ? (pooled ? fast.PooledValue() : fast.Value)
                        : ValueWithin(reader, name, MaxTextLength - (builder?.Length ?? text?.Length ?? 0));
                    if (text is null)
                    {
                        text = part;
                    }
                    else
                    {
                        builder ??= new StringBuilder(text);
                        builder.Append(part);
                    }

                    // Text split by comments or CDATA sections adds up: each part is bounded, their sum must be too.
                    if ((builder?.Length ?? text.Length) > MaxTextLength)
                        throw TextTooLong(reader, name);
                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    Enter(name);
                    UnexpectedElement(reader);
                    Exit();
                    break;
                default:
                    reader.Read();
                    break;
            }
        }

        reader.Read();
        return builder?.ToString() ?? text ?? string.Empty;
    }

    /// <summary>
    /// The value of the text node <paramref name="reader"/> is on, read in chunks and refused once longer than
    /// <paramref name="room"/> characters: <see cref="XmlReader.Value"/> would build the whole value first.
    /// </summary>
    private string ValueWithin(XmlReader reader, string name, int room)
    {
        if (!reader.CanReadValueChunk)
            return reader.Value.Length <= room ? reader.Value : throw TextTooLong(reader, name);
        _chunk ??= new char[4096];

        // A value of one chunk (nearly every value) becomes its string directly, without a builder: this runs for every
        // text node an XmlReader other than AlmaXmlReader reads.
        var read = reader.ReadValueChunk(_chunk, 0, _chunk.Length);
        var first = new string(_chunk, 0, read);
        if (read == 0 || (read = reader.ReadValueChunk(_chunk, 0, _chunk.Length)) == 0)
            return first.Length <= room ? first : throw TextTooLong(reader, name);
        var builder = new StringBuilder(first);
        do
        {
            builder.Append(_chunk, 0, read);
            if (builder.Length > room)
                throw TextTooLong(reader, name);
        }
        while ((read = reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0);
        return builder.ToString();
    }

    private XmlNodeTooLongException TextTooLong(XmlReader reader, string name)
    {
        Enter(name);
        var path = "users/user/" + PathOf(string.Empty);
        Exit();
        var info = reader as IXmlLineInfo;
        return new XmlNodeTooLongException("text", path, MaxTextLength, inBytes: false, info?.LineNumber ?? 0, info?.LinePosition ?? 0);
    }

    /// <summary>
    /// Reads a code element: its text is the code, its <c>desc</c> attribute the label. With the UTF-8 reader, a code
    /// or label seen before in the document is the same string instance (codes repeat in every record).
    /// </summary>
    public AlmaCode ReadCode(XmlReader reader, string name)
    {
        var desc = reader is AlmaXmlReader fast ? fast.GetAttributePooled("desc") : reader.GetAttribute("desc");
        return new AlmaCode(ReadText(reader, name, pooled: true), desc);
    }

    /// <summary>
    /// Reads an <c>xs:date</c> element <paramref name="name"/> and moves past its end; false, with the issue recorded,
    /// when its text is not a date.
    /// </summary>
    internal bool ReadDate(XmlReader reader, string name, out DateOnly value)
    {
        var text = ReadText(reader, name);
        if (AlmaXmlValues.TryParseDate(text, out value))
            return true;
        BadValue(name, "xs:date", text);
        return false;
    }

    /// <summary>Records non-blank text where only elements are allowed, and skips it.</summary>
    public void UnexpectedText(XmlReader reader)
    {
        Issue(string.Empty, ValidationRules.Structure, $"text '{Shorten(reader.Value.Trim())}' is not allowed here{LineSuffix(reader)}");
        reader.Read();
    }

    private void Push(string name, int index)
    {
        if (_depth == _path.Length)
            Array.Resize(ref _path, _path.Length * 2);
        _path[_depth++] = (name, index);
    }

    private static string LineSuffix(XmlReader reader) =>
        reader is IXmlLineInfo info && info.HasLineInfo() ? $" (line {info.LineNumber})" : string.Empty;

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
