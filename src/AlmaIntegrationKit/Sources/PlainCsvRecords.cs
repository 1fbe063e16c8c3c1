using System.Runtime.CompilerServices;
using AlmaIntegrationKit.Xml;

namespace AlmaIntegrationKit.Sources;

/// <summary>
/// A span-based reader of the records of a plain RFC 4180 CSV file (quoted fields with commas, doubled quotes and line
/// breaks; CRLF or LF; blank lines), as <see cref="CsvPatronSource"/> reads them with CsvHelper: the same fields, the
/// same line numbers, the same header map. Where CsvHelper's lenient recovery decides (a misplaced or unclosed quote,
/// a lone CR, an over-long field, a header it cannot map) it stops with <see cref="Result.NotPlain"/> before that
/// record, and the caller reads on with CsvHelper from <see cref="RecordLine"/>.
/// </summary>
internal sealed class PlainCsvRecords : IDisposable
{
    private const int MaxStoredFields = 512;

    // A record longer than this (a few fields at the longest, or a quote never closed) is left to CsvHelper, which
    // keeps one field at a time.
    private const int MaxRecordLength = 4 * CsvPatronSource.MaxFieldLength;

    private static readonly System.Buffers.SearchValues<char> UnquotedStops = System.Buffers.SearchValues.Create(",\r\n\"");

    private readonly TextReader _reader;
    private char[] _buffer = new char[1 << 16];
    private int _length;
    private bool _end;
    private int _position;
    private long _nextLine = 1; // the line the next record starts on

    // fields of the current record: start, end (exclusive) and whether the field holds a doubled quote
    private readonly int[] _starts = new int[MaxStoredFields];
    private readonly int[] _ends = new int[MaxStoredFields];
    private readonly bool[] _escaped = new bool[MaxStoredFields];
    private int _lines; // line breaks in the current record (inside quotes and the final one)
    private char[] _unescaped = new char[256];

    private PlainCsvRecords(TextReader reader) => _reader = reader;

    /// <summary>What <see cref="Next"/> found.</summary>
    public enum Result
    {
        /// <summary>A record: <see cref="FieldCount"/>, <see cref="Field"/> and <see cref="RecordLine"/> describe it.</summary>
        Record,

        /// <summary>The text ended.</summary>
        End,

        /// <summary>The record at <see cref="RecordLine"/> is not plain CSV: CsvHelper must read it and what follows.</summary>
        NotPlain,
    }

    /// <summary>The fields of the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The line the current record starts on (after <see cref="Result.NotPlain"/>: the record CsvHelper must read).</summary>
    public long RecordLine { get; private set; }

    /// <summary>The header's column map and field count, once <see cref="TryReadHeader"/> succeeded.</summary>
    public CanonicalColumnMap? Map { get; private set; }

    /// <summary>Whether the current record is a blank line (one field of white space), which is not a record.</summary>
    public bool IsBlank => FieldCount == 1 && Field(0).IsWhiteSpace();

