using System.Globalization;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Reports;
using AlmaIntegrationKit.State;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Reports;

/// <summary>The run report rendered from real pipeline runs: a clean first run, then a second with every kind of outcome.</summary>
public sealed class RunReportTests : IDisposable
{
    private const string Hostile = "<script>alert(1)</script>";
    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    /// <summary>
    /// First run (2030-01-15): 10 undergraduates and 2 faculty. Second run (2030-01-16, forced past the reject
    /// threshold): 9 of the undergraduates, the 2 faculty, one new person in two rows (GR merged into FT), one row with
    /// a hostile person_id and an unknown patron type, one the mapper throws on. 15 rows = 12 written + 2 rejected + 1 merged.
    /// </summary>
    private async Task<(ExportResult Result, RunRecord? Previous)> TwoRunsAsync()
    {
        var first = new PatronFeed().Good(10)
            .Row("F001", "fac1", "FT", barcode: "FB1")
            .Row("F002", "fac2", "FT", barcode: "FB2");
        await _harness.RunAsync(first, _harness.Options(ExportHarness.Started.AddDays(-1)));

        var second = new PatronFeed().Good(9)
            .Row("F001", "fac1", "FT", barcode: "FB1")
            .Row("F002", "fac2", "FT", barcode: "FB2")
            .Row("N001", "new1", "GR", barcode: "NB1")
            .Row("N001", "new1", "FT", barcode: "NB1")
            .Row(Hostile, "hostile1", "XX")
            .Row("T001", "throw1", "UG", firstName: "THROW");
        var result = await _harness.RunAsync(second, _harness.Options() with { Force = true });
        using var store = ExportStateStore.Open(_harness.StatePath);
        return (result, RunReportWriter.PreviousSuccessfulRun(store, result.RunName));
    }

    [Fact]
    public async Task Report_shows_counts_that_add_up_groups_rules_changes_files_and_thresholds()
    {
        var (result, previous) = await TwoRunsAsync();
        Assert.NotNull(previous);

        var files = RunReportWriter.Write(result, previous, templateFolder: null);

        Assert.Empty(files.Warnings);
        var folder = Path.GetDirectoryName(result.ManifestPath);
        Assert.Equal(folder, Path.GetDirectoryName(files.MarkdownPath));
        Assert.Equal("run-report.md", Path.GetFileName(files.MarkdownPath));
        Assert.Equal("run-report.html", Path.GetFileName(files.HtmlPath));
        Assert.Equal("run-summary.txt", Path.GetFileName(files.SummaryPath));

        var md = File.ReadAllText(files.MarkdownPath);
        Assert.Contains("# Alma export 01TEST_students_20300116T020000Z", md);
        Assert.Contains("| Started | 2030-01-16 02:00:00 UTC |", md);
        Assert.Contains("| Mode | full |", md);
        Assert.Contains("**placed (forced past a threshold)**", md);
        Assert.Contains("15 rows read = 12 written + 0 unchanged + 2 rejected + 1 merged", md);
        Assert.Contains("| **Rows read = written + unchanged + rejected + merged** | **15** |", md);
        Assert.Contains("| People (distinct person_id) | 14 |", md);

        // Per group, against the first run's manifest.
        Assert.Contains("| UNDERGRAD | 9 | 10 | -1 |", md);
        Assert.Contains("| FACULTY | 3 | 2 | +1 |", md);
        Assert.Contains("| **total** | **12** | **12** | **0** |", md);

        // Per rule, adding up to the rejected count; the reject lines with position, person_id, field, rule.
        Assert.Contains("| mapping-failed | The college's mapping code failed | 1 |", md);
        Assert.Contains("| unknown-patron-type | Patron type not in the user-group mapping | 1 |", md);
        Assert.Contains("| **total** | | **2** |", md);
        Assert.Contains("First 2 of 2 lines of rejects.csv", md);
        Assert.Contains("| patrons.csv | line 16 | T001 |  | mapping-failed |", md);
        Assert.Contains("| patron_type | unknown-patron-type |", md);
        Assert.DoesNotContain("throw1", md); // no personal data beyond person_id

        // Changes since the last successful run.
        Assert.Contains("Last successful run: 01TEST_students_20300115T020000Z (full, started 2030-01-15 02:00:00 UTC, ", md);
        Assert.Contains("| users | 12 | 12 | 0 |", md);
        Assert.Contains("| rows read | 12 | 15 | +3 |", md);
        Assert.Contains("| rejected | 0 | 2 | +2 |", md);

        // Files with size and SHA-256.
        var zip = Assert.Single(result.Zips);
        Assert.Contains($"| {zip.FileName} | ", md);
        Assert.Contains($"({zip.SizeBytes.ToString(CultureInfo.InvariantCulture)} bytes) | {zip.Sha256} | 12 | 1 |", md);
        Assert.Equal(64, zip.Sha256.Length);
        Assert.Contains("Users in the files = written 12 + leavers 0 = 12.", md);

        // Thresholds: limit, actual, verdict, forced.
        Assert.Contains("| Safety:MaxRejectPercent | 5 % | 13.33 % | **FAIL** | yes |", md);
        Assert.Contains("| Safety:MaxDropPercent | 10 % | 0 % | pass | no |", md);

        var html = File.ReadAllText(files.HtmlPath);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<td>UNDERGRAD</td><td class=\"n\">9</td><td class=\"n\">10</td><td class=\"n\">-1</td>", html);
        Assert.Contains($"<td class=\"hash\">{zip.Sha256}</td>", html);
        Assert.Contains("<td class=\"fail\">fail</td><td>yes</td>", html);
        Assert.Contains("<tr class=\"total\"><td>Rows read = written + unchanged + rejected + merged</td><td class=\"n\">15</td></tr>", html);

