using System.Globalization;
using System.Text;
using AlmaIntegrationKit.Sources;
using CsvHelper;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// A CSV file of the run's report folder (UTF-8 without BOM, RFC 4180) whose rows start with where a record came
/// from: its source, whether the number is a line or a row, and the number. Cells are made inert for spreadsheets
/// (<see cref="Inert"/>).
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
        _csv.WriteField(Inert(position.SourceName));
        _csv.WriteField(position.Kind == SourcePositionKind.Line ? "line" : "row");
        _csv.WriteField(position.Number.ToString(CultureInfo.InvariantCulture));
        foreach (var field in fields)
            _csv.WriteField(Inert(field));
        _csv.NextRecord();
    }

    /// <summary>
    /// <paramref name="value"/> made inert for spreadsheets (OWASP's CSV injection advice): a cell that starts with
    /// <c>= + - @</c>, a tab or a carriage return would be read by Excel or LibreOffice as a formula, so it gets a
    /// leading apostrophe, which they show as text. A value that starts with an apostrophe gets one too, so that
    /// <see cref="Original"/> gives back exactly what was written.
    /// </summary>
    internal static string Inert(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'' ? "'" + value : value;

    /// <summary>The value <see cref="Inert"/> was given: one leading apostrophe removed.</summary>
    internal static string Original(string cell) => cell.StartsWith('\'') ? cell[1..] : cell;

    public void Dispose() => _csv.Dispose();
}
