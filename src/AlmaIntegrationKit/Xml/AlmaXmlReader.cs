using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using System.Xml;

namespace AlmaIntegrationKit.Xml;

/// <summary>
/// A forward-only, non-validating XML reader over UTF-8 bytes, specialised for what the generated Alma readers
/// ask of an <see cref="XmlReader"/>. It behaves like <see cref="XmlReader.Create(Stream, XmlReaderSettings)"/> with
/// <see cref="AlmaReadContext.SafeSettings"/>: DTDs are refused, comments, processing instructions and insignificant
/// whitespace are skipped, and a document that is not well-formed (mismatched or unclosed tags, several roots,
/// duplicate attributes, undeclared entities or prefixes, characters XML forbids, bytes that are not UTF-8) throws
/// <see cref="XmlException"/> with its line and position. Element and attribute names are atomized once straight
/// from their UTF-8 bytes; text is decoded only when <see cref="Value"/> is asked for.
/// </summary>
/// <remarks>Use <see cref="AlmaReadContext.CreateReader(Stream, bool)"/>, which falls back to <see cref="XmlReader"/> for documents that are not UTF-8.</remarks>
public sealed class AlmaXmlReader : XmlReader, IXmlLineInfo
{
    internal const int DefaultBufferSize = 64 * 1024;

    /// <summary>
    /// The most bytes one node may take: an element's text, a comment, a CDATA section, a tag with its attribute
    /// values. The longest field of Alma's user schema is a few thousand characters (at most four bytes each in
    /// UTF-8), so a node this long is no Alma value; refusing it keeps the reader's buffer at this size, where reading
    /// it whole would take the node's size several times over (the buffer, then the decoded string).
    /// </summary>
    internal const int MaxNodeBytes = 1024 * 1024;
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private static readonly SearchValues<byte> PlainBytes = SearchValues.Create(PlainByteSet());
    private static readonly SearchValues<byte> TextBytes = SearchValues.Create(PlainByteSet().Where(b => b is not ((byte)'&' or (byte)']')).ToArray());
    private static readonly SearchValues<byte> TextScanBytes = SearchValues.Create(PlainByteSet().Where(b => b is not ((byte)'&' or (byte)']' or (byte)'<')).ToArray());
    private static readonly SearchValues<byte> AttributeBytes = SearchValues.Create(PlainByteSet().Where(b => b is not ((byte)'&' or (byte)'<' or (byte)'\t')).ToArray());
    private static readonly SearchValues<byte> NameBytes = SearchValues.Create(NameByteSet());
    private static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly bool[] NameStart = NameTableOf(start: true);
    private static readonly bool[] NameChar = NameTableOf(start: false);

    private readonly Stream _stream;
    private readonly bool _closeInput;
    private readonly NameTable _nameTable = new();
    private byte[] _buf;
    private int _pos;
    private int _end;
    private int _tokenStart;
    private bool _streamDone;
    private bool _atDocumentStart = true;
    private bool _rootSeen;

    // Line tracking: the current line, the buffer index where it starts (negative once scrolled out), and how many more
    // bytes than UTF-16 characters the line's non-ASCII text seen so far takes, so a position costs no counting.
    private int _line = 1;
    private int _lineStart;
    private int _lineExtra;

    // The current node.
    private ReadState _readState = ReadState.Initial;
    private XmlNodeType _nodeType = XmlNodeType.None;
    private NameEntry? _nodeName;
    private string _nodeNamespace = string.Empty;
    private bool _isEmpty;
    private int _depth;
    private int _valStart;
    private int _valEnd;
    private bool _valNeedsDecode;
    private string? _value;
    private int _nodeLine;
    private int _nodePos;

    // Attributes of the current element.
    private Attr[] _attrs = new Attr[8];
    private int _attrCount;
    private int _attrIndex = -1;
    private bool _onAttrValue;

    // Open elements and namespace bindings.
    private OpenElement[] _stack = new OpenElement[16];
    private int _stackDepth;
    private Binding[] _bindings = new Binding[4];
    private int _bindingCount;

    // Short values seen before (codes, descriptions), by their bytes.
    private readonly PooledString?[] _pooled = new PooledString?[1024];
    private int _pooledCount;

    // Names atomized from their bytes.
    private NameEntry?[] _names = new NameEntry?[256];
    private AlmaXmlVocabulary? _vocabulary;
    private NameEntry? _lastClosed; // the element that closed last at the current depth; null right after a start tag
    private int _nameCount;

    /// <summary>A reader over <paramref name="input"/>, which must be UTF-8 (with or without a byte order mark).</summary>
    public AlmaXmlReader(Stream input, bool closeInput)
        : this(input, closeInput, DefaultBufferSize, null, 0)
    {
    }

    internal AlmaXmlReader(Stream input, bool closeInput, int bufferSize, byte[]? prefix, int prefixLength)
    {
        _stream = input ?? throw new ArgumentNullException(nameof(input));
        _closeInput = closeInput;
        _buf = ArrayPool<byte>.Shared.Rent(Math.Max(Math.Max(bufferSize, prefixLength), 16));
        if (bufferSize < _buf.Length && bufferSize < 64)
            _buf = new byte[Math.Max(Math.Max(bufferSize, prefixLength), 1)]; // tests: a tiny buffer exercises every boundary
        if (prefix is not null)
        {
            Buffer.BlockCopy(prefix, 0, _buf, 0, prefixLength);
            _end = prefixLength;
        }

        EnsureAvailable(3);
        if (_end - _pos >= 3 && _buf[0] == 0xEF && _buf[1] == 0xBB && _buf[2] == 0xBF)
            _pos = _lineStart = 3;
    }

    /// <inheritdoc />
    public override XmlNodeType NodeType => _onAttrValue ? XmlNodeType.Text : _attrIndex >= 0 ? XmlNodeType.Attribute : _nodeType;

    /// <inheritdoc />
    public override string LocalName => _attrIndex >= 0 ? (_onAttrValue ? string.Empty : _attrs[_attrIndex].Name.LocalName) : _nodeName?.LocalName ?? string.Empty;

    /// <inheritdoc />
    public override string Name => _attrIndex >= 0 ? (_onAttrValue ? string.Empty : _attrs[_attrIndex].Name.Name) : _nodeName?.Name ?? string.Empty;

    /// <inheritdoc />
    public override string Prefix => _attrIndex >= 0 ? (_onAttrValue ? string.Empty : _attrs[_attrIndex].Name.Prefix) : _nodeName?.Prefix ?? string.Empty;

    /// <inheritdoc />
    public override string NamespaceURI => _attrIndex >= 0 ? (_onAttrValue ? string.Empty : _attrs[_attrIndex].Namespace) : _nodeNamespace;