    /// <summary>Opens <paramref name="filePath"/> with the encoding detection of <see cref="CsvPatronSource"/>; null when it cannot be opened.</summary>
    public static PlainCsvRecords? TryOpen(string filePath)
    {
        try
        {
            return new PlainCsvRecords(CsvPatronSource.OpenText(filePath, bufferSize: 1 << 16));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads the header (the first record that is not blank) and maps it; false when CsvHelper must read the file.</summary>
    /// <param name="sourceName">The file name, as the map's messages and other columns show it.</param>
    public bool TryReadHeader(string sourceName = "")
    {
        while (true)
        {
            if (Next() != Result.Record)
                return false; // empty file or not plain CSV: the full reader says what is wrong
            if (!IsBlank)
                break;
        }

        var names = new string[FieldCount];
        for (var i = 0; i < FieldCount; i++)
            names[i] = Field(i).ToString();
        try
        {
            Map = CanonicalColumnMap.Create(names, sourceName, "the header row", "");
        }
        catch (SourceConfigurationException)
        {
            return false;
        }

        HeaderFieldCount = names.Length;
        return true;
    }

    /// <summary>The header's field count.</summary>
    public int HeaderFieldCount { get; private set; }

    /// <summary>Whether the current record has the header's fields and its required values and dates (what makes it a row).</summary>
    public bool IsRow(int[] required, int[] dates)
    {
        if (FieldCount != HeaderFieldCount)
            return false;
        foreach (var index in required)
        {
            if (Field(index).Trim().IsEmpty)
                return false;
        }

        foreach (var index in dates)
        {
            var text = Field(index).Trim();
            if (!text.IsEmpty && !AlmaXmlValues.TryParseIsoDate(text, out _))
                return false;
        }

        return true;
    }

    /// <summary>The text of field <paramref name="index"/> of the current record, doubled quotes undone; valid until the next record.</summary>
    public ReadOnlySpan<char> Field(int index)
    {
        var raw = _buffer.AsSpan(_starts[index], _ends[index] - _starts[index]);
        if (!_escaped[index])
            return raw;
        if (_unescaped.Length < raw.Length)
            _unescaped = new char[raw.Length * 2];
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            _unescaped[length++] = raw[i];
            if (raw[i] == '"')
                i++; // the second quote of a pair
        }

        return _unescaped.AsSpan(0, length);
    }

    /// <summary>Parses the next record, refilling the buffer so that the whole record is in it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Result Next()
    {
        RecordLine = _nextLine;
        while (true)
        {
            var result = TryParse(_position, out var next);
            if (result is { } done)
            {
                if (done == Result.Record)
                {
                    _position = next;
                    _nextLine += _lines;
                    if (FieldCount > MaxStoredFields)
                        return Result.NotPlain;
                }

                return done;
            }

            // the record runs past the buffer: keep it, read more, and parse it again
            if (_end)
                return Result.NotPlain;
            var kept = _length - _position;
            if (_position == 0 && kept == _buffer.Length)
            {
                if (_buffer.Length >= MaxRecordLength)
                    return Result.NotPlain;
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            else if (_position > 0)
            {
                Array.Copy(_buffer, _position, _buffer, 0, kept);
            }

            _position = 0;
            _length = kept;
            while (_length < _buffer.Length)
            {
                var read = _reader.Read(_buffer, _length, _buffer.Length - _length);
                if (read == 0)
                {
                    _end = true;
                    break;
                }

                _length += read;
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>A parsed record, or null when the buffer ends before the record does (and more text may follow).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Result? TryParse(int position, out int next)
    {
        next = position;
        FieldCount = 0;
        _lines = 0;
        var span = _buffer.AsSpan(0, _length);
        var i = position;
        if (i >= _length)
            return _end ? Result.End : null;

        while (true)
        {
            // one field starting at i
            var escaped = false;
            int start, end;
            if (i < _length && span[i] == '"')
            {
                start = ++i;
                while (true)
                {
                    var at = span[i..].IndexOfAny('"', '\r', '\n');
                    if (at < 0)
                        return _end ? Result.NotPlain : null;
                    i += at;
                    var c = span[i];
                    if (c == '"')
                    {
                        if (i + 1 >= _length)
                        {
                            if (!_end)
                                return null;
                            end = i++;
                            break;
                        }

                        if (span[i + 1] == '"')
                        {
                            escaped = true;
                            i += 2;
                            continue;
                        }

                        end = i++;
                        break;
                    }

                    // a line break inside quotes
                    if (c == '\r')
                    {
                        if (i + 1 >= _length)
                            return _end ? Result.NotPlain : null;
                        if (span[i + 1] != '\n')
                            return Result.NotPlain; // a lone CR
                        i++;
                    }

                    _lines++;
                    i++;
                }

                if (end - start >= CsvPatronSource.MaxFieldLength - 2)
                    return Result.NotPlain;
                if (i < _length && span[i] is not (',' or '\r' or '\n'))
                    return Result.NotPlain; // text after the closing quote
            }
            else
            {
                start = i;
                var at = span[i..].IndexOfAny(UnquotedStops);
                if (at < 0)
                {
                    if (!_end)
                        return null;
                    i = _length;
                }
                else
                {
                    i += at;
                    if (span[i] == '"')
                        return Result.NotPlain; // a quote inside an unquoted field
                }

                end = i;
                if (end - start >= CsvPatronSource.MaxFieldLength - 2)
                    return Result.NotPlain;
            }

            if (FieldCount < MaxStoredFields)
            {
                _starts[FieldCount] = start;
                _ends[FieldCount] = end;
                _escaped[FieldCount] = escaped;
            }

            FieldCount++;
            if (i >= _length)
            {
                // the text ends with this record (the buffer ending here with more to come was handled above)
                _lines++;
                next = i;
                return Result.Record;
            }

            var separator = span[i];
            if (separator == ',')
            {
                i++;
                if (i >= _length && !_end)
                    return null;
                continue;
            }

            // CR, LF or CRLF ends the record
            if (separator == '\r')
            {
                if (i + 1 >= _length)
                {
                    if (!_end)
                        return null;
                    return Result.NotPlain; // a lone CR at the very end
                }

                if (span[i + 1] != '\n')
                    return Result.NotPlain; // a lone CR
                i++;
            }

            _lines++;
            next = i + 1;
            return Result.Record;
        }
    }
}
