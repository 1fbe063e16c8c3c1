using AlmaIntegrationKit.Packaging;
using AlmaIntegrationKit.Reports;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Reports;

/// <summary>rejects.csv and merged.csv never hand a spreadsheet a formula, and the run report still shows the value.</summary>
public sealed class ReportCsvInjectionTests : IDisposable
{
    private readonly ExportHarness _export = new();

    public void Dispose() => _export.Dispose();

    [Theory]
    [InlineData("=1+2")]
    [InlineData("+1+2")]
    [InlineData("-1+2")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    [InlineData("'=1")]
    public void A_cell_a_spreadsheet_would_read_as_a_formula_gets_an_apostrophe_and_reads_back_as_written(string value)
    {
        Assert.Equal("'" + value, ReportCsvFile.Inert(value));
        Assert.Equal(value, ReportCsvFile.Original(ReportCsvFile.Inert(value)));
    }

    [Theory]
    [InlineData("P00001")]
    [InlineData("")]
    [InlineData("a=b")]
    public void Other_cells_are_left_as_they_are(string value) => Assert.Equal(value, ReportCsvFile.Inert(value));

    [Fact]
    public async Task A_rejected_person_id_that_looks_like_a_formula_is_inert_in_rejects_csv_and_shown_as_it_is_in_the_run_report()
    {
        const string formula = "=HYPERLINK(\"http://evil.example\";\"x\")";
        var result = await _export.RunAsync(new PatronFeed().Good(3).Raw($"\"{formula.Replace("\"", "\"\"", StringComparison.Ordinal)}\",u9,,Jo,,Doe,,,,,,,,,,XX,,2030-05-31,,"));

        var line = Assert.Single(ExportHarness.RejectLines(result));
        Assert.Contains(",\"'=HYPERLINK(", line, StringComparison.Ordinal);
        var report = RunReportWriter.Write(result, null, null);
        Assert.Contains(formula.Replace("\"", "&quot;", StringComparison.Ordinal), File.ReadAllText(report.HtmlPath), StringComparison.Ordinal);
        Assert.DoesNotContain("'=HYPERLINK", File.ReadAllText(report.HtmlPath), StringComparison.Ordinal);
    }
}
