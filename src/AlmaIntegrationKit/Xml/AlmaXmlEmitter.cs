using System.Buffers;
using System.Globalization;
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

    private static readonly SearchValues<char> TextSpecials = SearchValues.Create("&<>\r");
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create("&<>\"\r\n\t");
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int _position;
    private long _flushed;

    /// <summary>Emits to <paramref name="output"/>; closes it on dispose unless <paramref name="leaveOpen"/>.</summary>
    public AlmaXmlEmitter(Stream output, bool leaveOpen)
    {
        _output = output;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    /// <summary>Bytes emitted so far, flushed or not.</summary>
    public long BytesWritten => _flushed + _position;

    /// <summary>The position in the output, to roll back an unfinished record with <see cref="Rewind"/>.</summary>
    public long Mark() => BytesWritten;

    /// <summary>Drops what was emitted since <paramref name="mark"/>, when that is still in the buffer.</summary>
    /// <returns>False when part of it was flushed already and can no longer be taken back.</returns>
    public bool Rewind(long mark)
    {
        if (mark < _flushed)
            return false;
        _position = (int)(mark - _flushed);
        return true;
    }

    /// <summary>Markup: bytes that are already well-formed UTF-8 XML, such as <c>"&lt;user&gt;"u8</c>.</summary>
    public void Raw(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _buffer.Length - _position)
        {
            Flush();
            if (utf8.Length > _buffer.Length)
            {
                _output.Write(utf8);
                _flushed += utf8.Length;
                return;
            }
        }

        utf8.CopyTo(_buffer.AsSpan(_position));
        _position += utf8.Length;
    }

    /// <summary>Element text: escapes <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> and carriage returns (so they survive reading).</summary>
    public void Text(string value) => Escaped(value, TextSpecials);

    /// <summary>An attribute value (without the quotes): also escapes quotes, tabs and line breaks.</summary>
    public void AttributeValue(string value) => Escaped(value, AttributeSpecials);

    /// <summary>An <c>xs:date</c>, with a trailing <c>Z</c> when <paramref name="utcSuffix"/>.</summary>
    public void Date(DateOnly value, bool utcSuffix)
    {
        Ensure(11);
        value.TryFormat(_buffer.AsSpan(_position), out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        _position += written;
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

    /// <summary>Writes the buffer to the output stream.</summary>
    public void Flush()
    {
        if (_position == 0)
            return;
        _output.Write(_buffer, 0, _position);
        _flushed += _position;
        _position = 0;
    }

    /// <summary>Flushes, returns the buffer and closes the output unless it was to be left open.</summary>
    public void Dispose()
    {
        if (_buffer.Length == 0)
            return;
        Flush();
        _output.Flush();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (!_leaveOpen)
            _output.Dispose();
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
        var maxBytes = Utf8.GetMaxByteCount(chars.Length);
        if (maxBytes <= _buffer.Length)
        {
            Ensure(maxBytes);
            _position += Utf8.GetBytes(chars, _buffer.AsSpan(_position));
            return;
        }

        // A value larger than the whole buffer (a very long note): encode it on its own.
        var bytes = ArrayPool<byte>.Shared.Rent(maxBytes);
        var count = Utf8.GetBytes(chars, bytes);
        Raw(bytes.AsSpan(0, count));
        ArrayPool<byte>.Shared.Return(bytes);
    }

    private void Ensure(int bytes)
    {
        if (bytes > _buffer.Length - _position)
            Flush();
    }
}
