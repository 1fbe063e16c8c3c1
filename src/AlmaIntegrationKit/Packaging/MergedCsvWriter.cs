using System.Globalization;
using AlmaIntegrationKit.Results;

namespace AlmaIntegrationKit.Packaging;

/// <summary>
/// Streams <c>merged.csv</c>: one line per row folded into another row of the same person, with the reason; and, when a
/// person's best row was invalid, one line per rejected better row naming the row that stood in for it (that row is
/// counted as rejected, and its reasons are in rejects.csv).
/// </summary>
internal sealed class MergedCsvWriter : IDisposable
{
    /// <summary>The file name in the run's report folder.</summary>
    public const string FileName = "merged.csv";

    private readonly ReportCsvFile _file;

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the header.</summary>
    public MergedCsvWriter(string path) => _file = new ReportCsvFile(path, "person_id", "merged_into", "reason");

    /// <summary>Writes <paramref name="merged"/>.</summary>
    public void Write(MergedRow merged) =>
        _file.Row(merged.Position, merged.PersonId, merged.MergedIntoNumber.ToString(CultureInfo.InvariantCulture), merged.Reason);

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
