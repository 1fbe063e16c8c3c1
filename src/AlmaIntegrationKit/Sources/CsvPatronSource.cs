using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace AlmaIntegrationKit.Sources;

/// <summary>
/// Reads canonical patron rows from a CSV file: UTF-8 with or without a byte order mark, CRLF or LF line ends,
/// RFC 4180 quoting (fields may hold commas, quotes and line breaks) and a header row naming the columns.
/// </summary>
/// <remarks>
/// <para>Header names are compared case-insensitively after trimming; columns that are not canonical reach the
/// mapper by name (<see cref="PatronRow.this[string]"/>); optional columns may be absent. A missing required column, or a file without a header, throws a
/// <see cref="SourceConfigurationException"/> before any row is read.</para>
/// <para>A line that is not valid CSV (a misplaced or unclosed quote) or that has a different number of fields
/// than the header becomes a <see cref="SourceRejection"/> positioned on the line where the record starts, and
/// reading goes on. A quote that is never closed would swallow the lines after it: the line where it opens is
/// rejected and reading resumes on the line after it. Blank lines are not records and are skipped.</para>
/// <para>A field is read whole up to <see cref="MaxFieldLength"/> characters, so a value that is merely too long for
/// Alma reaches validation, which rejects it naming the field; a longer field rejects its row
/// (<see cref="SourceRejectionRules.FieldTooLong"/>) naming the column and the person_id, and reading resumes after it.</para>
/// </remarks>
public sealed class CsvPatronSource : IPatronSource, IPatronKeyScanSource
{
    /// <summary>
    /// The longest field read (in characters); a longer one rejects its row (<see cref="SourceRejectionRules.FieldTooLong"/>).
    /// </summary>
    /// <remarks>
    /// Far above anything Alma keeps (its longest patron fields hold a few thousand characters), so that a field that
    /// is merely too long (a note pasted twice, a log in an address line) is read whole and rejected by validation
    /// naming its field; and low enough that a field which never ends (a quote that is not closed where it should be)
    /// costs a few megabytes of buffer at most, whatever the size of the file.
    /// </remarks>
    internal const int MaxFieldLength = 1024 * 1024;

    private const string FixMissingColumn = "Add the column to the header row (names are not case-sensitive).";

    /// <summary>Reads the CSV file at <paramref name="filePath"/>.</summary>
    public CsvPatronSource(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        FilePath = filePath;
        Name = Path.GetFileName(filePath);
    }

    /// <summary>The file read.</summary>
    internal string FilePath { get; }

    /// <inheritdoc />
    /// <remarks>
    /// The export's first pass starts here, so a source that cannot be read a second time is refused here, before
    /// anything is read from it (a second open of a drained pipe would wait for a writer that never comes).
    /// </remarks>
    bool IPatronKeyScanSource.TryScanKeys(IPatronKeyVisitor visitor)
    {
        if (!PipesServeEveryRead && ReadableOnce.Is(FilePath))
        {
            throw new SourceConfigurationException(Name, null,
                $"'{FilePath}' is a pipe (or another file that can be read only once), and the source is read twice " +
                "(the first pass finds merges and duplicates, the second writes the records); give a file, not a pipe: " +
                "write the extract to a file first and give its path.");
        }

        return CsvPatronKeyScanner.TryScan(FilePath, visitor);
    }

    /// <summary>
    /// Accept a named pipe as the source, for a test device whose writer gives every open of the pipe the whole
    /// extract (so that a test decides when the second pass gets its rows). Set once per process, by the test college
    /// program only.
    /// </summary>
    internal static bool PipesServeEveryRead { get; set; }

    /// <summary>The file name, as positions show it.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public SourceColumns? LastReadColumns { get; private set; }

    /// <summary>
    /// Reads with CsvHelper alone, without the span-based reading of plain records (for tests that compare the two).
    /// </summary>
    internal bool CsvHelperOnly { get; init; }

