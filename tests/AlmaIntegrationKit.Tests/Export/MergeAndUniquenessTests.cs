using System.Runtime.CompilerServices;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.Tests.Alma;

namespace AlmaIntegrationKit.Tests.Export;

public sealed class MergeAndUniquenessTests : IDisposable
{
    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private Task<ExportResult> RunLenient(PatronFeed feed) =>
        _harness.RunAsync(feed, _harness.Options() with { Safety = new SafetyOptions { MaxRejectPercent = 100 } });

    [Fact]
    public async Task One_person_in_several_rows_keeps_the_row_with_the_heaviest_group()
    {
        var feed = new PatronFeed()
            .Row("P1", "pat", "UG", barcode: "B-UG")
            .Row("P1", "pat", "FT", barcode: "B-FT", termEnd: "")
            .Row("P1", "pat", "ST", barcode: "B-ST")
            .Good(1, start: 10);

        var result = await RunLenient(feed);

        Assert.Equal(4, result.Counts.RowsRead);
        Assert.Equal(2, result.Counts.People);
        Assert.Equal(2, result.Counts.Written);
        Assert.Equal(2, result.Counts.Merged);
        var pat = ExportHarness.Users(result).Single(u => (string?)u.Element("primary_id") == "pat");
        Assert.Equal("FACULTY", (string?)pat.Element("user_group"));
        Assert.Contains("B-FT", pat.ToString());
        var merged = File.ReadAllLines(result.MergedPath).Skip(1).ToArray();
        Assert.Equal(2, merged.Length);
        Assert.Contains(merged, l => l.StartsWith("patrons.csv,line,2,P1,3,") && l.Contains("FACULTY (weight 50) outranks UNDERGRAD (weight 10)"));
        Assert.Contains(merged, l => l.StartsWith("patrons.csv,line,4,P1,3,") && l.Contains("FACULTY (weight 50) outranks STAFF (weight 40)"));
        Assert.True(result.Counts.AddUp);
    }

    [Fact]
    public async Task On_equal_weight_the_first_row_wins()
    {
        var result = await RunLenient(new PatronFeed().Row("P1", "pat", "UG", barcode: "B1").Row("P1", "pat", "UG", barcode: "B2"));

        Assert.Equal(1, result.Counts.Written);
        Assert.Equal(1, result.Counts.Merged);
        Assert.Contains("B1", ExportHarness.Users(result)[0].ToString());
        Assert.Contains("the first row wins", File.ReadAllText(result.MergedPath));
    }

    [Fact]
    public async Task A_row_with_an_unknown_patron_type_does_not_compete_and_is_rejected()
    {
        var result = await RunLenient(new PatronFeed().Row("P1", "pat", "XX").Row("P1", "pat", "UG"));

        Assert.Equal(1, result.Counts.Written);
        Assert.Equal(1, result.Counts.Rejected);
        Assert.Equal(0, result.Counts.Merged);
    }

    [Fact]
    public async Task Thousands_of_people_in_two_or_three_rows_are_merged_in_every_partition_of_the_first_pass()
    {
        // Rows of one person far apart in the file, with the winner first, last and in the middle.
        var feed = new PatronFeed();
        const int people = 3_000;
        for (var i = 0; i < people; i++)
            feed.Row($"P{i}", $"login{i}", i % 3 == 0 ? "FT" : "UG", barcode: $"first{i}");
        for (var i = 0; i < people; i++)
            feed.Row($"P{i}", $"login{i}", i % 3 == 1 ? "FT" : "ST", barcode: $"second{i}");
        for (var i = 0; i < people; i += 2)
            feed.Row($"P{i}", $"login{i}", i % 3 == 2 ? "FT" : "UG", barcode: $"third{i}");

        var result = await RunLenient(feed);

        Assert.Equal(people, result.Counts.People);
        Assert.Equal(people, result.Counts.Written);
        Assert.Equal(people + people / 2, result.Counts.Merged);
        var barcodes = ExportHarness.Users(result).ToDictionary(u => (string)u.Element("primary_id")!, u => u.ToString());
        for (var i = 0; i < people; i++)
        {
            var winner = i % 3 == 0 ? "first" : i % 3 == 1 ? "second" : i % 2 == 0 ? "third" : "second";
            Assert.Contains($">{winner}{i}<", barcodes[$"login{i}"]);
        }

        Assert.True(result.Counts.AddUp);
    }

