using System.Globalization;
using System.Text;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;
using CsvHelper;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// Streams <c>rejects.csv</c>: one line per problem of a rejected record, with where the record came from, its
/// person_id, the field path, the rule and the message. No other personal data.
/// </summary>
public sealed class RejectsCsvWriter : IDisposable
{
    /// <summary>The file name in the run's report folder.</summary>
    public const string FileName = "rejects.csv";

    private readonly CsvWriter _csv;

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the header.</summary>
    public RejectsCsvWriter(string path)
    {
        _csv = new CsvWriter(new StreamWriter(path, append: false, new UTF8Encoding(false)), CultureInfo.InvariantCulture);
        foreach (var name in new[] { "source", "position", "number", "person_id", "path", "rule", "message" })
            _csv.WriteField(name);
        _csv.NextRecord();
    }

    /// <summary>Writes every issue of <paramref name="rejection"/>.</summary>
    public void Write(ExportRejection rejection)
    {
        foreach (var issue in rejection.Issues)
        {
            _csv.WriteField(rejection.Position.SourceName);
            _csv.WriteField(rejection.Position.Kind == SourcePositionKind.Line ? "line" : "row");
            _csv.WriteField(rejection.Position.Number.ToString(CultureInfo.InvariantCulture));
            _csv.WriteField(rejection.PersonId ?? "");
            _csv.WriteField(issue.Path);
            _csv.WriteField(issue.Rule);
            _csv.WriteField(issue.Message);
            _csv.NextRecord();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _csv.Dispose();
}
