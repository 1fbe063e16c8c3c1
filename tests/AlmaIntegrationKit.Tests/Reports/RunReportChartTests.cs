using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Reports;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;
using AlmaIntegrationKit.Tests.Export;
using StbImageSharp;

namespace AlmaIntegrationKit.Tests.Reports;

/// <summary>The run report's charts, rule names and local times, and the HTML as headless Chromium renders it.</summary>
public sealed partial class RunReportChartTests : IDisposable
{
    private static readonly TimeZoneInfo PlusOne = TimeZoneInfo.CreateCustomTimeZone("Test+01", TimeSpan.FromHours(1), "Test+01", "Test+01");
    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    /// <summary>
    /// Three runs: 2030-01-14 (10 UG, 2 FT), 2030-01-15 (11 UG, 2 FT, one unknown patron type: aborted by the reject
    /// threshold), 2030-01-16 forced (9 UG, 3 FT, one unknown patron type, one the mapper throws on).
    /// </summary>
    private async Task<(ExportResult Result, RunReportOptions Options)> ThreeRunsAsync()
    {
        await _harness.RunAsync(new PatronFeed().Good(10).Row("F001", "fac1", "FT", barcode: "FB1").Row("F002", "fac2", "FT", barcode: "FB2"),
            _harness.Options(ExportHarness.Started.AddDays(-2)));
        await _harness.RunAsync(new PatronFeed().Good(11).Row("F001", "fac1", "FT", barcode: "FB1").Row("F002", "fac2", "FT", barcode: "FB2")
            .Row("X001", "x1", "XX"), _harness.Options(ExportHarness.Started.AddDays(-1)));
        var result = await _harness.RunAsync(new PatronFeed().Good(9)
            .Row("F001", "fac1", "FT", barcode: "FB1").Row("F002", "fac2", "FT", barcode: "FB2").Row("F003", "fac3", "FT", barcode: "FB3")
            .Row("X001", "x1", "XX").Row("T001", "throw1", "UG", firstName: "THROW"), _harness.Options() with { Force = true });
        using var store = ExportStateStore.Open(_harness.StatePath);
        return (result, RunReportOptions.FromState(store, result.RunName, templateFolder: null) with { TimeZone = PlusOne });
    }

