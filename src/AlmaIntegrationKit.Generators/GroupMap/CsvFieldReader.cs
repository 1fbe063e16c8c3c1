using System.Collections.Generic;
using System.Text;

namespace AlmaIntegrationKit.Generators.GroupMap;

/// <summary>A field of a CSV record and where it starts (1-based line and column).</summary>
internal readonly record struct CsvField(string Value, int Line, int Column);

/// <summary>A CSV record, or why it could not be read.</summary>
internal sealed record CsvRecord(IReadOnlyList<CsvField> Fields, int Line, string? Error, int ErrorLine, int ErrorColumn);

/// <summary>RFC 4180 reading that keeps the line and column of every field, for diagnostics on the mapping file.</summary>
internal static class CsvFieldReader
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        var lineStart = position;
        while (position < text.Length)
        {
            var recordLine = line;
            var fields = new List<CsvField>();
            string? error = null;
            int errorLine = 0, errorColumn = 0;
            var endOfRecord = false;
            while (!endOfRecord)
            {
                var fieldLine = line;
                var fieldColumn = position - lineStart + 1;
                var value = new StringBuilder();
                if (position < text.Length && text[position] == '"')
                {
                    position++;
                    var closed = false;
                    while (position < text.Length)
                    {
                        var c = text[position];
                        if (c == '"')
                        {
                            if (position + 1 < text.Length && text[position + 1] == '"')
                            {
                                value.Append('"');
                                position += 2;
                                continue;
                            }

                            position++;
                            closed = true;
                            break;
                        }

                        if (c == '\n')
                        {
                            line++;
                            lineStart = position + 1;
                        }

                        value.Append(c);
                        position++;
                    }

                    if (!closed && error is null)
                    {
                        (error, errorLine, errorColumn) = ("the quote that opens this field is never closed", fieldLine, fieldColumn);
                    }
                    else if (position < text.Length && text[position] != ',' && text[position] != '\r' && text[position] != '\n' && error is null)
                    {
                        (error, errorLine, errorColumn) = ("unexpected text after a closing quote; double a quote inside a quoted field (\"\")", line, position - lineStart + 1);
                    }

                    while (position < text.Length && text[position] != ',' && text[position] != '\n' && text[position] != '\r')
                        position++;
                }
                else
                {
                    while (position < text.Length && text[position] != ',' && text[position] != '\n' && text[position] != '\r')
                    {
                        if (text[position] == '"' && error is null)
                            (error, errorLine, errorColumn) = ("a quote inside an unquoted field; quote the whole field and double the quote", line, position - lineStart + 1);
                        value.Append(text[position]);
                        position++;
                    }
                }

                fields.Add(new CsvField(value.ToString(), fieldLine, fieldColumn));
                if (position < text.Length && text[position] == ',')
                {
                    position++;
                    continue;
                }

                if (position < text.Length && text[position] == '\r')
                    position++;
                if (position < text.Length && text[position] == '\n')
                    position++;
                line++;
                lineStart = position;
                endOfRecord = true;
            }

            var blank = fields.Count == 1 && fields[0].Value.Trim().Length == 0 && error is null;
            if (!blank)
                yield return new CsvRecord(fields, recordLine, error, errorLine, errorColumn);
        }
    }
}
