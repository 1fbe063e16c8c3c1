using AlmaIntegrationKit.Results;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// Streams <c>rejects.csv</c>: one line per problem of a rejected record, with where the record came from, its
/// person_id, the field path, the rule and the message. No other personal data.
/// </summary>
internal sealed class RejectsCsvWriter : IDisposable
{
    /// <summary>The file name in the run's report folder.</summary>
    public const string FileName = "rejects.csv";

    private readonly ReportCsvFile _file;

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the header.</summary>
    public RejectsCsvWriter(string path) => _file = new ReportCsvFile(path, Columns);

    /// <summary>Writes the header to <paramref name="writer"/> (which it closes on dispose).</summary>
    internal RejectsCsvWriter(TextWriter writer) => _file = new ReportCsvFile(writer, Columns);

    private static string[] Columns => ["person_id", "path", "rule", "message"];

    /// <summary>Writes every issue of <paramref name="rejection"/>.</summary>
    public void Write(ExportRejection rejection)
    {
        foreach (var issue in rejection.Issues)
            _file.Row(rejection.Position, rejection.PersonId ?? string.Empty, issue.Path, issue.Rule, issue.Message);
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
