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
/// <para>Header names are compared case-insensitively after trimming; columns that are not canonical are
/// ignored; optional columns may be absent. A missing required column, or a file without a header, throws a
/// <see cref="SourceConfigurationException"/> before any row is read.</para>
/// <para>A line that is not valid CSV (a misplaced or unclosed quote) or that has a different number of fields
/// than the header becomes a <see cref="SourceRejection"/> positioned on the line where the record starts, and
/// reading goes on. A quote that is never closed would swallow the lines after it: the line where it opens is
/// rejected and reading resumes on the line after it. Blank lines are not records and are skipped.</para>
/// </remarks>
public sealed class CsvPatronSource : IPatronSource
{
    /// <summary>No patron field is this long; a quoted field that grows past it is an unclosed quote.</summary>
    internal const int MaxFieldLength = 64 * 1024;

    private const string FixMissingColumn = "Add the column to the header row (names are not case-sensitive).";

    /// <summary>Reads the CSV file at <paramref name="filePath"/>.</summary>
    public CsvPatronSource(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        FilePath = filePath;
        Name = Path.GetFileName(filePath);
    }

    /// <summary>The file read.</summary>
    public string FilePath { get; }

    /// <summary>The file name, as positions show it.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var badData = new BadDataCatcher();
        var parser = Open(linesToSkip: 0, badData);
        try
        {
            var (map, fieldCount, headerEnd) = await ReadHeaderAsync(parser, badData).ConfigureAwait(false);

            long lineOffset = 0; // lines before the first line of the current parser
            long previousEnd = headerEnd; // the parser's RawRow after the previous record
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
                if (tooLong || (badData.Found && endLine > startLine))
                {
                    // An unclosed quote ran on over later lines: reject the line where it opens and read on after it.
                    yield return new SourceRejection
                    {
                        Position = SourcePosition.Line(Name, startLine),
                        PersonId = tooLong ? null : PersonIdOf(parser, map),
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

                yield return Classify(parser, map, fieldCount, badData, SourcePosition.Line(Name, startLine));
            }
        }
        finally
        {
            parser.Dispose();
        }
    }

    private static SourceRecord Classify(CsvParser parser, CanonicalColumnMap map, int fieldCount, BadDataCatcher badData, SourcePosition position)
    {
        if (badData.Found)
        {
            return new SourceRejection
            {
                Position = position,
                PersonId = PersonIdOf(parser, map),
                Rule = SourceRejectionRules.CsvFormat,
                Message = $"The line is not valid CSV: the quote in the field {Quote(badData.Field)} is misplaced. "
                    + "Quotes must enclose a whole field, and a quote inside a quoted field is written twice (\"\").",
            };
        }

        if (parser.Count != fieldCount)
        {
            return new SourceRejection
            {
                Position = position,
                PersonId = PersonIdOf(parser, map),
                Rule = SourceRejectionRules.ColumnCount,
                Message = $"The line has {parser.Count} fields but the header has {fieldCount}; "
                    + "a field holding a comma must be quoted.",
            };
        }

        var builder = new PatronRowBuilder();
        for (var ordinal = 0; ordinal < PatronColumns.All.Count; ordinal++)
        {
            var index = map.SourceIndexOf(ordinal);
            if (index >= 0)
                builder.SetText(ordinal, parser[index]);
        }

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

    private CsvParser Open(long linesToSkip, BadDataCatcher badData)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(FilePath, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true);
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

    private static string? PersonIdOf(CsvParser parser, CanonicalColumnMap map)
    {
        var index = map.SourceIndexOf(PatronColumns.PersonId);
        if (index < 0 || index >= parser.Count)
            return null;
        var value = PatronText.Clean(parser[index]);
        return value is null || value.AsSpan().IndexOfAny('\r', '\n') >= 0 ? null : value;
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
