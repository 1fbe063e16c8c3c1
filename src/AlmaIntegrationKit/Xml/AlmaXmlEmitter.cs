using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace AlmaIntegrationKit.Xml;

/// <summary>
/// A forward-only UTF-8 XML emitter for the generated <c>&lt;users&gt;</c> writer: markup comes in as
/// ready UTF-8 bytes, text is escaped on the way, and nothing is built per element. Not a general XML writer:
/// it trusts the generated code for well-formedness and the writer's character check for valid text.
/// </summary>
public sealed class AlmaXmlEmitter : IDisposable
{
    private const int BufferSize = 64 * 1024;

    // The short values most elements hold are written in one loop when every character is plain ASCII: nothing to
    // escape and nothing XML cannot carry. Bit n of Low is U+00nn, bit n of High is U+00nn + 64.
    private const int MaxPlainLength = 64;
    private const ulong PlainInTextLow = 0xAFFF_FFBF_0000_0600UL; // tab, line feed, ' '..'?' but for & < >
    private const ulong PlainInTextHigh = ulong.MaxValue; // '@'..DEL
    private const ulong PlainInAttributeLow = 0xAFFF_FFBB_0000_0000UL; // ' '..'?' but for " & < >
    private const ulong PlainInAttributeHigh = ulong.MaxValue;
    private static ReadOnlySpan<byte> DescAttribute => " desc=\""u8;

    private static readonly SearchValues<char> TextSpecials = SearchValues.Create("&<>\r");
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create("&<>\"\r\n\t");
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream? _output;
    private readonly IBufferWriter<byte>? _bufferWriter;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int _position;
    private long _flushed;
    private int _recordStart = -1;

    /// <summary>Emits to <paramref name="output"/>; closes it on dispose unless <paramref name="leaveOpen"/>.</summary>
    public AlmaXmlEmitter(Stream output, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    /// <summary>
    /// Emits to <paramref name="output"/>, which receives the bytes on <see cref="Flush"/> and <see cref="Dispose"/>
    /// (never those of a record still open, so an aborted record leaves no trace in it).
    /// </summary>
    public AlmaXmlEmitter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _bufferWriter = output;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    /// <summary>Bytes emitted so far, flushed or not.</summary>
    internal long BytesWritten => _flushed + _position;

    /// <summary>
    /// Starts a record that can still be taken back with <see cref="AbortRecord"/>: until <see cref="EndRecord"/>,
    /// its bytes stay in memory (the buffer grows for a record larger than it).
    /// </summary>
    public void BeginRecord() => _recordStart = _position;

    /// <summary>Keeps the record begun with <see cref="BeginRecord"/>.</summary>
    public void EndRecord()
    {
        _recordStart = -1;
        if (_position >= _buffer.Length / 2)
            Flush();
    }

    /// <summary>Drops everything emitted since <see cref="BeginRecord"/>.</summary>
    public void AbortRecord()
    {
        if (_recordStart >= 0)
            _position = _recordStart;
        _recordStart = -1;
    }

    /// <summary>
    /// A text-only element: <paramref name="startTag"/>, the escaped <paramref name="value"/>, <paramref name="endTag"/>.
    /// False, with nothing useful written, when the value holds a character XML 1.0 cannot carry.
    /// </summary>
    public bool TextElement(ReadOnlySpan<byte> startTag, ReadOnlySpan<byte> endTag, string value)
    {
        if (value.Length <= MaxPlainLength && startTag.Length + value.Length + endTag.Length <= _buffer.Length - _position)
        {
            var start = _position;
            RawInRoom(startTag);
            if (TryPlainInRoom(value, PlainInTextLow, PlainInTextHigh))
            {
                RawInRoom(endTag);
                return true;
            }

            _position = start;
        }

        if (XmlCharacters.IndexOfInvalid(value) >= 0)
            return false;
        Raw(startTag);
        Text(value);
        Raw(endTag);
        return true;
    }

    /// <summary>
    /// A code element: <paramref name="startTagOpen"/> (such as <c>&lt;user_group</c>), the optional <c>desc</c>
    /// attribute, the code, <paramref name="endTag"/>. False when the code or its label holds a character XML 1.0 cannot carry.
    /// </summary>
    public bool CodeElement(ReadOnlySpan<byte> startTagOpen, ReadOnlySpan<byte> endTag, AlmaCode code)
    {
        var desc = code.Desc ?? "";
        if (code.Code.Length <= MaxPlainLength && desc.Length <= MaxPlainLength
            && startTagOpen.Length + DescAttribute.Length + desc.Length + 2 + code.Code.Length + endTag.Length <= _buffer.Length - _position)
        {
            var start = _position;
            RawInRoom(startTagOpen);
            var plain = true;
            if (code.Desc is not null)
            {
                RawInRoom(DescAttribute);
                plain = TryPlainInRoom(desc, PlainInAttributeLow, PlainInAttributeHigh);
                _buffer[_position++] = (byte)'"';
            }

            _buffer[_position++] = (byte)'>';
            if (plain && TryPlainInRoom(code.Code, PlainInTextLow, PlainInTextHigh))
            {
                RawInRoom(endTag);
                return true;
            }

            _position = start;
        }

        if (XmlCharacters.IndexOfInvalid(code.Code) >= 0 || (code.Desc is not null && XmlCharacters.IndexOfInvalid(code.Desc) >= 0))
            return false;
        Raw(startTagOpen);
        if (code.Desc is not null)
        {
            Raw(DescAttribute);
            AttributeValue(code.Desc);
            Raw("\""u8);
        }

        Raw(">"u8);
        Text(code.Code);
        Raw(endTag);
        return true;
    }

    /// <summary>An attribute <c> name="value"</c> given its <c> name="</c> prefix; false on a character XML 1.0 cannot carry.</summary>
    public bool Attribute(ReadOnlySpan<byte> nameAndOpenQuote, string value)
    {
        if (XmlCharacters.IndexOfInvalid(value) >= 0)
            return false;
        Raw(nameAndOpenQuote);
        AttributeValue(value);
        Raw("\""u8);
        return true;
    }

    /// <summary>Markup: bytes that are already well-formed UTF-8 XML, such as <c>"&lt;user&gt;"u8</c>.</summary>
    public void Raw(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length);
        RawInRoom(utf8);
    }

