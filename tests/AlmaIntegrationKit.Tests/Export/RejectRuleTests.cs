using AlmaIntegrationKit.Export;

namespace AlmaIntegrationKit.Tests.Export;

public sealed class RejectRuleTests : IDisposable
{
    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private Task<ExportResult> RunLenient(PatronFeed feed, ExportOptions? options = null) =>
        _harness.RunAsync(feed, (options ?? _harness.Options()) with { Safety = new SafetyOptions { MaxRejectPercent = 100 } });

    [Fact]
    public async Task Unknown_patron_type_is_rejected_with_did_you_mean()
    {
        var result = await RunLenient(new PatronFeed().Good(1).Row("P2", "u2", "GRR"));

        Assert.Equal(1, result.Counts.Rejected);
        var line = Assert.Single(ExportHarness.RejectLines(result));
        Assert.StartsWith("patrons.csv,line,3,P2,patron_type,unknown-patron-type,", line);
        Assert.Contains("did you mean 'GR'?", line);
    }

    [Fact]
    public async Task Missing_primary_id_match_id_is_rejected()
    {
        var result = await RunLenient(new PatronFeed().Good(1).Row("P2", null, "UG"));

        var line = Assert.Single(ExportHarness.RejectLines(result));
        Assert.StartsWith("patrons.csv,line,3,P2,primary_id,match-id-missing,", line);
    }

    [Fact]
    public async Task Missing_identifier_match_id_is_rejected()
    {
        var options = _harness.Options() with { MatchId = MatchId.Parse("BARCODE") };
        var result = await RunLenient(new PatronFeed().Good(1).Row("P2", "u2", "UG", barcode: null), options);

        var line = Assert.Single(ExportHarness.RejectLines(result));
        Assert.Contains("user_identifiers/user_identifier[id_type='BARCODE']/value,match-id-missing", line);
    }

    [Fact]
    public async Task A_record_failing_the_generated_validator_is_rejected_with_all_its_issues()
    {
        var longName = new string('x', 300);
        var result = await RunLenient(new PatronFeed().Good(1).Row("P2", "u2", "UG", lastName: longName, email: "not-an-address"));

        Assert.Equal(1, result.Counts.Rejected);
        var lines = ExportHarness.RejectLines(result);
        Assert.Contains(lines, l => l.Contains("last_name,max-length"));
        Assert.Contains(lines, l => l.Contains("contact_info/emails/email[1]/email_address,email"));
        Assert.DoesNotContain(lines, l => l.Contains(longName)); // no personal data beyond person_id
    }

    [Fact]
    public async Task A_warning_does_not_reject()
    {
        // The test mapper sets full_name for a first name WARN: the SIS load ignores it, a warning.
        var result = await RunLenient(new PatronFeed().Good(1).Row("P2", "u2", "UG", firstName: "WARN"));

        Assert.Equal(0, result.Counts.Rejected);
        Assert.Equal(2, result.Counts.Written);
        Assert.Equal(1, result.Counts.WithWarnings);
    }

    [Fact]
    public async Task A_source_rejection_is_reported_with_its_line_and_rule()
    {
        var result = await RunLenient(new PatronFeed().Good(1).Row("P2", "u2", "UG", termEnd: "31/05/2030").Raw("P3,only,three"));

        Assert.Equal(2, result.Counts.Rejected);
        var lines = ExportHarness.RejectLines(result);
        Assert.Contains(lines, l => l.StartsWith("patrons.csv,line,3,P2,term_end_date,date,"));
        Assert.Contains(lines, l => l.StartsWith("patrons.csv,line,4,") && l.Contains(",column-count,"));
    }

    [Fact]
    public async Task A_character_xml_cannot_carry_rejects_only_its_record()
    {
        var result = await RunLenient(new PatronFeed().Good(1).Row("P2", "u2", "UG", lastName: "Do\u0001e"));

        Assert.Equal(1, result.Counts.Written);
        var line = Assert.Single(ExportHarness.RejectLines(result));
        Assert.StartsWith("patrons.csv,line,3,P2,last_name,xml-character,", line);
    }

    [Fact]
    public async Task A_mapper_that_throws_rejects_the_row()
    {
        var result = await RunLenient(new PatronFeed().Good(1).Row("P2", "u2", "UG", firstName: "THROW"));

        var line = Assert.Single(ExportHarness.RejectLines(result));
        Assert.Contains(",mapping-failed,", line);
        Assert.Contains("the mapper refuses this row", line);
    }

    [Fact]
    public async Task Rejects_by_rule_are_counted_in_the_manifest()
    {
        var result = await RunLenient(new PatronFeed().Good(1).Row("P2", "u2", "XX").Row("P3", null, "UG"));

        var manifest = Packaging.RunManifest.ReadFrom(result.ManifestPath);
        Assert.Equal(1, manifest.RejectedByRule[ExportRejectRules.UnknownPatronType]);
        Assert.Equal(1, manifest.RejectedByRule[ExportRejectRules.MatchIdMissing]);
    }
}