    [Fact]
    public void Every_reject_rule_code_has_a_plain_language_name()
    {
        var codes = new[] { typeof(ExportRejectRules), typeof(SourceRejectionRules), typeof(ValidationRules) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(27, codes.Distinct().Count());
        foreach (var code in codes)
            Assert.True(ReportRuleNames.Codes.Contains(code), $"The rule '{code}' has no plain-language name in ReportRuleNames.");
        Assert.Equal("ID already used by another person", ReportRuleNames.Describe(ExportRejectRules.DuplicateId));
        Assert.Equal("some-future-rule", ReportRuleNames.Describe("some-future-rule"));
    }

    [Fact]
    public async Task Charts_are_laid_out_from_the_run_and_the_last_runs_in_the_state()
    {
        var (result, options) = await ThreeRunsAsync();

        var model = RunReportModelBuilder.Build(result, options, new List<string>());

        Assert.Equal("2030-01-16 02:00:00 UTC", model.StartedUtc);
        Assert.Equal("2030-01-16 03:00:00 UTC+01:00", model.StartedLocal);
        Assert.Equal("Test+01", model.TimeZone);

        // Users by group: the largest group has the full length, the others in proportion.
        Assert.Equal(["FACULTY", "UNDERGRAD"], model.GroupsChart.Bars.Select(b => b.Label));
        Assert.Equal([3L, 9L], model.GroupsChart.Bars.Select(b => b.Value));
        Assert.Equal(300, model.GroupsChart.Bars[1].Width);
        Assert.Equal(100, model.GroupsChart.Bars[0].Width);

        // Rejects by rule, with the rules' names.
        Assert.Equal(["mapping-failed", "unknown-patron-type"], model.RulesChart.Bars.Select(b => b.Label));
        Assert.Equal(["The college's mapping code failed", "Patron type not in the user-group mapping"], model.RulesChart.Bars.Select(b => b.Note));
        Assert.Equal("Patron type not in the user-group mapping", model.RejectsByRule.Single(r => r.Rule == "unknown-patron-type").Name);

        // The last runs, oldest first: the aborted one included, this one last.
        Assert.Equal([false, false, true], model.RecentRuns.Select(r => r.Current));
        Assert.Equal([true, false, true], model.RecentRuns.Select(r => r.Placed));
        Assert.Equal([12L, 13L, 12L], model.RecentRuns.Select(r => r.Written));
        Assert.Equal([0L, 1L, 2L], model.RecentRuns.Select(r => r.Rejected));
        Assert.Equal("2030-01-14 03:00:00 UTC+01:00", model.RecentRuns[0].StartedLocal);
        Assert.Equal(["written", "rejected", "leavers"], model.HistoryChart.Panels.Select(p => p.Name));
        var rejected = model.HistoryChart.Panels[1];
        Assert.Equal(2, rejected.Max);
        Assert.Equal([0, 25, 50], rejected.Columns.Select(c => c.Height));
        Assert.All(rejected.Columns, c => Assert.Equal(rejected.BaseY, c.Y + c.Height));
        Assert.Equal("2030-01-14", model.HistoryChart.FirstDate);
        Assert.Equal("2030-01-16", model.HistoryChart.LastDate);
    }

    [Fact]
    public async Task Chromium_loads_the_html_report_without_errors_and_draws_the_bars()
    {
        var (result, options) = await ThreeRunsAsync();
        var files = RunReportWriter.Write(result, options);
        Assert.Empty(files.Warnings);

        var dom = HeadlessChromium.DumpDom(files.HtmlPath);
        Assert.True(dom.ExitCode == 0, $"chromium exited with {dom.ExitCode}: {dom.StandardError}");
        Assert.DoesNotContain("Failed to load resource", dom.StandardError);
        Assert.DoesNotContain("Uncaught", dom.StandardError);
        Assert.DoesNotContain(":CONSOLE(", dom.StandardError);

        // The browser parsed the charts as SVG with their bars: one per group, per rule, and per run and series.
        Assert.Equal([(100, 16), (300, 16)], Rects(dom.StandardOutput, "chart-groups"));
        Assert.Equal([(300, 16), (300, 16)], Rects(dom.StandardOutput, "chart-rules"));
        var history = Rects(dom.StandardOutput, "chart-history");
        Assert.Equal(9, history.Count);
        Assert.Equal([0, 25, 50], history.Skip(3).Take(3).Select(r => r.Height));
        Assert.Contains("Patron type not in the user-group mapping (unknown-patron-type)", dom.StandardOutput);
        Assert.Contains("2030-01-16 03:00:00 UTC+01:00 (Test+01)", dom.StandardOutput);

        var png = Path.Combine(_harness.Root, "report.png");
        var shot = HeadlessChromium.Screenshot(files.HtmlPath, png);
        Assert.True(shot.ExitCode == 0 && File.Exists(png), $"chromium made no screenshot ({shot.ExitCode}): {shot.StandardError}");
        var image = ImageResult.FromMemory(File.ReadAllBytes(png), ColorComponents.RedGreenBlue);
        Assert.Equal(1200, image.Width);
        Assert.Equal(2000, image.Height);

        // The bars are painted: the blue of the group bars and placed runs, the red of the reject bars and the aborted
        // run, and the green of this run's columns.
        Assert.True(Pixels(image, 0x2f, 0x6d, 0xb5) > 300 * 16, "the blue bars are not painted");
        Assert.True(Pixels(image, 0xb4, 0x23, 0x18) > 2 * 16 * 40, "the red bars are not painted");
        Assert.True(Pixels(image, 0x1a, 0x7f, 0x37) > 14 * 50, "this run's columns are not painted");

        var keep = Environment.GetEnvironmentVariable("ALMA_KEEP_REPORT_SCREENSHOT");
        if (!string.IsNullOrEmpty(keep))
            File.Copy(png, keep, overwrite: true); // to look at the page by eye
    }

    // The (width, height) of the bars of one chart, in document order.
    private static List<(int Width, int Height)> Rects(string dom, string chartId)
    {
        var start = dom.IndexOf($"id=\"{chartId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the DOM has no chart {chartId}");
        var end = dom.IndexOf("</svg>", start, StringComparison.Ordinal);
        return BarRect().Matches(dom[start..end])
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static int Pixels(ImageResult image, byte red, byte green, byte blue)
    {
        var count = 0;
        for (var i = 0; i + 2 < image.Data.Length; i += 3)
        {
            if (Math.Abs(image.Data[i] - red) <= 2 && Math.Abs(image.Data[i + 1] - green) <= 2 && Math.Abs(image.Data[i + 2] - blue) <= 2)
                count++;
        }

        return count;
    }

    [GeneratedRegex("<rect class=\"bar[^\"]*\" x=\"\\d+\" y=\"\\d+\" width=\"(\\d+)\" height=\"(\\d+)\"")]
    private static partial Regex BarRect();
}