    /// <summary>Element text: escapes <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> and carriage returns (so they survive reading).</summary>
    public void Text(string value) => Escaped(value, TextSpecials);

    /// <summary>An attribute value (without the quotes): also escapes quotes, tabs and line breaks.</summary>
    internal void AttributeValue(string value) => Escaped(value, AttributeSpecials);

    /// <summary>An <c>xs:date</c>, with a trailing <c>Z</c> when <paramref name="utcSuffix"/>.</summary>
    public void Date(DateOnly value, bool utcSuffix)
    {
        Ensure(11);
        AlmaXmlValues.FormatIsoDate(value, _buffer.AsSpan(_position));
        _position += 10;
        if (utcSuffix)
            _buffer[_position++] = (byte)'Z';
    }

    /// <summary>An <c>xs:dateTime</c> in UTC.</summary>
    public void DateTime(DateTimeOffset value) => Text(AlmaXmlValues.FormatDateTime(value));

    /// <summary>An <c>xs:boolean</c>.</summary>
    public void Boolean(bool value) => Raw(value ? "true"u8 : "false"u8);

    /// <summary>An <c>xs:int</c>.</summary>
    public void Int32(int value)
    {
        Ensure(11);
        value.TryFormat(_buffer.AsSpan(_position), out var written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>An <c>xs:long</c>.</summary>
    public void Int64(long value)
    {
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_position), out var written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>An <c>xs:float</c>.</summary>
    public void Single(float value) => Text(AlmaXmlValues.FormatSingle(value));

    /// <summary>Writes the buffer to the output stream, all but an open record.</summary>
    public void Flush()
    {
        var done = _recordStart >= 0 ? _recordStart : _position;
        if (done == 0)
            return;
        if (_output is not null)
            _output.Write(_buffer, 0, done);
        else
            _bufferWriter!.Write(_buffer.AsSpan(0, done));
        _flushed += done;
        if (_recordStart >= 0)
        {
            Buffer.BlockCopy(_buffer, done, _buffer, 0, _position - done);
            _position -= done;
            _recordStart = 0;
        }
        else
        {
            _position = 0;
        }
    }

    /// <summary>Flushes, returns the buffer and closes an output stream unless it was to be left open.</summary>
    public void Dispose()
    {
        if (_buffer.Length == 0)
            return;
        Flush();
        _output?.Flush();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (_output is not null && !_leaveOpen)
            _output.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RawInRoom(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(_buffer.AsSpan(_position));
        _position += utf8.Length;
    }

    /// <summary>
    /// Copies <paramref name="value"/> as ASCII when every character is in the plain set (two 64-bit masks); false,
    /// with the position unchanged, at the first that is not. The caller made room.
    /// </summary>
    private bool TryPlainInRoom(string value, ulong plainLow, ulong plainHigh)
    {
        var destination = _buffer.AsSpan(_position, value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 128 || (((c < 64 ? plainLow : plainHigh) >> c) & 1) == 0)
                return false;
            destination[i] = (byte)c;
        }

        _position += value.Length;
        return true;
    }

    private void Escaped(string value, SearchValues<char> specials)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var special = rest.IndexOfAny(specials);
            var plain = special < 0 ? rest : rest[..special];
            Encode(plain);
            if (special < 0)
                return;
            Raw(rest[special] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                '"' => "&quot;"u8,
                '\r' => "&#xD;"u8,
                '\n' => "&#xA;"u8,
                _ => "&#x9;"u8,
            });
            rest = rest[(special + 1)..];
        }
    }

    private void Encode(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty)
            return;
        Ensure(Utf8.GetMaxByteCount(chars.Length));
        _position += Utf8.GetBytes(chars, _buffer.AsSpan(_position));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int bytes)
    {
        if (bytes > _buffer.Length - _position)
            MakeRoom(bytes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MakeRoom(int bytes)
    {
        Flush();
        if (bytes <= _buffer.Length - _position)
            return;

        // An open record or a single value larger than the buffer: grow it.
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + bytes));
        Buffer.BlockCopy(_buffer, 0, larger, 0, _position);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
