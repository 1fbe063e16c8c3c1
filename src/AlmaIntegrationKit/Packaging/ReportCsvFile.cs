using System.Globalization;
using System.Text;
using AlmaIntegrationKit.Sources;
using CsvHelper;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// A CSV file of the run's report folder (UTF-8 without BOM, RFC 4180) whose rows start with where a record came
/// from: its source, whether the number is a line or a row, and the number.
/// </summary>
internal sealed class ReportCsvFile : IDisposable
{
    private readonly CsvWriter _csv;

    /// <summary>Creates (or replaces) <paramref name="path"/> with the header <c>source,position,number</c> and <paramref name="columns"/>.</summary>
    public ReportCsvFile(string path, params string[] columns)
        : this(new StreamWriter(path, append: false, new UTF8Encoding(false)), columns)
    {
    }

    /// <summary>As <see cref="ReportCsvFile(string, string[])"/>, onto <paramref name="writer"/>.</summary>
    internal ReportCsvFile(TextWriter writer, string[] columns)
    {
        _csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var name in new[] { "source", "position", "number" }.Concat(columns))
            _csv.WriteField(name);
        _csv.NextRecord();
    }

    /// <summary>Writes one row: the position, then <paramref name="fields"/>.</summary>
    public void Row(SourcePosition position, params string[] fields)
    {
        _csv.WriteField(position.SourceName);
        _csv.WriteField(position.Kind == SourcePositionKind.Line ? "line" : "row");
        _csv.WriteField(position.Number.ToString(CultureInfo.InvariantCulture));
        foreach (var field in fields)
            _csv.WriteField(field);
        _csv.NextRecord();
    }

    public void Dispose() => _csv.Dispose();
}
