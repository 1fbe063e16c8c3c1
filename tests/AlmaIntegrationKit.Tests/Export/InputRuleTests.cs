using AlmaIntegrationKit.Export;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>Input that must never silently harm what Alma holds: statuses, dates, expired accounts.</summary>
public sealed class InputRuleTests : IDisposable
{
    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private Task<ExportResult> Run(PatronFeed feed, ExportOptions? options = null) =>
        _harness.RunAsync(feed, (options ?? _harness.Options()) with { Safety = new SafetyOptions { MaxRejectPercent = 100 } });

    [Fact]
    public async Task A_status_that_is_neither_active_nor_inactive_is_rejected_not_sent_as_active()
    {
        var result = await Run(new PatronFeed().Good(1).Row("P2", "u2", "UG", status: "DECEASED"));

        Assert.Equal(1, result.Counts.Written);
        var line = Assert.Single(ExportHarness.RejectLines(result));
        Assert.StartsWith("patrons.csv,line,3,P2,status,unknown-status,", line);
        Assert.Contains("Export:StatusMap", line);
    }

    [Fact]
    public async Task Mapped_statuses_are_sent_as_what_they_map_to_and_case_does_not_matter()
    {
        var options = _harness.Options() with { StatusMap = new Dictionary<string, string> { ["Deceased"] = "INACTIVE", ["A"] = "ACTIVE" } };

        var result = await Run(new PatronFeed().Row("P1", "u1", "UG", status: "deceased").Row("P2", "u2", "UG", status: "a")
            .Row("P3", "u3", "UG", status: "inactive").Row("P4", "u4", "UG"), options);

        Assert.Equal(0, result.Counts.Rejected);
        var statuses = ExportHarness.Users(result).Select(u => (string?)u.Element("status")).ToList();
        Assert.Equal(["INACTIVE", "ACTIVE", "INACTIVE", "ACTIVE"], statuses);
    }

    [Fact]
    public async Task A_term_end_far_in_the_future_rejects_that_row_and_the_rest_of_the_feed_goes()
    {
        var result = await Run(new PatronFeed().Good(2).Row("P9", "u9", "UG", termEnd: "9999-12-31"));

        Assert.Equal(2, result.Counts.Written);
        var line = Assert.Single(ExportHarness.RejectLines(result));
        Assert.StartsWith("patrons.csv,line,4,P9,term_end_date,date-out-of-range,", line);
        Assert.Contains("9999-12-31", line);
        Assert.True(result.Counts.AddUp);
    }

    [Fact]
    public async Task An_active_user_whose_expiry_has_passed_is_sent_with_a_warning_by_default_and_counted()
    {
        // The run date is 2030-01-16; the UG rule adds 30 days to the term end.
        var feed = new PatronFeed().Good(1).Row("P2", "u2", "UG", termEnd: "2029-11-01").Row("P3", "u3", "UG", termEnd: "2029-11-01", status: "INACTIVE");

        var warned = await Run(feed);
        Assert.Equal(3, warned.Counts.Written);
        Assert.Equal(1, warned.Counts.ExpiredActive);
        Assert.Equal(1, warned.Counts.WithWarnings);

        var rejected = await Run(feed, _harness.Options(ExportHarness.Started.AddDays(1)) with { ExpiredActive = ExpiredActivePolicy.Reject });
        Assert.StartsWith("patrons.csv,line,3,P2,expiry_date,expired-active,", Assert.Single(ExportHarness.RejectLines(rejected)));

        var allowed = await Run(feed, _harness.Options(ExportHarness.Started.AddDays(2)) with { ExpiredActive = ExpiredActivePolicy.Allow });
        Assert.Equal(0, allowed.Counts.ExpiredActive);
        Assert.Equal(0, allowed.Counts.WithWarnings);
    }

    [Fact]
    public async Task A_row_with_bytes_that_are_not_utf8_is_rejected_naming_the_field_not_sent_with_replacement_characters()
    {
        Directory.CreateDirectory(_harness.Root);
        var path = new PatronFeed().Good(2).WriteTo(Path.Combine(_harness.Root, "latin1.csv"));
        // A name saved by a Windows-1252 tool: "Hélène" with é and è as single bytes (0xE9, 0xE8), not UTF-8.
        var line = System.Text.Encoding.UTF8.GetBytes("P3,u3,,Jo,,H");
        File.AppendAllBytes(path, [.. line, 0xE9, (byte)'l', 0xE8, .. "ne,,,,,,,,,,UG,,2030-05-31,,\n"u8.ToArray()]);
        var pipeline = new ExportPipeline<AlmaIntegrationKit.Tests.Alma.User>(AlmaIntegrationKit.Tests.Alma.AlmaUserSchema.Instance,
            AlmaIntegrationKit.Tests.Alma.AlmaUserGroups.Map, new TestPatronMapper(),
            _harness.Options() with { Safety = new SafetyOptions { MaxRejectPercent = 100 } });

        var result = await pipeline.RunAsync(new AlmaIntegrationKit.Sources.CsvPatronSource(path));

        Assert.Equal(2, result.Counts.Written);
        var reject = Assert.Single(ExportHarness.RejectLines(result));
        Assert.StartsWith("latin1.csv,line,4,P3,last_name,encoding,", reject);
        Assert.Contains("not valid UTF-8", reject);
        Assert.DoesNotContain(ExportHarness.Users(result), u => ((string?)u.Element("last_name"))!.Contains('\uFFFD', StringComparison.Ordinal));
    }
}
