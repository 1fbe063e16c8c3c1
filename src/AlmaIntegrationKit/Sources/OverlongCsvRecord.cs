using System.Text;

namespace AlmaIntegrationKit.Sources;

/// <summary>
/// What a CSV record with a field longer than <see cref="CsvPatronSource.MaxFieldLength"/> holds, read again from the
/// file character by character without keeping that field: which field is too long, the person_id when the record
/// has one, and the line the record ends on. CsvHelper only says that some field was too long.
/// </summary>
internal static class OverlongCsvRecord
{
    // a person_id longer than this is not one
    private const int MaxPersonIdLength = 256;

    /// <summary>What the record starting on <paramref name="startLine"/> of <paramref name="filePath"/> holds.</summary>
    /// <param name="filePath">The CSV file.</param>
    /// <param name="startLine">The physical line the record starts on.</param>
    /// <param name="personIdIndex">The index of the person_id field.</param>
    /// <param name="maxFieldLength">The longest field that is not too long.</param>
    public static Finding Read(string filePath, long startLine, int personIdIndex, int maxFieldLength)
    {
        using var reader = CsvPatronSource.OpenText(filePath);
        PhysicalLines.Skip(reader, startLine - 1);
        var personId = new StringBuilder();
        var field = 0;
        var tooLong = -1;
        long length = 0;
        var line = startLine;
        var fieldStart = true;
        var inQuotes = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (fieldStart)
            {
                fieldStart = false;
                length = 0;
                if (c == '"')
                {
                    inQuotes = true;
                    continue;
                }
            }

            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() != '"')
                    {
                        inQuotes = false;
                        continue;
                    }

                    reader.Read();
                }
                else if (c == '\n' || (c == '\r' && reader.Peek() != '\n'))
                {
                    line++;
                }
            }
            else if (c == ',')
            {
                field++;
                fieldStart = true;
                continue;
            }
            else if (c is '\r' or '\n')
            {
                break;
            }

            if (++length > maxFieldLength && tooLong < 0)
                tooLong = field;
            if (field == personIdIndex && personId.Length <= MaxPersonIdLength)
                personId.Append((char)c);
        }

        var id = PatronText.Clean(personId.ToString());
        var readable = !inQuotes && id is not null && id.Length <= MaxPersonIdLength && id.AsSpan().IndexOfAny('\r', '\n') < 0;
        return new Finding(tooLong, readable ? id : null, inQuotes ? null : line);
    }

    /// <summary>What the record holds.</summary>
    /// <param name="TooLongField">The index of the first field that is too long; -1 when none is (the file changed).</param>
    /// <param name="PersonId">The person_id, or null when the record has none that can be trusted.</param>
    /// <param name="EndLine">The line the record ends on, or null when a quote in it is never closed.</param>
    public readonly record struct Finding(int TooLongField, string? PersonId, long? EndLine);
}