    /// <inheritdoc />
    public override string Value
    {
        get
        {
            if (_attrIndex >= 0)
                return AttributeValue(_attrIndex);
            if (_nodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                return _value ??= Decode(_valStart, _valEnd, _valNeedsDecode, attribute: false);
            return string.Empty;
        }
    }

    /// <summary>
    /// <see cref="Value"/>, but a short value (up to 16 bytes, no references) seen before in this document comes back
    /// as the same string instance: for codes and their descriptions, a handful of distinct values repeated in every record.
    /// </summary>
    internal string PooledValue()
    {
        if (_attrIndex >= 0)
        {
            ref var attr = ref _attrs[_attrIndex];
            return attr.Value ??= Pooled(attr.ValStart, attr.ValEnd, attr.NeedsDecode, attribute: true);
        }

        if (_nodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            return _value ??= Pooled(_valStart, _valEnd, _valNeedsDecode, attribute: false);
        return string.Empty;
    }

    private string Pooled(int start, int end, bool needsDecode, bool attribute) =>
        (needsDecode ? null : PooledEntry(start, end))?.Value ?? Decode(start, end, needsDecode, attribute);

    /// <summary>The pool's entry for the plain bytes [start, end), added when new; null when they are too long or the pool is full.</summary>
    private PooledString? PooledEntry(int start, int end)
    {
        var length = end - start;
        if (length == 0 || length > 16)
            return null;
        var head = KeyOf(_buf, start, length, out var tail);
        var slot = (int)(HashOf(head, tail, length) & (uint)(_pooled.Length - 1));
        for (var entry = _pooled[slot]; entry is not null; entry = entry.Next)
        {
            if (entry.Head == head && entry.Tail == tail && entry.Length == length)
                return entry;
        }

        if (_pooledCount >= _pooled.Length * 2)
            return null;
        _pooledCount++;
        return _pooled[slot] = new PooledString(head, tail, length, Decode(start, end, needsDecode: false, attribute: false), _pooled[slot]);
    }

    /// <summary><see cref="GetAttribute(string)"/> through <see cref="PooledValue"/>.</summary>
    internal string? GetAttributePooled(string name)
    {
        if (_nodeType != XmlNodeType.Element || _attrCount == 0)
            return null;
        for (var i = 0; i < _attrCount; i++)
        {
            if (string.Equals(_attrs[i].Name.Name, name, StringComparison.Ordinal))
            {
                var current = _attrIndex;
                _attrIndex = i;
                var value = PooledValue();
                _attrIndex = current;
                return value;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override bool HasValue => _attrIndex >= 0 || _nodeType is XmlNodeType.Text or XmlNodeType.CDATA;

    /// <inheritdoc />
    public override int Depth => _attrIndex >= 0 ? _depth + (_onAttrValue ? 2 : 1) : _depth;

    /// <inheritdoc />
    public override string BaseURI => string.Empty;

    /// <inheritdoc />
    public override bool IsEmptyElement => _attrIndex < 0 && _nodeType == XmlNodeType.Element && _isEmpty;

    /// <inheritdoc />
    public override int AttributeCount => _nodeType == XmlNodeType.Element ? _attrCount : 0;

    /// <inheritdoc />
    public override bool EOF => _readState == ReadState.EndOfFile;

    /// <inheritdoc />
    public override ReadState ReadState => _readState;

    /// <inheritdoc />
    public override XmlNameTable NameTable => _nameTable;

    /// <inheritdoc />
    public int LineNumber => _attrIndex >= 0 ? _attrs[_attrIndex].Line : _nodeLine;

    /// <inheritdoc />
    public int LinePosition => _attrIndex >= 0 ? _attrs[_attrIndex].Pos : _nodePos;

    /// <inheritdoc />
    public bool HasLineInfo() => true;

    /// <inheritdoc />
    public override string GetAttribute(int i)
    {
        if (_nodeType != XmlNodeType.Element || (uint)i >= (uint)_attrCount)
            throw new ArgumentOutOfRangeException(nameof(i));
        return AttributeValue(i);
    }

    /// <inheritdoc />
    public override string? GetAttribute(string name)
    {
        if (_nodeType != XmlNodeType.Element)
            return null;
        for (var i = 0; i < _attrCount; i++)
        {
            if (string.Equals(_attrs[i].Name.Name, name, StringComparison.Ordinal))
                return AttributeValue(i);
        }

        return null;
    }

    /// <inheritdoc />
    public override string? GetAttribute(string name, string? namespaceURI)
    {
        var index = FindAttribute(name, namespaceURI ?? string.Empty);
        return index < 0 ? null : AttributeValue(index);
    }

    /// <inheritdoc />
    public override string? LookupNamespace(string prefix)
    {
        if (prefix == "xml")
            return XmlNamespace;
        if (prefix == "xmlns")
            return XmlnsNamespace;
        for (var i = _bindingCount - 1; i >= 0; i--)
        {
            if (_bindings[i].Prefix == prefix)
                return _bindings[i].Namespace;
        }

        return prefix.Length == 0 ? string.Empty : null;
    }

    /// <inheritdoc />
    public override bool MoveToAttribute(string name)
    {
        if (_nodeType != XmlNodeType.Element)
            return false;
        for (var i = 0; i < _attrCount; i++)
        {
            if (string.Equals(_attrs[i].Name.Name, name, StringComparison.Ordinal))
            {
                _attrIndex = i;
                _onAttrValue = false;
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override bool MoveToAttribute(string name, string? ns)
    {
        var index = FindAttribute(name, ns ?? string.Empty);
        if (index < 0)
            return false;
        _attrIndex = index;
        _onAttrValue = false;
        return true;
    }

    /// <inheritdoc />
    public override void MoveToAttribute(int i)
    {
        if (_nodeType != XmlNodeType.Element || (uint)i >= (uint)_attrCount)
            throw new ArgumentOutOfRangeException(nameof(i));
        _attrIndex = i;
        _onAttrValue = false;
    }

    /// <inheritdoc />
    public override bool MoveToElement()
    {
        if (_attrIndex < 0)
            return false;
        _attrIndex = -1;
        _onAttrValue = false;
        return true;
    }

    /// <inheritdoc />
    public override bool MoveToFirstAttribute()
    {
        if (_nodeType != XmlNodeType.Element || _attrCount == 0)
            return false;
        _attrIndex = 0;
        _onAttrValue = false;
        return true;
    }

    /// <inheritdoc />
    public override bool MoveToNextAttribute()
    {
        if (_nodeType != XmlNodeType.Element || _attrIndex + 1 >= _attrCount)
            return false;
        _attrIndex++;
        _onAttrValue = false;
        return true;
    }

    /// <inheritdoc />
    public override bool ReadAttributeValue()
    {
        if (_attrIndex < 0 || _onAttrValue)
            return false;
        _onAttrValue = true;
        return true;
    }

    /// <inheritdoc />
    public override void ResolveEntity() => throw new InvalidOperationException("The reader expands entities itself.");

    /// <inheritdoc />
    public override XmlNodeType MoveToContent()
    {
        if (_attrIndex >= 0)
            MoveToElement();
        if (_nodeType == XmlNodeType.None && _readState == ReadState.Initial)
            Read();
        return _nodeType;
    }

    /// <inheritdoc />
    public override void Skip()
    {
        MoveToElement();
        if (_nodeType == XmlNodeType.Element && !_isEmpty)
        {
            var depth = _depth;
            while (Read() && !(_nodeType == XmlNodeType.EndElement && _depth == depth))
            {
            }
        }

        Read();
    }

    /// <inheritdoc />
    public override void Close()
    {
        if (_readState == ReadState.Closed)
            return;
        _readState = ReadState.Closed;
        _nodeType = XmlNodeType.None;
        if (_buf.Length >= 64)
            ArrayPool<byte>.Shared.Return(_buf);
        _buf = [];
        _pos = _end = _tokenStart = 0;
        if (_closeInput)
            _stream.Dispose();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Close();
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override bool Read()
    {
        if (_readState is ReadState.EndOfFile or ReadState.Closed or ReadState.Error)
            return false;
        _readState = ReadState.Interactive;
        _attrIndex = -1;
        _onAttrValue = false;
        _attrCount = 0;
        _value = null;
        if (_bindingCount > 0)
            PopBindings();
        try
        {
            return ReadNode();
        }
        catch
        {
            Fail();
            throw;
        }
    }

    /// <summary>After a well-formedness error: the reader stays in <see cref="ReadState.Error"/> and reads no further.</summary>
    private void Fail()
    {
        _readState = ReadState.Error;
        _nodeType = XmlNodeType.None;
    }

    private bool ReadNode()
    {
        while (true)
        {
            _tokenStart = _pos;
            if (_pos >= _end && !EnsureAvailable(1))
            {
                if (_stackDepth > 0)
                    throw Error(_pos, $"Unexpected end of file has occurred. The following elements are not closed: {OpenElementNames()}.");
                if (!_rootSeen)
                    throw Error(_pos, "Root element is missing.");
                _nodeType = XmlNodeType.None;
                _nodeName = null;
                _nodeNamespace = string.Empty;
                _depth = 0;
                _readState = ReadState.EndOfFile;
                return false;
            }

            var first = _atDocumentStart;
            _atDocumentStart = false;
            if (_buf[_pos] != (byte)'<')
            {
                if (ReadText())
                    return true;
                continue;
            }

            if (!EnsureAvailable(2))
                throw Error(_pos, "Unexpected end of file while parsing Name has occurred.");
            switch (_buf[_pos + 1])
            {
                case (byte)'/':
                    ReadEndTag();
                    return true;
                case (byte)'?':
                    SkipProcessingInstruction(first);
                    continue;
                case (byte)'!':
                    if (ReadBang())
                        return true;
                    continue;
                default:
                    ReadStartTag();
                    return true;
            }
        }
    }

    // ---- the generated reader's fast paths (AlmaXmlCursor) -----------------------------------------------------------

    /// <summary>Numbers element and attribute names for the generated reader's dispatch (<see cref="CurrentNameId"/>).</summary>
    internal void UseVocabulary(AlmaXmlVocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        foreach (var head in _names)
        {
            for (var entry = head; entry is not null; entry = entry.Next)
                entry.Id = IdOf(entry);
        }
    }

    /// <summary>
    /// The vocabulary number of the current element's or attribute's name; -1 for a name outside the vocabulary or in
    /// a namespace (which no Alma element or attribute is).
    /// </summary>
    internal int CurrentNameId
    {
        get
        {
            if (_attrIndex >= 0)
                return _onAttrValue || _attrs[_attrIndex].Namespace.Length != 0 ? -1 : _attrs[_attrIndex].Name.Id;
            return _nodeName is { } name && _nodeNamespace.Length == 0 ? name.Id : -1;
        }
    }

    /// <summary>
    /// On the start tag of an element whose content is plain character data (no child element, comment, CDATA
    /// section or processing instruction) and whose end tag is already in the buffer: reads that content and moves
    /// to the node after the end tag, in one step, exactly as reading node by node would. False, with nothing
    /// consumed, otherwise.
    /// </summary>
    /// <param name="pooled">Whether a short value seen before comes back as the same instance (<see cref="PooledValue"/>).</param>
    /// <param name="text">The content, as <see cref="AlmaReadContext.ReadText(XmlReader, string)"/> would give it.</param>
    internal bool TryReadSimpleContent(bool pooled, [NotNullWhen(true)] out string? text)
    {
        if (_isEmpty && _nodeType == XmlNodeType.Element && _attrIndex < 0)
        {
            text = string.Empty;
            Read();
            return true;
        }

        int start, end, next;
        if (TryFindPlainContent(out start, out end, out next))
        {
            // the common case: printable ASCII without references or line breaks, nothing to check or count
            text = pooled ? Pooled(start, end, needsDecode: false, attribute: false) : Encoding.ASCII.GetString(_buf, start, end - start);
            FinishSimpleContent(next);
            return true;
        }

        if (!TryFindSimpleContent(out start, out end, out next))
        {
            text = null;
            return false;
        }

        var needsDecode = ScanSimpleContent(start, end);
        if (start < end && IsWhite(_buf[start]) && _buf.AsSpan(start, end - start).IndexOfAnyExcept(" \t\r\n"u8) < 0)
            text = string.Empty; // whitespace only: skipped as XmlReaderSettings.IgnoreWhitespace does
        else
            text = pooled ? Pooled(start, end, needsDecode, attribute: false) : Decode(start, end, needsDecode, attribute: false);
        FinishSimpleContent(next);
        return true;
    }

    /// <summary>
    /// <see cref="TryReadSimpleContent"/> for a code element whose text is plain ASCII: the code with
    /// <paramref name="desc"/>, one instance for every record that has the same code and the same (pooled) label.
    /// False, with nothing consumed, for anything else.
    /// </summary>
    internal bool TryReadSimpleCode(string? desc, [NotNullWhen(true)] out AlmaCode? code)
    {
        code = null;
        if (!TryFindPlainContent(out var start, out var end, out var next))
            return false;
        var entry = PooledEntry(start, end);
        if (entry is null)
            code = new AlmaCode(Encoding.ASCII.GetString(_buf, start, end - start), desc);
        else if (entry.Code is { } shared && ReferenceEquals(shared.Desc, desc))
            code = shared;
        else
            code = entry.Code = new AlmaCode(entry.Value, desc);
        FinishSimpleContent(next);
        return true;
    }

    /// <summary>
    /// <see cref="TryReadSimpleContent"/> for content that is an <c>xs:date</c> in its plain form (<c>yyyy-MM-dd</c>, no
    /// zone, no whitespace) naming a real day, parsed from the bytes. False, with nothing consumed, for anything else.
    /// </summary>
    internal bool TryReadSimpleDate(out DateOnly date)
    {
        date = default;
        var start = _pos;
        if (!AtContentStart() || _end - start <= 10 || _buf[start + 10] != (byte)'<' || !IsOwnEndTag(start + 10, out var next))
            return false;
        var text = _buf.AsSpan(start, 10);
        if (text[4] != (byte)'-' || text[7] != (byte)'-')
            return false;
        var year = Digits(text[..4]);
        var month = Digits(text.Slice(5, 2));
        var day = Digits(text.Slice(8, 2));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        date = new DateOnly(year, month, day);
        FinishSimpleContent(next);
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> text)
    {
        var value = 0;
        foreach (var b in text)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
                return -1;
            value = (value * 10) + digit;
        }

        return value;
    }

    /// <summary>
    /// Whether the current node is a start tag followed by character data up to its own end tag (<c>&lt;/name&gt;</c>),
    /// all in the buffer: [start, end) is the content, <paramref name="next"/> the index past the end tag.
    /// </summary>
    private bool TryFindSimpleContent(out int start, out int end, out int next)
    {
        start = _pos;
        end = next = 0;
        if (!AtContentStart())
            return false;
        var lt = _buf.AsSpan(start, _end - start).IndexOf((byte)'<');
        if (lt < 0)
            return false;
        end = start + lt;
        return IsOwnEndTag(end, out next);
    }

    /// <summary>
    /// <see cref="TryFindSimpleContent"/> for content that is printable ASCII without references or line breaks and
    /// does not start with white space: found in one scan, with nothing to check, count or decode.
    /// </summary>
    private bool TryFindPlainContent(out int start, out int end, out int next)
    {
        start = _pos;
        end = next = 0;
        if (!AtContentStart())
            return false;
        var length = _buf.AsSpan(start, _end - start).IndexOfAnyExcept(TextScanBytes);
        if (length <= 0 || _buf[start + length] != (byte)'<' || IsWhite(_buf[start]))
            return false;
        end = start + length;
        return IsOwnEndTag(end, out next);
    }

    /// <summary>Whether the reader is just past a start tag that has content (not <c>&lt;x/&gt;</c>).</summary>
    private bool AtContentStart() => _nodeType == XmlNodeType.Element && !_isEmpty && _attrIndex < 0 && _stackDepth > 0;

    /// <summary>Whether the end tag of the open element (<c>&lt;/name&gt;</c>) is at <paramref name="lt"/>, all in the buffer; <paramref name="next"/> is past it.</summary>
    private bool IsOwnEndTag(int lt, out int next)
    {
        var name = _stack[_stackDepth - 1].Name;
        var close = lt + 2 + name.Bytes.Length;
        next = close + 1;
        return close < _end && _buf[lt + 1] == (byte)'/' && _buf[close] == (byte)'>' && NameAt(lt + 2, name);
    }

    private bool ScanSimpleContent(int start, int end)
    {
        try
        {
            return Scan(start, end, TextBytes, ContentKind.Text);
        }
        catch
        {
            Fail();
            throw;
        }
    }

    private void FinishSimpleContent(int next)
    {
        _lastClosed = _stack[_stackDepth - 1].Name;
        _lineExtra += _lastClosed.Extra;
        _stackDepth--;
        _pos = next;
        if (_pos + 1 < _end && _buf[_pos] == (byte)'<' && _buf[_pos + 1] is not ((byte)'/' or (byte)'?' or (byte)'!') && _bindingCount == 0)
        {
            // What follows a leaf element in a record is mostly the next start tag: read it without Read's general
            // dispatch (the state Read resets, then ReadStartTag, with Read's handling of a malformed tag).
            _attrIndex = -1;
            _onAttrValue = false;
            _attrCount = 0;
            _value = null;
            _tokenStart = _pos;
            try
            {
                ReadStartTag();
            }
            catch
            {
                Fail();
                throw;
            }

            return;
        }

        Read();
    }

    // ---- text -------------------------------------------------------------------------------------------------------

    private bool ReadText()
    {
        var start = _pos;
        if (_stackDepth > 0 && !IsWhite(_buf[start]))
        {
            // the common case: ASCII text without references or line breaks, its end tag already in the buffer
            var length = _buf.AsSpan(start, _end - start).IndexOfAnyExcept(TextScanBytes);
            if (length >= 0 && _buf[start + length] == (byte)'<')
            {
                SetValueNode(XmlNodeType.Text, start, start + length, false, _line, PositionAt(start));
                _pos = start + length;
                return true;
            }
        }

        var lt = Find(start, (byte)'<', out var shift);
        start -= shift;
        var end = lt < 0 ? _end : lt;
        var line = _line;
        var pos = PositionAt(start);
        if (IsWhite(_buf[start]) && _buf.AsSpan(start, end - start).IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            // insignificant whitespace, skipped as XmlReaderSettings.IgnoreWhitespace does
            CheckCharacters(start, end);
            _pos = end;
            if (lt < 0 && _stackDepth > 0)
                throw UnexpectedEnd(_pos);
            return false;
        }

        if (_stackDepth == 0)
            throw Error(start, "Data at the root level is invalid.");
        var needsDecode = Scan(start, end, TextBytes, ContentKind.Text);
        _pos = end;
        if (lt < 0)
            throw UnexpectedEnd(_pos);
        SetValueNode(XmlNodeType.Text, start, end, needsDecode, line, pos);
        return true;
    }

    private void SetValueNode(XmlNodeType type, int start, int end, bool needsDecode, int line, int pos)
    {
        _nodeType = type;
        _nodeName = null;
        if (_nodeNamespace.Length != 0)
            _nodeNamespace = string.Empty;
        _isEmpty = false;
        _depth = _stackDepth;
        _valStart = start;
        _valEnd = end;
        _valNeedsDecode = needsDecode;
        _nodeLine = line;
        _nodePos = pos;
    }

    // ---- markup -----------------------------------------------------------------------------------------------------

    private bool ReadBang()
    {
        // <!-- comment -->, <![CDATA[ ... ]]>, <!DOCTYPE ...>
        if (EnsureAvailable(4) && _buf[_pos + 2] == (byte)'-' && _buf[_pos + 3] == (byte)'-')
        {
            var contentStart = _pos + 4;
            var dashes = Find(contentStart, "--"u8, out var shift);
            contentStart -= shift;
            if (dashes < 0)
                throw UnexpectedEnd(_end);
            CheckCharacters(contentStart, dashes);
            var before = _pos;
            if (!EnsureAvailable(dashes + 3 - _pos))
                throw UnexpectedEnd(_end);
            dashes -= before - _pos;
            if (_buf[dashes + 2] != (byte)'>')
                throw Error(dashes, "An XML comment cannot contain '--', and '-' cannot be the last character.");
            _pos = dashes + 3;
            return false;
        }

        if (StartsWith("<![CDATA["u8))
        {
            if (_stackDepth == 0)
                throw Error(_pos, "Data at the root level is invalid.");
            var line = _line;
            var pos = PositionAt(_pos + 9);
            var start = _pos + 9;
            var close = Find(start, "]]>"u8, out var shift);
            start -= shift;
            if (close < 0)
                throw UnexpectedEnd(_end);
            var needsDecode = CheckCharacters(start, close);
            _pos = close + 3;
            SetValueNode(XmlNodeType.CDATA, start, close, needsDecode, line, pos);
            return true;
        }

        if (StartsWith("<!DOCTYPE"u8))
            throw Error(_pos, "For security reasons DTD is prohibited in this XML document. To enable DTD processing set the DtdProcessing property on XmlReaderSettings to Parse and pass the settings into XmlReader.Create method.");
        throw Error(_pos + 1, "Unexpected '!' after '<': not a comment, CDATA section or DOCTYPE.");
    }

    private void SkipProcessingInstruction(bool first)
    {
        var p = _pos + 2;
        var target = ReadName(ref p);
        if (target.Name.Equals("xml", StringComparison.OrdinalIgnoreCase))
        {
            if (!first || target.Name != "xml")
                throw Error(_pos + 2, "Unexpected XML declaration. The XML declaration must be the first node in the document, and no white space characters are allowed to appear before it.");
            var close = Find(p, "?>"u8, out var shift);
            p -= shift;
            if (close < 0)
                throw UnexpectedEnd(_end);
            CheckCharacters(p, close);
            CheckDeclaration(p, close);
            _pos = close + 2;
            return;
        }

        if (target.Prefix.Length != 0)
            throw Error(_pos + 2, "':' is not allowed in a processing instruction's name.");
        var beforePi = _pos;
        if (!EnsureAvailable(p - _pos + 2))
            throw UnexpectedEnd(_end);
        p -= beforePi - _pos;
        var contentStart = p;
        if (!(_buf[p] == (byte)'?' && _buf[p + 1] == (byte)'>'))
        {
            if (!IsWhite(_buf[p]))
                throw Error(p, $"'{(char)_buf[p]}' is an unexpected token. Expecting white space.");
        }

        var end = Find(contentStart, "?>"u8, out var shift2);
        contentStart -= shift2;
        if (end < 0)
            throw UnexpectedEnd(_end);
        CheckCharacters(contentStart, end);
        _pos = end + 2;
    }

    private void CheckDeclaration(int start, int end)
    {
        // version="1.x" [encoding="..."] [standalone="yes|no"], pseudo-attributes in that order
        var text = Encoding.ASCII.GetString(_buf, start, end - start);
        var position = 0;
        var order = 0;
        while (true)
        {
            var white = position;
            while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n')
                position++;
            if (position == text.Length)
                break;
            if (position == white)
                throw Error(start + position, "Syntax error in the XML declaration: white space expected.");
            var eq = text.IndexOf('=', position);
            if (eq < 0)
                throw Error(start + position, "Syntax error in the XML declaration.");
            var name = text[position..eq].TrimEnd();
            position = eq + 1;
            while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n')
                position++;
            if (position == text.Length || text[position] is not ('"' or '\''))
                throw Error(start + position, "Syntax error in the XML declaration: a quoted value is expected.");
            var close = text.IndexOf(text[position], position + 1);
            if (close < 0)
                throw Error(start + position, "Syntax error in the XML declaration: unclosed value.");
            var value = text[(position + 1)..close];
            position = close + 1;
            var rank = name switch { "version" => 1, "encoding" => 2, "standalone" => 3, _ => 0 };
            if (rank <= order)
                throw Error(start, $"Syntax error in the XML declaration: unexpected '{name}'.");
            if (rank == 1 && !(value.StartsWith("1.", StringComparison.Ordinal) && value.Length > 2 && value.AsSpan(2).IndexOfAnyExceptInRange('0', '9') < 0))
                throw Error(start, $"Version number '{value}' is invalid.");
            if (rank == 3 && value is not ("yes" or "no"))
                throw Error(start, "Syntax error in the XML declaration: standalone must be 'yes' or 'no'.");
            if (order == 0 && rank != 1)
                throw Error(start, "Version is required in the XML declaration.");
            order = rank;
        }

        if (order == 0)
            throw Error(start, "Version is required in the XML declaration.");
    }

    private void ReadEndTag()
    {
        var p = _pos + 2;
        var line = _line;
        var position = PositionAt(p);
        NameEntry name;
        if (_stackDepth > 0
            && _stack[_stackDepth - 1].Name.Bytes is var expected
            && EnsureAvailable(expected.Length + 3)
            && NameAt(_pos + 2, _stack[_stackDepth - 1].Name)
            && _buf[_pos + 2 + expected.Length] is (byte)'>' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            // the end tag the open element expects: no need to atomize
            p = _pos + 2 + expected.Length;
            name = _stack[_stackDepth - 1].Name;
            _lineExtra += name.Extra;
        }
        else
        {
            p = _pos + 2;
            name = ReadName(ref p);
        }

        p = SkipWhite(p);
        if (_buf[p] != (byte)'>')
            throw Error(p, $"'{Describe(p)}' is an unexpected token. The expected token is '>'.");
        if (_stackDepth == 0)
            throw Error(_pos + 2, "Unexpected end tag.");
        ref var open = ref _stack[_stackDepth - 1];
        if (!ReferenceEquals(open.Name, name))
            throw Error(_pos + 2, $"The '{open.Name.Name}' start tag on line {open.Line.ToString(CultureInfo.InvariantCulture)} position {open.Pos.ToString(CultureInfo.InvariantCulture)} does not match the end tag of '{name.Name}'.");
        _stackDepth--;
        _lastClosed = name;
        _nodeType = XmlNodeType.EndElement;
        _nodeName = name;
        if (!ReferenceEquals(_nodeNamespace, open.Namespace))
            _nodeNamespace = open.Namespace;
        _isEmpty = false;
        _depth = _stackDepth;
        _nodeLine = line;
        _nodePos = position;
        _pos = p + 1;
    }

    private void ReadStartTag()
    {
        if (_stackDepth == 0 && _rootSeen)
            throw Error(_pos + 1, "There are multiple root elements.");
        var p = _pos + 1;
        var line = _line;
        var position = PositionAt(p);
        var name = PredictedName(p);
        if (name is null)
        {
            name = ReadName(ref p);
        }
        else
        {
            p += name.Bytes.Length;
            _lineExtra += name.Extra;
        }

        if (_lastClosed is not null)
            Remember(ref _lastClosed.NextSibling, ref _lastClosed.OtherNextSibling, name);
        else if (_stackDepth > 0)
            Remember(ref _stack[_stackDepth - 1].Name.FirstChild, ref _stack[_stackDepth - 1].Name.OtherFirstChild, name);
        var hasNamespaces = name.Prefix.Length != 0;
        var empty = false;
        NameEntry? previousAttribute = null;
        while (true)
        {
            if (p < _end && _buf[p] == (byte)'>')
            {
                p++;
                break;
            }

            var white = p - _pos;
            p = SkipWhite(p);
            var b = _buf[p];
            if (b == (byte)'>')
            {
                p++;
                break;
            }

            if (b == (byte)'/')
            {
                var before = _pos;
                if (!EnsureAvailable(p + 2 - _pos))
                    throw UnexpectedEnd(_end);
                p -= before - _pos;
                if (_buf[p + 1] != (byte)'>')
                    throw Error(p + 1, $"'{Describe(p + 1)}' is an unexpected token. The expected token is '>'.");
                p += 2;
                empty = true;
                break;
            }

            if (p - _pos == white)
                throw Error(p, $"'{Describe(p)}' is an unexpected token. Expecting white space.");
            var attrLine = _line;
            var attrPos = PositionAt(p);
            ref var expectedAttribute = ref previousAttribute is null ? ref name.FirstAttribute : ref previousAttribute.NextAttribute;
            var attrName = NameIfAt(p, expectedAttribute);
            if (attrName is null)
            {
                attrName = ReadName(ref p);
                expectedAttribute = attrName;
            }
            else
            {
                p += attrName.Bytes.Length;
                _lineExtra += attrName.Extra;
            }

            previousAttribute = attrName;
            p = SkipWhite(p);
            if (_buf[p] != (byte)'=')
                throw Error(p, $"'{Describe(p)}' is an unexpected token. The expected token is '='.");
            p = SkipWhite(p + 1);
            var quote = _buf[p];
            if (quote is not ((byte)'"' or (byte)'\''))
                throw Error(p, $"'{Describe(p)}' is an unexpected token. The expected token is '\"' or '''.");
            var valueStart = p + 1;
            var close = Find(valueStart, quote, out var shift);
            valueStart -= shift;
            if (close < 0)
                throw UnexpectedEnd(_end);
            var needsDecode = Scan(valueStart, close, AttributeBytes, ContentKind.Attribute);

            for (var i = 0; i < _attrCount; i++)
            {
                if (ReferenceEquals(_attrs[i].Name, attrName))
                    throw Error(attrPos, line: attrLine, $"'{attrName.Name}' is a duplicate attribute name.");
            }

            if (_attrCount == _attrs.Length)
                Array.Resize(ref _attrs, _attrs.Length * 2);
            ref var attr = ref _attrs[_attrCount++];
            if (!ReferenceEquals(attr.Name, attrName))
                attr.Name = attrName; // (reference stores only when they change: each is a GC write barrier)
            if (attr.Namespace is not { Length: 0 })
                attr.Namespace = string.Empty;
            attr.Value = null;
            attr.ValStart = valueStart;
            attr.ValEnd = close;
            attr.NeedsDecode = needsDecode;
            attr.Line = attrLine;
            attr.Pos = attrPos;
            hasNamespaces |= attrName.InvolvesNamespaces;
            p = close + 1;
        }

        _pos = p;
        var ns = string.Empty;
        if (hasNamespaces || _bindingCount > 0)
            ns = ResolveNamespaces(name, line, position);

        _rootSeen = true;
        _nodeType = XmlNodeType.Element;
        _nodeName = name;
        if (!ReferenceEquals(_nodeNamespace, ns))
            _nodeNamespace = ns;
        _isEmpty = empty;
        _depth = _stackDepth;
        _nodeLine = line;
        _nodePos = position;
        if (empty)
            _lastClosed = name;
        else
            _lastClosed = null;
        if (!empty)
        {
            if (_stackDepth == _stack.Length)
                Array.Resize(ref _stack, _stack.Length * 2);
            // The slot at this depth usually held this very element in the last record: reference stores (each a GC
            // write barrier) only when something changed.
            ref var slot = ref _stack[_stackDepth++];
            if (!ReferenceEquals(slot.Name, name))
                slot.Name = name;
            if (!ReferenceEquals(slot.Namespace, ns))
                slot.Namespace = ns;
            slot.Line = line;
            slot.Pos = position;
        }
    }

    private string ResolveNamespaces(NameEntry element, int line, int position)
    {
        for (var i = 0; i < _attrCount; i++)
        {
            var name = _attrs[i].Name;
            if (name.Name == "xmlns" || name.Prefix == "xmlns")
            {
                var prefix = name.Prefix.Length == 0 ? string.Empty : name.LocalName;
                var uri = _nameTable.Add(AttributeValue(i));
                if (prefix is "xmlns" || (prefix == "xml" && uri != XmlNamespace) || (prefix.Length > 0 && uri.Length == 0))
                    throw Error(_attrs[i].Pos, line: _attrs[i].Line, $"Cannot bind the prefix '{prefix}' to the namespace '{uri}'.");
                if (_bindingCount == _bindings.Length)
                    Array.Resize(ref _bindings, _bindings.Length * 2);
                _bindings[_bindingCount++] = new Binding(prefix, uri, _stackDepth);
            }
        }

        for (var i = 0; i < _attrCount; i++)
        {
            var name = _attrs[i].Name;
            if (name.Name == "xmlns" || name.Prefix == "xmlns")
                _attrs[i].Namespace = XmlnsNamespace;
            else if (name.Prefix.Length != 0)
                _attrs[i].Namespace = LookupNamespace(name.Prefix) ?? throw Error(_attrs[i].Pos, line: _attrs[i].Line, $"'{name.Prefix}' is an undeclared prefix.");
        }

        for (var i = 0; i < _attrCount; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (_attrs[i].Namespace.Length != 0 && _attrs[i].Namespace == _attrs[j].Namespace && _attrs[i].Name.LocalName == _attrs[j].Name.LocalName)
                    throw Error(_attrs[i].Pos, line: _attrs[i].Line, $"'{_attrs[i].Name.LocalName}' is a duplicate attribute name.");
            }
        }

        if (element.Prefix == "xmlns")
            throw Error(position, line: line, "Element names cannot use the prefix 'xmlns'.");
        return LookupNamespace(element.Prefix) ?? throw Error(position, line: line, $"'{element.Prefix}' is an undeclared prefix.");
    }

    private void PopBindings()
    {
        while (_bindingCount > 0 && _bindings[_bindingCount - 1].Depth >= _stackDepth)
            _bindingCount--;
    }

    private int FindAttribute(string localName, string ns)
    {
        if (_nodeType != XmlNodeType.Element)
            return -1;
        for (var i = 0; i < _attrCount; i++)
        {
            if (_attrs[i].Name.LocalName == localName && _attrs[i].Namespace == ns)
                return i;
        }

        return -1;
    }

    private string AttributeValue(int index)
    {
        ref var attr = ref _attrs[index];
        return attr.Value ??= Decode(attr.ValStart, attr.ValEnd, attr.NeedsDecode, attribute: true);
    }

    // ---- names ------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The start tag's name at <paramref name="p"/> when it is the one that came here last time (documents repeat
    /// their structure record after record): two integer comparisons instead of a scan and a hash lookup. Null when
    /// it is another name or too near the end of the buffer to tell.
    /// </summary>
    private NameEntry? PredictedName(int p)
    {
        if (_lastClosed is not null)
            return NameIfAt(p, _lastClosed.NextSibling) ?? NameIfAt(p, _lastClosed.OtherNextSibling);
        if (_stackDepth == 0)
            return null;
        var parent = _stack[_stackDepth - 1].Name;
        return NameIfAt(p, parent.FirstChild) ?? NameIfAt(p, parent.OtherFirstChild);
    }

    private NameEntry? NameIfAt(int p, NameEntry? candidate)
    {
        if (candidate is null || p + candidate.Bytes.Length >= _end || !NameAt(p, candidate))
            return null;
        var after = _buf[p + candidate.Bytes.Length];
        return after >= 0x80 || NameChar[after] ? null : candidate;
    }

    /// <summary>Keeps the last two different names seen in one place (optional elements and lists of varying length alternate).</summary>
    private static void Remember(ref NameEntry? latest, ref NameEntry? other, NameEntry name)
    {
        if (ReferenceEquals(latest, name))
            return;
        other = latest;
        latest = name;
    }

    /// <summary>Reads a name at <paramref name="p"/> (an index into the buffer, updated past the name) and atomizes it.</summary>
    private NameEntry ReadName(ref int p)
    {
        var first = _pos;
        if (!EnsureAvailable(p + 1 - _pos))
            throw UnexpectedEnd(_end);
        p -= first - _pos;
        var start = p;
        var b = _buf[p];
        if (b < 0x80 && !NameStart[b])
            throw Error(p, $"Name cannot begin with the '{Describe(p)}' character, hexadecimal value 0x{b:X2}.");
        p++;
        while (true)
        {
            var length = _buf.AsSpan(p, _end - p).IndexOfAnyExcept(NameBytes);
            if (length >= 0)
            {
                p += length;
                break;
            }

            p = _end;
            var before = _pos;
            if (!EnsureAvailable(p + 1 - _pos))
                throw UnexpectedEnd(_end);
            var shift = before - _pos;
            p -= shift;
            start -= shift;
        }

        var entry = Atomize(start, p - start);
        _lineExtra += entry.Extra;
        return entry;
    }

    /// <summary>
    /// The first and last eight bytes of the name at [start, start + length) (zero-padded below eight), which are the
    /// whole name up to sixteen bytes: names are compared by two integers instead of byte by byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong KeyOf(byte[] buffer, int start, int length, out ulong tail)
    {
        if (length >= 8)
        {
            tail = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(start + length - 8, 8));
            return BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(start, 8));
        }

        tail = 0;
        if (buffer.Length - start >= 8)
            return BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(start, 8)) & ((1UL << (length * 8)) - 1);
        var head = 0UL;
        for (var i = length - 1; i >= 0; i--)
            head = (head << 8) | buffer[start + i];
        return head;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint HashOf(ulong head, ulong tail, int length)
    {
        var mixed = (head * 0x9E3779B97F4A7C15UL) ^ ((tail + (ulong)length) * 0xC2B2AE3D27D4EB4FUL);
        return (uint)(mixed >> 32) ^ (uint)mixed;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool NameAt(int start, NameEntry entry)
    {
        var length = entry.Bytes.Length;
        if (length > 16)
            return _buf.AsSpan(start, length).SequenceEqual(entry.Bytes);
        return KeyOf(_buf, start, length, out var tail) == entry.Head && tail == entry.Tail;
    }

    private NameEntry Atomize(int start, int length)
    {
        var head = KeyOf(_buf, start, length, out var tail);
        var hash = HashOf(head, tail, length);
        var slot = (int)(hash & (uint)(_names.Length - 1));
        for (var entry = _names[slot]; entry is not null; entry = entry.Next)
        {
            if (entry.Head == head && entry.Tail == tail && entry.Bytes.Length == length && (length <= 16 || _buf.AsSpan(start, length).SequenceEqual(entry.Bytes)))
                return entry;
        }

        var bytes = _buf.AsSpan(start, length);

        string name;
        var nonAscii = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
        if (nonAscii)
        {
            if (!Utf8.IsValid(bytes))
                throw Error(start, "Invalid character in the given encoding.");
            name = Encoding.UTF8.GetString(bytes);
        }
        else
        {
            name = Encoding.ASCII.GetString(bytes);
        }

        var colon = name.IndexOf(':');
        string prefix = string.Empty, localName = name;
        if (colon >= 0)
        {
            if (colon == 0 || colon == name.Length - 1 || name.IndexOf(':', colon + 1) >= 0)
                throw Error(start, $"The '{name}' name is not valid: it may hold at most one ':', between a prefix and a local name.");
            prefix = name[..colon];
            localName = name[(colon + 1)..];
        }

        if (nonAscii)
        {
            try
            {
                XmlConvert.VerifyNCName(localName);
                if (prefix.Length != 0)
                    XmlConvert.VerifyNCName(prefix);
            }
            catch (XmlException exception)
            {
                throw Error(start, exception.Message);
            }
        }

        var created = new NameEntry(bytes.ToArray(), hash, _nameTable.Add(name), _nameTable.Add(prefix), _nameTable.Add(localName), _names[slot])
        {
            Extra = length - name.Length,
            Head = head,
            Tail = tail,
        };
        created.Id = IdOf(created);
        _names[slot] = created;
        if (++_nameCount > _names.Length)
            Rehash();
        return created;
    }

    private int IdOf(NameEntry entry) => _vocabulary is null || entry.Prefix.Length != 0 ? -1 : _vocabulary.IdOf(entry.LocalName);

    private void Rehash()
    {
        var names = new NameEntry?[_names.Length * 2];
        foreach (var head in _names)
        {
            for (var entry = head; entry is not null;)
            {
                var next = entry.Next;
                var slot = (int)(entry.Hash & (uint)(names.Length - 1));
                entry.Next = names[slot];
                names[slot] = entry;
                entry = next;
            }
        }

        _names = names;
    }

    // ---- characters, references, decoding -----------------------------------------------------------------------------

    /// <summary>
    /// Checks that [start, end) holds only characters XML allows, in valid UTF-8, and counts its line breaks.
    /// True when it holds a carriage return (the value then needs newline normalization).
    /// </summary>
    private bool CheckCharacters(int start, int end) => Scan(start, end, PlainBytes, ContentKind.Plain);

    /// <summary>
    /// One pass over complete content [start, end): characters and UTF-8 checked, line breaks counted, references
    /// checked (text and attribute values), <c>]]&gt;</c> refused (text), <c>&lt;</c> refused (attribute values).
    /// True when the value needs more than UTF-8 decoding (references, carriage returns, attribute whitespace).
    /// </summary>
    private bool Scan(int start, int end, SearchValues<byte> plain, ContentKind kind)
    {
        var needsDecode = false;
        var i = start;
        while (i < end)
        {
            var next = _buf.AsSpan(i, end - i).IndexOfAnyExcept(plain);
            if (next < 0)
                break;
            i += next;
            var b = _buf[i];
            switch (b)
            {
                case (byte)'\n':
                    needsDecode |= kind == ContentKind.Attribute;
                    NewLine(i + 1);
                    i++;
                    break;
                case (byte)'\r':
                    needsDecode = true;
                    if (i + 1 < end && _buf[i + 1] == (byte)'\n')
                        i++;
                    NewLine(i + 1);
                    i++;
                    break;
                case (byte)'\t':
                    needsDecode = true;
                    i++;
                    break;
                case (byte)'&':
                    i = CheckReference(i, end);
                    needsDecode = true;
                    break;
                case (byte)']':
                    if (_buf.AsSpan(i, end - i).StartsWith("]]>"u8))
                        throw Error(i, "']]>' is not allowed in character data.");
                    i++;
                    break;
                case (byte)'<':
                    throw Error(i, "'<', hexadecimal value 0x3C, is an invalid attribute character.");
                case >= 0x80:
                    i = CheckNonAscii(i, end);
                    break;
                default:
                    throw Error(i, $"'{Describe(i)}', hexadecimal value 0x{b:X2}, is an invalid character.");
            }
        }

        return needsDecode;
    }

    private int CheckNonAscii(int i, int end)
    {
        var run = _buf.AsSpan(i, end - i);
        var ascii = run.IndexOfAnyInRange((byte)0, (byte)0x7F);
        if (ascii >= 0)
            run = run[..ascii];
        if (!Utf8.IsValid(run))
            throw Error(i + InvalidUtf8Offset(run), "Invalid character in the given encoding.");
        var nonCharacter = run.IndexOf(NonCharacterLead);
        while (nonCharacter >= 0)
        {
            if (nonCharacter + 2 < run.Length && run[nonCharacter + 2] is 0xBE or 0xBF)
                throw Error(i + nonCharacter, $"'{(run[nonCharacter + 2] == 0xBE ? "\\uFFFE" : "\\uFFFF")}', hexadecimal value 0x{(run[nonCharacter + 2] == 0xBE ? "FFFE" : "FFFF")}, is an invalid character.");
            var more = run[(nonCharacter + 2)..].IndexOf(NonCharacterLead);
            nonCharacter = more < 0 ? -1 : nonCharacter + 2 + more;
        }

        _lineExtra += run.Length - Encoding.UTF8.GetCharCount(run);
        return i + run.Length;
    }

    private static ReadOnlySpan<byte> NonCharacterLead => [0xEF, 0xBF];

    private static int InvalidUtf8Offset(ReadOnlySpan<byte> run)
    {
        var offset = 0;
        while (offset < run.Length)
        {
            if (Rune.DecodeFromUtf8(run[offset..], out _, out var consumed) != OperationStatus.Done)
                return offset;
            offset += consumed;
        }

        return 0;
    }

    /// <summary>Checks the reference at <paramref name="i"/> (its <c>&amp;</c>): one of the five predefined entities or a character reference to a character XML allows; returns the index past its <c>;</c>.</summary>
    private int CheckReference(int i, int end)
    {
        var semicolon = _buf.AsSpan(i, end - i).IndexOf((byte)';');
        if (semicolon < 0)
            throw Error(i, "An entity reference is not closed with ';'.");
        var reference = _buf.AsSpan(i + 1, semicolon - 1);
        if (ReferenceValue(reference) < 0)
        {
            if (reference.Length > 0 && reference[0] == (byte)'#')
                throw Error(i, $"Invalid character reference '&{Encoding.UTF8.GetString(reference)};'.");
            if (reference.Length == 0 || !IsNameBytes(reference))
                throw Error(i, "An entity reference must be a name followed by ';'.");
            throw Error(i, $"Reference to undeclared entity '{Encoding.UTF8.GetString(reference)}'.");
        }

        return i + semicolon + 1;
    }

    /// <summary>The code point a reference (without <c>&amp;</c> and <c>;</c>) stands for, or -1.</summary>
    private static int ReferenceValue(ReadOnlySpan<byte> reference)
    {
        switch (reference.Length)
        {
            case 2 when reference[1] == (byte)'t' && reference[0] is (byte)'l' or (byte)'g':
                return reference[0] == (byte)'l' ? '<' : '>';
            case 3 when reference.SequenceEqual("amp"u8):
                return '&';
            case 4 when reference.SequenceEqual("apos"u8):
                return '\'';
            case 4 when reference.SequenceEqual("quot"u8):
                return '"';
        }

        if (reference.Length < 2 || reference[0] != (byte)'#')
            return -1;
        var hex = reference[1] == (byte)'x';
        var digits = reference[(hex ? 2 : 1)..];
        if (digits.Length == 0 || digits.Length > 8)
            return -1;
        var value = 0;
        foreach (var d in digits)
        {
            int digit;
            if (d is >= (byte)'0' and <= (byte)'9')
                digit = d - '0';
            else if (hex && d is >= (byte)'a' and <= (byte)'f')
                digit = d - 'a' + 10;
            else if (hex && d is >= (byte)'A' and <= (byte)'F')
                digit = d - 'A' + 10;
            else
                return -1;
            value = value * (hex ? 16 : 10) + digit;
        }

        var allowed = value is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
        return allowed ? value : -1;
    }

    private string Decode(int start, int end, bool needsDecode, bool attribute)
    {
        var span = _buf.AsSpan(start, end - start);
        if (!needsDecode)
            return span.Length == 0 ? string.Empty : Encoding.UTF8.GetString(span);
        var chars = ArrayPool<char>.Shared.Rent(span.Length);
        try
        {
            var length = Encoding.UTF8.GetChars(span, chars);
            var w = 0;
            for (var r = 0; r < length; r++)
            {
                var c = chars[r];
                switch (c)
                {
                    case '\r':
                        if (r + 1 < length && chars[r + 1] == '\n')
                            r++;
                        chars[w++] = attribute ? ' ' : '\n';
                        break;
                    case '\n' or '\t' when attribute:
                        chars[w++] = ' ';
                        break;
                    case '&' when _nodeType != XmlNodeType.CDATA || attribute:
                        var semicolon = Array.IndexOf(chars, ';', r, length - r);
                        var reference = Encoding.ASCII.GetBytes(chars, r + 1, semicolon - r - 1);
                        var value = ReferenceValue(reference);
                        if (value > 0xFFFF)
                        {
                            chars[w++] = (char)(0xD800 + ((value - 0x10000) >> 10));
                            chars[w++] = (char)(0xDC00 + ((value - 0x10000) & 0x3FF));
                        }
                        else
                        {
                            chars[w++] = (char)value;
                        }

                        r = semicolon;
                        break;
                    default:
                        chars[w++] = c;
                        break;
                }
            }

            return new string(chars, 0, w);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    // ---- buffer -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Makes at least <paramref name="count"/> bytes available from <see cref="_pos"/>, reading more of the stream and
    /// moving the current token to the front of the buffer (or growing it) as needed. Indices into the buffer that
    /// callers hold must be re-based by the change of <see cref="_pos"/>. False at the end of the stream.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool EnsureAvailable(int count) => _end - _pos >= count || Fill(count);

    private bool Fill(int count)
    {
        while (_end - _pos < count)
        {
            if (_streamDone)
                return false;
            Compact();
            if (_end == _buf.Length)
            {
                if (_end - _tokenStart >= MaxNodeBytes)
                    throw NodeTooLong();
                var bigger = ArrayPool<byte>.Shared.Rent(_buf.Length * 2);
                Buffer.BlockCopy(_buf, 0, bigger, 0, _end);
                if (_buf.Length >= 64)
                    ArrayPool<byte>.Shared.Return(_buf);
                _buf = bigger;
            }

            var read = _stream.Read(_buf, _end, _buf.Length - _end);
            if (read == 0)
                _streamDone = true;
            _end += read;
        }

        return true;
    }

    private void Compact()
    {
        var shift = _tokenStart;
        if (shift == 0)
            return;

        Buffer.BlockCopy(_buf, shift, _buf, 0, _end - shift);
        _end -= shift;
        _pos -= shift;
        _tokenStart = 0;
        _lineStart -= shift;
        _valStart -= shift;
        _valEnd -= shift;
        for (var i = 0; i < _attrCount; i++)
        {
            _attrs[i].ValStart -= shift;
            _attrs[i].ValEnd -= shift;
        }
    }

    private int Find(int from, byte value, out int shift) => Find(from, new ReadOnlySpan<byte>(in value), out shift);

    /// <summary>The index of <paramref name="value"/> at or after <paramref name="from"/>, reading more as needed, or -1; <paramref name="shift"/> is how far the buffer moved.</summary>
    private int Find(int from, ReadOnlySpan<byte> value, out int shift)
    {
        var pos = _pos;
        var searched = from;
        while (true)
        {
            var found = _buf.AsSpan(searched, _end - searched).IndexOf(value);
            if (found >= 0)
            {
                shift = pos - _pos;
                return searched + found;
            }

            var before = _pos;
            var tail = Math.Max(searched, _end - value.Length + 1);
            var more = Fill(_end - _pos + 1);
            searched = tail - (before - _pos);
            if (!more)
            {
                shift = pos - _pos;
                return -1;
            }
        }
    }

    private bool StartsWith(ReadOnlySpan<byte> text) =>
        EnsureAvailable(text.Length) && _buf.AsSpan(_pos, text.Length).SequenceEqual(text);

    private int SkipWhite(int p)
    {
        while (true)
        {
            if (p >= _end)
            {
                var before = _pos;
                if (!EnsureAvailable(p + 1 - _pos))
                    throw UnexpectedEnd(_end);
                p -= before - _pos;
            }

            var b = _buf[p];
            if (b == (byte)' ' || b == (byte)'\t')
            {
                p++;
            }
            else if (b == (byte)'\n')
            {
                p++;
                NewLine(p);
            }
            else if (b == (byte)'\r')
            {
                p++;
                var before = _pos;
                if (EnsureAvailable(p + 1 - _pos))
                {
                    p -= before - _pos;
                    if (_buf[p] == (byte)'\n')
                        p++;
                }
                else
                {
                    p -= before - _pos;
                }

                NewLine(p);
            }
            else
            {
                return p;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NewLine(int lineStart)
    {
        _line++;
        _lineStart = lineStart;
        _lineExtra = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PositionAt(int index) => index - _lineStart - _lineExtra + 1;

    // ---- errors -----------------------------------------------------------------------------------------------------

    private XmlException Error(int index, string message) => new(message, null, _line, SafePosition(index));

    private static XmlException Error(int position, int line, string message) => new(message, null, line, position);

    private XmlException UnexpectedEnd(int index) =>
        Error(index, _stackDepth > 0
            ? $"Unexpected end of file has occurred. The following elements are not closed: {OpenElementNames()}."
            : "Unexpected end of file has occurred.");

    /// <summary>The current node fills <see cref="MaxNodeBytes"/>: what it is, in which element, where it starts.</summary>
    private XmlNodeTooLongException NodeTooLong()
    {
        var path = new StringBuilder();
        for (var i = 0; i < _stackDepth; i++)
            path.Append(i == 0 ? "" : "/").Append(_stack[i].Name.Name);
        var kind = _buf[_tokenStart] != (byte)'<'
            ? "text"
            : _buf[_tokenStart + 1] switch
            {
                (byte)'!' => _buf[_tokenStart + 2] == (byte)'[' ? "CDATA section" : "comment",
                (byte)'?' => "processing instruction",
                (byte)'/' => "end tag",
                _ => "start tag",
            };
        if (kind == "text" && _stackDepth > 0)
        {
            ref var open = ref _stack[_stackDepth - 1];
            return new XmlNodeTooLongException(kind, path.ToString(), MaxNodeBytes, inBytes: true, open.Line, open.Pos);
        }

        return new XmlNodeTooLongException(kind, path.ToString(), MaxNodeBytes, inBytes: true, _line, SafePosition(_tokenStart));
    }

    private int SafePosition(int index)
    {
        try
        {
            return Math.Max(PositionAt(Math.Min(index, _end)), 1);
        }
        catch (ArgumentException)
        {
            return 1;
        }
    }

    private string Describe(int index) => index < _end ? ((char)_buf[index]).ToString() : "EOF";

    private string OpenElementNames()
    {
        var names = new string[_stackDepth];
        for (var i = 0; i < _stackDepth; i++)
            names[i] = $"{_stack[_stackDepth - 1 - i].Name.Name} {_stack[_stackDepth - 1 - i].Line.ToString(CultureInfo.InvariantCulture)}, {_stack[_stackDepth - 1 - i].Pos.ToString(CultureInfo.InvariantCulture)}";
        return string.Join(", ", names);
    }

    private static bool IsWhite(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static bool IsNameBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes[0] < 0x80 && !NameStart[bytes[0]])
            return false;
        foreach (var b in bytes)
        {
            if (b < 0x80 && !NameChar[b])
                return false;
        }

        return true;
    }

    private static byte[] PlainByteSet()
    {
        var bytes = new List<byte> { (byte)'\t' };
        for (var b = 0x20; b <= 0x7F; b++)
            bytes.Add((byte)b);
        return [.. bytes];
    }

    private static byte[] NameByteSet()
    {
        var bytes = new List<byte>();
        for (var b = 0; b < 256; b++)
        {
            if (b >= 0x80 || NameTableOf(start: false)[b])
                bytes.Add((byte)b);
        }

        return [.. bytes];
    }

    private static bool[] NameTableOf(bool start)
    {
        var table = new bool[128];
        for (var c = 'a'; c <= 'z'; c++)
            table[c] = table[char.ToUpperInvariant(c)] = true;
        table['_'] = table[':'] = true;
        if (!start)
        {
            for (var c = '0'; c <= '9'; c++)
                table[c] = true;
            table['-'] = table['.'] = true;
        }

        return table;
    }

    private sealed class NameEntry(byte[] bytes, uint hash, string name, string prefix, string localName, NameEntry? next)
    {
        public readonly byte[] Bytes = bytes;
        public readonly uint Hash = hash;
        public readonly string Name = name;
        public readonly string Prefix = prefix;
        public readonly string LocalName = localName;
        public NameEntry? Next = next;
        public int Extra;
        public int Id = -1;
        public NameEntry? FirstChild;  // the name of this element's first child, the last time it had one
        public NameEntry? OtherFirstChild; // and the one before that, when it was another
        public NameEntry? NextSibling; // the name of the element that followed this one, the last time
        public NameEntry? OtherNextSibling;
        public NameEntry? FirstAttribute; // as an element: the name of its first attribute, the last time it had one
        public NameEntry? NextAttribute;  // as an attribute: the name of the attribute that followed it, the last time
        public readonly bool InvolvesNamespaces = prefix.Length != 0 || name == "xmlns"; // a prefixed name or a default namespace declaration
        public ulong Head;
        public ulong Tail;
    }

    private sealed class PooledString(ulong head, ulong tail, int length, string value, PooledString? next)
    {
        public readonly ulong Head = head;
        public readonly ulong Tail = tail;
        public readonly int Length = length;
        public readonly string Value = value;
        public readonly PooledString? Next = next;
        public AlmaCode? Code; // the code value last read with this text, shared while its desc is the same instance
    }

    private struct Attr
    {
        public NameEntry Name;
        public string Namespace;
        public int ValStart;
        public int ValEnd;
        public bool NeedsDecode;
        public string? Value;
        public int Line;
        public int Pos;
    }

    private enum ContentKind
    {
        Plain,
        Text,
        Attribute,
    }

    private struct OpenElement
    {
        public NameEntry Name;
        public string Namespace;
        public int Line;
        public int Pos;
    }

    private readonly record struct Binding(string Prefix, string Namespace, int Depth);
}
