using System.Globalization;
using System.Text;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;
using CsvHelper;

namespace AlmaIntegrationKit.Packaging;

/// <summary>Streams <c>merged.csv</c>: one line per row folded into another row of the same person, with the reason.</summary>
public sealed class MergedCsvWriter : IDisposable
{
    /// <summary>The file name in the run's report folder.</summary>
    public const string FileName = "merged.csv";

    private readonly CsvWriter _csv;

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the header.</summary>
    public MergedCsvWriter(string path)
    {
        _csv = new CsvWriter(new StreamWriter(path, append: false, new UTF8Encoding(false)), CultureInfo.InvariantCulture);
        foreach (var name in new[] { "source", "position", "number", "person_id", "merged_into", "reason" })
            _csv.WriteField(name);
        _csv.NextRecord();
    }

    /// <summary>Writes <paramref name="merged"/>.</summary>
    public void Write(MergedRow merged)
    {
        _csv.WriteField(merged.Position.SourceName);
        _csv.WriteField(merged.Position.Kind == SourcePositionKind.Line ? "line" : "row");
        _csv.WriteField(merged.Position.Number.ToString(CultureInfo.InvariantCulture));
        _csv.WriteField(merged.PersonId);
        _csv.WriteField(merged.MergedIntoNumber.ToString(CultureInfo.InvariantCulture));
        _csv.WriteField(merged.Reason);
        _csv.NextRecord();
    }

    /// <inheritdoc />
    public void Dispose() => _csv.Dispose();
}
