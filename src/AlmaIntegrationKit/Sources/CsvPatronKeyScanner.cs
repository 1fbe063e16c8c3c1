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
    /// <summary>Scans <paramref name="filePath"/>; false when the file needs <see cref="CsvPatronSource"/>'s full reading (the visitor then saw only part of it).</summary>
    public static bool TryScan(string filePath, IPatronKeyVisitor visitor)
    {
        using var records = PlainCsvRecords.TryOpen(filePath);
        if (records is null || !records.TryReadHeader())
            return false;

        var map = records.Map!;
        var personIdIndex = map.SourceIndexOf(PatronColumns.PersonId);
        var patronTypeIndex = map.SourceIndexOf(PatronColumns.PatronType);
        var required = PatronColumns.Required.Select(map.SourceIndexOf).ToArray();
        var dates = PatronColumns.Dates.Select(map.SourceIndexOf).Where(i => i >= 0).ToArray();
        while (true)
        {
            switch (records.Next())
            {
                case PlainCsvRecords.Result.End:
                    return true;
                case PlainCsvRecords.Result.NotPlain:
                    return false;
            }

            if (records.IsBlank)
                continue;
            if (!records.IsRow(required, dates))
            {
                visitor.NotARow(records.RecordLine);
                continue;
            }

            visitor.Row(records.RecordLine, records.Field(personIdIndex).Trim(), records.Field(patronTypeIndex).Trim());
        }
    }
}
