using AlmaIntegrationKit.Sources;

namespace AlmaIntegrationKit.Tests.Sources;

/// <summary>Reading a whole (small, test-sized) source into lists.</summary>
internal static class SourceRecords
{
    public static async Task<List<SourceRecord>> ReadAllAsync(this IPatronSource source)
    {
        var records = new List<SourceRecord>();
        await foreach (var record in source.ReadAsync())
            records.Add(record);
        return records;
    }

    public static List<PatronRow> Rows(this IEnumerable<SourceRecord> records) => records.OfType<PatronRow>().ToList();

    public static List<SourceRejection> Rejections(this IEnumerable<SourceRecord> records) => records.OfType<SourceRejection>().ToList();

    /// <summary>"line:rule:field" for each rejection, for compact exact assertions.</summary>
    public static List<string> Summaries(this IEnumerable<SourceRejection> rejections) =>
        rejections.Select(rejection => $"{rejection.Position.Number}:{rejection.Rule}:{rejection.Field}").ToList();
}