    /// <inheritdoc />
    /// <remarks>
    /// Plain records (see <see cref="PlainCsvRecords"/>) are read from spans; from the first record where CsvHelper's
    /// lenient recovery decides, CsvHelper reads on. Both give the same records, numbers and messages.
    /// </remarks>
    public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CanonicalColumnMap? plainMap = null;
        var plainFieldCount = 0;
        long resumeLine = 0; // where CsvHelper reads on after the plain records (0: from the start, header included)
        var plain = CsvHelperOnly ? null : PlainCsvRecords.TryOpen(FilePath);
        if (plain is not null)
        {
            using (plain)
            {
                if (plain.TryReadHeader(Name))
                {
                    plainMap = plain.Map!;
                    LastReadColumns = plainMap.OtherColumns;
                    plainFieldCount = plain.HeaderFieldCount;
                    var builder = new PatronRowBuilder(plainMap.OtherColumns);
                    while (true)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var result = plain.Next();
                        if (result == PlainCsvRecords.Result.End)
                            yield break;
                        if (result == PlainCsvRecords.Result.NotPlain)
                        {
                            resumeLine = plain.RecordLine;
                            break;
                        }

                        if (plain.IsBlank)
                            continue;
                        builder.Clear();
                        yield return Classify(new PlainFields(plain), plainMap, plain.HeaderFieldCount, builder, SourcePosition.Line(Name, plain.RecordLine));
                    }
                }
            }
        }

        await foreach (var record in ReadWithCsvHelperAsync(plainMap, plainFieldCount, resumeLine, cancellationToken).ConfigureAwait(false))
            yield return record;
    }

    private async IAsyncEnumerable<SourceRecord> ReadWithCsvHelperAsync(CanonicalColumnMap? plainMap, int plainFieldCount, long resumeLine, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var badData = new BadDataCatcher();
        var resume = plainMap is not null && resumeLine > 0;
        var parser = Open(linesToSkip: resume ? resumeLine - 1 : 0, badData);
        try
        {
            CanonicalColumnMap map;
            int fieldCount;
            long lineOffset; // lines before the first line of the current parser
            long previousEnd; // the parser's RawRow after the previous record
            if (resume)
            {
                map = plainMap!;
                fieldCount = plainFieldCount;
                lineOffset = resumeLine - 1;
                previousEnd = 0;
            }
            else
            {
                (map, fieldCount, previousEnd) = await ReadHeaderAsync(parser, badData).ConfigureAwait(false);
                LastReadColumns = map.OtherColumns;
                lineOffset = 0;
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                badData.Reset();
                var tooLong = false;
                bool read;
                try
                {
                    read = await parser.ReadAsync().ConfigureAwait(false);
                }
                catch (MaxFieldSizeException)
                {
                    read = tooLong = true;
                }

                if (!read)
                    yield break;

                if (!tooLong)
                    _ = parser.Record; // CsvHelper parses fields lazily: this is when it reports bad data

                var startLine = lineOffset + previousEnd + 1;
                var endLine = lineOffset + parser.RawRow;
                if (tooLong && TooLongField(map, startLine) is ({ } rejection, var recordEnd))
                {
                    yield return rejection;
                    parser.Dispose();
                    parser = Open(linesToSkip: recordEnd, badData);
                    lineOffset = recordEnd;
                    previousEnd = 0;
                    continue;
                }

                if (tooLong || (badData.Found && endLine > startLine))
                {
                    // An unclosed quote ran on over later lines: reject the line where it opens and read on after it.
                    yield return new SourceRejection
                    {
                        Position = SourcePosition.Line(Name, startLine),
                        PersonId = tooLong ? null : PersonIdOf(new ParserFields(parser), map),
                        Rule = SourceRejectionRules.CsvFormat,
                        Message = "A quoted field opens on this line but is not closed properly, so the line is not valid CSV; "
                            + "it was skipped and reading resumed on the next line. Quotes must enclose a whole field, "
                            + "and a quote inside a quoted field is written twice (\"\").",
                    };
                    parser.Dispose();
                    parser = Open(linesToSkip: startLine, badData);
                    lineOffset = startLine;
                    previousEnd = 0;
                    continue;
                }

                previousEnd = parser.RawRow;
                if (!badData.Found && IsBlank(parser))
                    continue;

                var position = SourcePosition.Line(Name, startLine);
                if (badData.Found)
                {
                    yield return new SourceRejection
                    {
                        Position = position,
                        PersonId = PersonIdOf(new ParserFields(parser), map),
                        Rule = SourceRejectionRules.CsvFormat,
                        Message = $"The line is not valid CSV: the quote in the field {Quote(badData.Field)} is misplaced. "
                            + "Quotes must enclose a whole field, and a quote inside a quoted field is written twice (\"\").",
                    };
                    continue;
                }

                yield return Classify(new ParserFields(parser), map, fieldCount, new PatronRowBuilder(map.OtherColumns), position);
            }
        }
        finally
        {
            parser.Dispose();
        }
    }

    /// <summary>
    /// The rejection of the record starting on <paramref name="startLine"/>, which has a field longer than
    /// <see cref="MaxFieldLength"/>, and the line it ends on; null when a quote in it is never closed (then the field
    /// only seemed long).
    /// </summary>
    private (SourceRejection Rejection, long EndLine)? TooLongField(CanonicalColumnMap map, long startLine)
    {
        var found = OverlongCsvRecord.Read(FilePath, startLine, map.SourceIndexOf(PatronColumns.PersonId), MaxFieldLength);
        if (found.TooLongField < 0 || found.EndLine is not { } endLine)
            return null;
        var column = map.NameAt(found.TooLongField);
        return (new SourceRejection
        {
            Position = SourcePosition.Line(Name, startLine),
            PersonId = found.PersonId,
            Field = column,
            Rule = SourceRejectionRules.FieldTooLong,
            Message = $"{column} (column {(found.TooLongField + 1).ToString(CultureInfo.InvariantCulture)}) is longer than "
                + $"{MaxFieldLength.ToString("N0", CultureInfo.InvariantCulture)} characters, the most a field is read to (no Alma field holds nearly as much); "
                + "the row was skipped. Correct the value in the SIS, or check that a quote in the line is closed where the field ends.",
        }, endLine);
    }

    /// <summary>A row, or the rejection of a record whose field count differs from the header's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SourceRecord Classify<TFields>(TFields fields, CanonicalColumnMap map, int fieldCount, PatronRowBuilder builder, SourcePosition position)
        where TFields : IRecordFields
    {
        if (fields.Count != fieldCount)
        {
            return new SourceRejection
            {
                Position = position,
                PersonId = PersonIdOf(fields, map),
                Rule = SourceRejectionRules.ColumnCount,
                Message = $"The line has {fields.Count} fields but the header has {fieldCount}; "
                    + "a field holding a comma must be quoted.",
            };
        }

        for (var ordinal = 0; ordinal < PatronColumns.All.Count; ordinal++)
        {
            var index = map.SourceIndexOf(ordinal);
            if (index >= 0)
                fields.SetText(builder, ordinal, index);
        }

        var otherIndexes = map.OtherColumns.SourceIndexes;
        for (var slot = 0; slot < otherIndexes.Length; slot++)
            fields.SetOther(builder, slot, otherIndexes[slot]);

        return builder.Build(position);
    }

    private async Task<(CanonicalColumnMap Map, int FieldCount, long HeaderEnd)> ReadHeaderAsync(CsvParser parser, BadDataCatcher badData)
    {
        while (true)
        {
            bool read;
            try
            {
                read = await parser.ReadAsync().ConfigureAwait(false);
            }
            catch (MaxFieldSizeException exception)
            {
                throw new SourceConfigurationException(Name, null,
                    $"{Name}: the header row could not be read: a quote in it is never closed.", exception);
            }

            if (!read)
            {
                throw new SourceConfigurationException(Name, null,
                    $"{Name}: the file is empty; it must start with a header row naming the columns, "
                    + $"at least {string.Join(", ", PatronColumns.Required)}.");
            }

            var names = parser.Record ?? [];
            if (badData.Found)
            {
                throw new SourceConfigurationException(Name, null,
                    $"{Name}: line {parser.RawRow}, the header row, is not valid CSV: the quote in {Quote(badData.Field)} is misplaced.");
            }

            if (IsBlank(parser))
                continue;

            var map = CanonicalColumnMap.Create(names, Name, "the header row", FixMissingColumn);
            return (map, parser.Count, parser.RawRow);
        }
    }

    /// <summary>
    /// The text of the CSV file at <paramref name="filePath"/> as every reader of it sees it (this source, the first
    /// pass's <see cref="PlainCsvRecords"/>, <see cref="OverlongCsvRecord"/>): UTF-8, or what its byte order mark says.
    /// </summary>
    internal static StreamReader OpenText(string filePath, int bufferSize = 1024) =>
        new(filePath, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true, bufferSize);

    private CsvParser Open(long linesToSkip, BadDataCatcher badData)
    {
        StreamReader reader;
        try
        {
            reader = OpenText(FilePath);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SourceConfigurationException(Name, null, $"{Name}: the CSV file {FilePath} does not exist.", exception);
        }

        PhysicalLines.Skip(reader, linesToSkip);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",",
            HasHeaderRecord = true,
            IgnoreBlankLines = false, // blank lines are counted here so that line numbers stay right
            MaxFieldSize = MaxFieldLength,
            BadDataFound = badData.Catch,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,
        };
        return new CsvParser(reader, configuration, leaveOpen: false);
    }

    private static bool IsBlank(CsvParser parser) => parser.Count == 1 && string.IsNullOrWhiteSpace(parser[0]);

    private static string? PersonIdOf<TFields>(TFields fields, CanonicalColumnMap map)
        where TFields : IRecordFields
    {
        var index = map.SourceIndexOf(PatronColumns.PersonId);
        if (index < 0 || index >= fields.Count)
            return null;
        var value = PatronText.Clean(fields.Text(index));
        return value is null || value.AsSpan().IndexOfAny('\r', '\n') >= 0 ? null : value;
    }

    /// <summary>The fields of the current record of either reader.</summary>
    private interface IRecordFields
    {
        int Count { get; }

        string Text(int index);

        void SetText(PatronRowBuilder builder, int ordinal, int index);

        void SetOther(PatronRowBuilder builder, int slot, int index);
    }

    private readonly struct ParserFields(CsvParser parser) : IRecordFields
    {
        public int Count => parser.Count;

        public string Text(int index) => parser[index];

        public void SetText(PatronRowBuilder builder, int ordinal, int index) => builder.SetText(ordinal, parser[index]);

        public void SetOther(PatronRowBuilder builder, int slot, int index) => builder.SetOther(slot, parser[index]);
    }

    private readonly struct PlainFields(PlainCsvRecords records) : IRecordFields
    {
        public int Count => records.FieldCount;

        public string Text(int index) => records.Field(index).ToString();

        public void SetText(PatronRowBuilder builder, int ordinal, int index) => builder.SetText(ordinal, records.Field(index));

        public void SetOther(PatronRowBuilder builder, int slot, int index) => builder.SetOther(slot, records.Field(index));
    }

    private static string Quote(string? field)
    {
        var text = (field ?? "").ReplaceLineEndings(" ");
        return text.Length <= 40 ? $"«{text}»" : $"«{text[..40]}…»";
    }

    /// <summary>Remembers what CsvHelper's lenient parser reported as bad data for the current record.</summary>
    private sealed class BadDataCatcher
    {
        public bool Found { get; private set; }

        public string? Field { get; private set; }

        public void Reset()
        {
            Found = false;
            Field = null;
        }

        public void Catch(BadDataFoundArgs args)
        {
            if (Found)
                return;
            Found = true;
            Field = args.Field;
        }
    }
}