    [Fact]
    public async Task A_source_that_gives_other_person_ids_on_the_second_read_stops_the_run_naming_the_row()
    {
        PatronRow Row(long number, string personId, string type) =>
            new() { Position = SourcePosition.Row("extract.sql", number), PersonId = personId, LastName = "Doe", PatronType = type, LoginId = personId + "-login" };
        SourceRecord[] first = [Row(1, "P1", "UG"), Row(2, "P1", "FT"), Row(3, "P2", "UG")];
        SourceRecord[] winnerChanged = [Row(1, "P1", "UG"), Row(2, "P9", "FT"), Row(3, "P2", "UG")];
        SourceRecord[] loserChanged = [Row(1, "P9", "UG"), Row(2, "P1", "FT"), Row(3, "P2", "UG")];

        foreach (var second in new[] { winnerChanged, loserChanged })
        {
            var pipeline = new ExportPipeline<User>(AlmaUserSchema.Instance, AlmaUserGroups.Map, new TestPatronMapper(), _harness.Options());
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync(new ChangingSource(first, second)));
            Assert.Contains("extract.sql row ", error.Message);
            Assert.Contains("(P9)", error.Message);
            Assert.Contains("the same rows in the same order on each read", error.Message);
        }
    }

    /// <summary>A source whose second read differs from its first, as an extract query without ORDER BY may.</summary>
    private sealed class ChangingSource(SourceRecord[] first, SourceRecord[] second) : IPatronSource
    {
        private int _reads;

        public string Name => "extract.sql";

        public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var record in _reads++ == 0 ? first : second)
                yield return record;
        }
    }

    [Fact]
    public async Task A_primary_id_used_by_another_person_rejects_the_later_record_ignoring_case()
    {
        var result = await RunLenient(new PatronFeed().Row("P1", "Pat", "UG").Row("P2", "PAT", "UG"));

        Assert.Equal(1, result.Counts.Written);
        var line = Assert.Single(ExportHarness.RejectLines(result));
        Assert.StartsWith("patrons.csv,line,3,P2,primary_id,duplicate-id,", line);
        Assert.Contains("person_id P1", line);
    }

    [Fact]
    public async Task An_identifier_value_used_by_another_person_rejects_the_later_record()
    {
        var result = await RunLenient(new PatronFeed().Row("P1", "a", "UG", barcode: "b-100").Row("P2", "b", "UG", barcode: "B-100"));

        var line = Assert.Single(ExportHarness.RejectLines(result));
        Assert.StartsWith("patrons.csv,line,3,P2,user_identifiers/user_identifier[2]/value,duplicate-id,", line);
        Assert.Contains("person_id P1", line);
    }

    [Fact]
    public async Task A_primary_id_equal_to_another_persons_identifier_collides_too()
    {
        var result = await RunLenient(new PatronFeed().Row("P1", "a", "UG", barcode: "shared").Row("P2", "SHARED", "UG"));

        Assert.Contains("person_id P1", Assert.Single(ExportHarness.RejectLines(result)));
    }

    [Fact]
    public async Task A_rejected_record_does_not_claim_its_values()
    {
        // P1 is rejected (its last name is too long), so P2 may use the same login.
        var result = await RunLenient(new PatronFeed().Row("P1", "same", "UG", lastName: new string('x', 300)).Row("P2", "same", "UG"));

        Assert.Equal(1, result.Counts.Written);
        Assert.Equal(1, result.Counts.Rejected);
    }

    [Fact]
    public async Task A_feed_with_every_defect_mixed_in_adds_up()
    {
        var feed = new PatronFeed()
            .Good(20)
            .Row("M1", "merge1", "UG").Row("M1", "merge1", "ST")           // merge
            .Row("X1", "x1", "NOPE")                                          // unknown patron type
            .Row("X2", null, "UG")                                            // no Match ID
            .Row("X3", "x3", "UG", lastName: new string('y', 400))            // validation error
            .Row("X4", "USER00001", "UG")                                     // duplicate primary_id
            .Row("X5", "x5", "UG", barcode: "b00002")                         // duplicate identifier
            .Row("X6", "x6", "UG", termEnd: "tomorrow")                      // bad date (source)
            .Raw("X7,too,few")                                                // wrong column count (source)
            .Row("X8", "x8", "UG", firstName: "THROW")                       // mapper failure
            .Row("W1", "w1", "GR", firstName: "WARN");                       // warning only: written

        var result = await RunLenient(feed);

        var c = result.Counts;
        Assert.Equal(31, c.RowsRead);
        Assert.Equal(22, c.Written);
        Assert.Equal(8, c.Rejected);
        Assert.Equal(1, c.Merged);
        Assert.True(c.AddUp);
        Assert.Equal(c.RowsRead, c.Written + c.Rejected + c.Merged);
        Assert.Equal(c.Written, result.Zips.Sum(z => z.UserCount));
        var rejectedLines = ExportHarness.RejectLines(result).Select(l => l.Split(',')[2]).Distinct().Count();
        Assert.Equal(8, rejectedLines);
    }
}
