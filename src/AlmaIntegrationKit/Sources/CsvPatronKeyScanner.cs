using System.Globalization;
using System.Text;

namespace AlmaIntegrationKit.Sources;

/// <summary>What a first pass over a source needs of each record: its number, and for a row its person_id and patron_type.</summary>
internal interface IPatronKeyVisitor
{
    /// <summary>A record that <see cref="IPatronSource.ReadAsync"/> gives as a <see cref="PatronRow"/>.</summary>
    void Row(long number, ReadOnlySpan<char> personId, ReadOnlySpan<char> patronType);

    /// <summary>A record that <see cref="IPatronSource.ReadAsync"/> gives as a <see cref="SourceRejection"/>.</summary>
    void NotARow(long number);
}

/// <summary>
/// A light first-pass reader of the CSV files <see cref="CsvPatronSource"/> reads: one span-based scan that gives, for
/// each record, the same record number and the same row-or-rejection verdict as <see cref="CsvPatronSource"/>, and a
/// row's person_id and patron_type, without building strings or <see cref="PatronRow"/>s for the other columns.
/// </summary>
/// <remarks>
/// It handles the plain RFC 4180 files of a nightly extract (quoted fields with commas, doubled quotes and line breaks
/// included; CRLF or LF; blank lines; rows with the wrong column count, empty required values or bad dates). On
/// anything where CsvHelper's lenient recovery decides (a misplaced or unclosed quote, a lone CR, an over-long field,
/// a header it cannot map) it gives up and returns false, and the caller reads the file with
/// <see cref="CsvPatronSource"/> instead, so the verdicts never differ.
/// </remarks>
internal static class CsvPatronKeyScanner
{
    private const int MaxStoredFields = 512;

    private static readonly System.Buffers.SearchValues<char> UnquotedStops = System.Buffers.SearchValues.Create(",\r\n\"");

    /// <summary>Scans <paramref name="filePath"/>; false when the file needs <see cref="CsvPatronSource"/>'s full reading (the visitor then saw only part of it).</summary>
    public static bool TryScan(string filePath, IPatronKeyVisitor visitor)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(filePath, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        using (reader)
            return new Scan(reader).Run(visitor);
    }

    private sealed class Scan(TextReader reader)
    {
        private char[] _buffer = new char[1 << 16];
        private int _length;
        private bool _end;

        // fields of the current record: start, end (exclusive) and whether the field holds a doubled quote
        private readonly int[] _starts = new int[MaxStoredFields];
        private readonly int[] _ends = new int[MaxStoredFields];
        private readonly bool[] _escaped = new bool[MaxStoredFields];
        private int _count;
        private long _lines; // line breaks in the current record (inside quotes and the final one)
        private char[] _unescaped = new char[256];

        public bool Run(IPatronKeyVisitor visitor)
        {
            var position = 0;
            long line = 1; // the line the next record starts on

            // header: the first record that is not blank
            string[] names;
            while (true)
            {
                var result = Next(ref position);
                if (result != Result.Record)
                    return false; // empty file or not plain CSV: the full reader says what is wrong
                line += _lines;
                if (IsBlank())
                    continue;
                names = new string[_count];
                for (var i = 0; i < _count; i++)
                    names[i] = Field(i).ToString();
                break;
            }

            CanonicalColumnMap map;
            try
            {
                map = CanonicalColumnMap.Create(names, "", "the header row", "");
            }
            catch (SourceConfigurationException)
            {
                return false;
            }

            var fieldCount = names.Length;
            if (fieldCount > MaxStoredFields)
                return false;
            var personIdIndex = map.SourceIndexOf(PatronColumns.PersonId);
            var patronTypeIndex = map.SourceIndexOf(PatronColumns.PatronType);
            var required = PatronColumns.Required.Select(map.SourceIndexOf).ToArray();
            var dates = PatronColumns.Dates.Select(map.SourceIndexOf).Where(i => i >= 0).ToArray();
            if (personIdIndex < 0 || patronTypeIndex < 0 || Array.IndexOf(required, -1) >= 0)
                return false;

            while (true)
            {
                var result = Next(ref position);
                if (result == Result.End)
                    return true;
                if (result == Result.NotPlain)
                    return false;
                var number = line;
                line += _lines;
                if (IsBlank())
                    continue;
                if (_count != fieldCount || !IsRow(required, dates))
                {
                    visitor.NotARow(number);
                    continue;
                }

                var personId = Field(personIdIndex).Trim();
                var patronType = Field(patronTypeIndex).Trim();
                visitor.Row(number, personId, patronType);
            }
        }

        private bool IsRow(int[] required, int[] dates)
        {
            foreach (var index in required)
            {
                if (Field(index).Trim().IsEmpty)
                    return false;
            }

            foreach (var index in dates)
            {
                var text = Field(index).Trim();
                if (!text.IsEmpty && !DateOnly.TryParseExact(text, PatronRowBuilder.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    return false;
            }

            return true;
        }

        private bool IsBlank() => _count == 1 && Field(0).IsWhiteSpace();

        /// <summary>The text of field <paramref name="index"/> of the current record, doubled quotes undone.</summary>
        private ReadOnlySpan<char> Field(int index)
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

        private enum Result
        {
            Record,
            End,
            NotPlain,
        }

        /// <summary>Parses the record at <paramref name="position"/>, refilling the buffer so that the whole record is in it.</summary>
        private Result Next(ref int position)
        {
            while (true)
            {
                var result = TryParse(position, out var next);
                if (result is { } done)
                {
                    position = next;
                    return done;
                }

                // the record runs past the buffer: keep it, read more, and parse it again
                if (_end)
                    return Result.NotPlain;
                var kept = _length - position;
                if (position == 0 && kept == _buffer.Length)
                {
                    if (_buffer.Length >= 4 * CsvPatronSource.MaxFieldLength * 16)
                        return Result.NotPlain;
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }
                else if (position > 0)
                {
                    Array.Copy(_buffer, position, _buffer, 0, kept);
                }

                position = 0;
                _length = kept;
                while (_length < _buffer.Length)
                {
                    var read = reader.Read(_buffer, _length, _buffer.Length - _length);
                    if (read == 0)
                    {
                        _end = true;
                        break;
                    }

                    _length += read;
                }
            }
        }

        /// <summary>A parsed record, or null when the buffer ends before the record does (and more text may follow).</summary>
        private Result? TryParse(int position, out int next)
        {
            next = position;
            _count = 0;
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

                if (_count < MaxStoredFields)
                {
                    _starts[_count] = start;
                    _ends[_count] = end;
                    _escaped[_count] = escaped;
                }

                _count++;
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
}