        var summary = File.ReadAllText(files.SummaryPath);
        Assert.Equal(summary, files.SummaryText);
        var lines = summary.TrimEnd('\n').Split('\n');
        Assert.InRange(lines.Length, 5, 12);
        Assert.Equal("Alma export 01TEST_students_20300116T020000Z: PLACED (FORCED PAST A THRESHOLD)", lines[0]);
        Assert.Contains("15 rows read = 12 written + 0 unchanged + 2 rejected + 1 merged", summary);
        Assert.Contains("Rejected by rule: mapping-failed 1, unknown-patron-type 1", summary);
        Assert.Contains("Safety:MaxRejectPercent 13.33 % (limit 5 %) FAIL FORCED", summary);
        Assert.Contains($"  {zip.FileName} {zip.SizeBytes.ToString(CultureInfo.InvariantCulture)} bytes sha256 {zip.Sha256}", summary);
        Assert.Contains("Since the last successful run: users 0, rows read +3", summary);
    }

    [Fact]
    public async Task Hostile_values_are_escaped_and_the_html_needs_nothing_outside_itself()
    {
        var (result, previous) = await TwoRunsAsync();

        var files = RunReportWriter.Write(result, previous, templateFolder: null);

        var html = File.ReadAllText(files.HtmlPath);
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        foreach (var external in new[] { "src=", "href=", "url(", "@import", "http:", "https:" })
            Assert.DoesNotContain(external, html, StringComparison.OrdinalIgnoreCase);

        var md = File.ReadAllText(files.MarkdownPath);
        Assert.Contains(@"| \<script\>alert(1)\</script\> |", md);
        Assert.DoesNotContain(Hostile, md);
    }

    [Fact]
    public async Task A_template_in_the_template_folder_overrides_the_built_in_one()
    {
        var (result, previous) = await TwoRunsAsync();
        var templates = Directory.CreateDirectory(Path.Combine(_harness.Root, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "run-summary.txt"),
            "Nightly {{ run_name }}: {{ counts.written }} sent, {{ counts.rejected }} rejected{{ for g in groups }}, {{ g.code }} {{ g.change }}{{ end }}\n");
        File.WriteAllText(Path.Combine(templates, "run-report.html"), "<p>{{ reject_lines[0].person_id }}</p>\n");

        var files = RunReportWriter.Write(result, previous, templates);

        Assert.Empty(files.Warnings);
        Assert.Equal("Nightly 01TEST_students_20300116T020000Z: 12 sent, 2 rejected, FACULTY +1, UNDERGRAD -1\n", files.SummaryText);
        Assert.Equal(files.SummaryText, File.ReadAllText(files.SummaryPath));
        // An override gets the same escaping as the built-in template.
        Assert.Equal("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n", File.ReadAllText(files.HtmlPath));
        // The template not overridden is the built-in one.
        Assert.Contains("## Rejects by rule", File.ReadAllText(files.MarkdownPath));
    }

    [Fact]
    public async Task A_broken_override_falls_back_to_the_built_in_template_with_a_warning_naming_file_line_and_column()
    {
        var (result, previous) = await TwoRunsAsync();
        var templates = Directory.CreateDirectory(Path.Combine(_harness.Root, "templates")).FullName;
        var htmlOverride = Path.Combine(templates, "run-report.html");
        File.WriteAllText(htmlOverride, "<h1>{{ run_name }}</h1>\n<ul>\n{{ for g in groups }}<li>{{ g.code }}</li>\n");
        var mdOverride = Path.Combine(templates, "run-report.md");
        File.WriteAllText(mdOverride, "# {{ run_name }}\n\nRows: {{ counts.rows_read }}\nGroups: {{ user_groups }}\n");

        var files = RunReportWriter.Write(result, previous, templates);

        var htmlWarning = Assert.Single(files.Warnings, w => w.StartsWith(htmlOverride + "(", StringComparison.Ordinal));
        Assert.Contains("line 3, column", htmlWarning);
        Assert.Contains("the built-in run-report.html was used instead", htmlWarning);
        var mdWarning = Assert.Single(files.Warnings, w => w.StartsWith(mdOverride + "(4,", StringComparison.Ordinal));
        Assert.Contains("line 4, column 12", mdWarning);
        Assert.Contains("user_groups", mdWarning);

        var builtIn = RunReportWriter.Write(result, previous, templateFolder: null);
        Assert.Equal(File.ReadAllText(builtIn.HtmlPath), File.ReadAllText(files.HtmlPath) is var html ? html : "");
        Assert.Contains("<h2>Written by user group</h2>", html);
    }

    [Fact]
    public async Task The_same_run_renders_the_same_bytes_in_any_culture()
    {
        var (result, previous) = await TwoRunsAsync();
        var first = RunReportWriter.Write(result, previous, templateFolder: null);
        var bytes = new[] { first.MarkdownPath, first.HtmlPath, first.SummaryPath }.Select(File.ReadAllBytes).ToList();

        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var again = RunReportWriter.Write(result, previous, templateFolder: null);
            Assert.Equal(bytes[0], File.ReadAllBytes(again.MarkdownPath));
            Assert.Equal(bytes[1], File.ReadAllBytes(again.HtmlPath));
            Assert.Equal(bytes[2], File.ReadAllBytes(again.SummaryPath));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Contains("13.33 %", File.ReadAllText(first.MarkdownPath));
    }

    [Fact]
    public async Task An_aborted_first_run_says_so_and_has_no_files_and_nothing_to_compare_with()
    {
        var feed = new PatronFeed().Good(3).Row("X001", "x1", "XX").Row("X002", "x2", "XX");
        var result = await _harness.RunAsync(feed);
        Assert.True(result.Aborted);

        var files = RunReportWriter.Write(result, previousSuccessfulRun: null, templateFolder: null);

        var md = File.ReadAllText(files.MarkdownPath);
        Assert.Contains("**aborted by a threshold**", md);
        Assert.Contains("5 rows read = 3 written + 0 unchanged + 2 rejected + 0 merged", md);
        Assert.Contains("No files were placed in the outbox.", md);
        Assert.Contains("There is no earlier successful run to compare with.", md);
        Assert.Contains("| Safety:MaxRejectPercent | 5 % | 40 % | **FAIL** | no |", md);
        Assert.StartsWith("Alma export 01TEST_students_20300116T020000Z: ABORTED BY A THRESHOLD\n", files.SummaryText);
        Assert.Contains("Files: none placed", files.SummaryText);
        Assert.Contains("Since the last successful run: no earlier run", files.SummaryText);
    }

    [Fact]
    public async Task The_run_itself_given_as_the_previous_run_is_not_compared_with_itself()
    {
        var result = await _harness.RunAsync(new PatronFeed().Good(2));
        using (var store = ExportStateStore.Open(_harness.StatePath))
        {
            var self = store.LastSuccessfulRun();
            Assert.Equal(result.RunName, self!.RunName);
            Assert.Null(RunReportWriter.PreviousSuccessfulRun(store, result.RunName));

            var files = RunReportWriter.Write(result, self, templateFolder: null);

            Assert.Contains(files.Warnings, w => w.Contains("is this run", StringComparison.Ordinal));
            Assert.Contains("There is no earlier successful run to compare with.", File.ReadAllText(files.MarkdownPath));
        }
    }

    [Fact]
    public async Task A_missing_template_folder_is_a_warning_not_a_failure()
    {
        var result = await _harness.RunAsync(new PatronFeed().Good(2));

        var files = RunReportWriter.Write(result, null, Path.Combine(_harness.Root, "no-such-folder"));

        Assert.Contains(files.Warnings, w => w.Contains("no-such-folder", StringComparison.Ordinal) && w.Contains("does not exist", StringComparison.Ordinal));
        Assert.True(File.Exists(files.HtmlPath));
    }

    [Fact]
    public void Built_in_templates_are_embedded_and_can_be_copied_out_to_start_an_override()
    {
        var folder = Path.Combine(_harness.Root, "copy");
        RunReportTemplate.CopyBuiltInsTo(folder);

        foreach (var template in RunReportTemplate.All)
            Assert.Equal(template.BuiltInText(), File.ReadAllText(Path.Combine(folder, template.FileName)));
    }
}
