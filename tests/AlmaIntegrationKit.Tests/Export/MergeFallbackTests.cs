using System.Runtime.CompilerServices;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.Tests.Alma;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>
/// The merge rule when a person's best row is invalid (<see cref="MergeDecision{TUser}"/>): the person is written from
/// the best valid row, the invalid better rows are rejected with their own reasons, and merged.csv says who stood in.
/// </summary>
public sealed class MergeFallbackTests : IDisposable
{
    private static readonly string TooLong = new('x', 300); // last_name is at most 255 characters

    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private ExportOptions Lenient(int day = 0, ExportMode mode = ExportMode.Full, LeaverPolicy leavers = LeaverPolicy.Nothing) =>
        _harness.Options(ExportHarness.Started.AddDays(day)) with
        {
            Safety = new SafetyOptions { MaxRejectPercent = 100, MaxDropPercent = 100 },
            Mode = mode,
            Leavers = leavers,
        };

    private static string[] MergedLines(ExportResult result) => File.ReadAllLines(result.MergedPath).Skip(1).ToArray();

    private static string UserGroupOf(ExportResult result, string primaryId) =>
        (string)ExportHarness.Users(result).Single(u => (string?)u.Element("primary_id") == primaryId).Element("user_group")!;

    [Fact]
    public async Task An_invalid_best_row_before_a_valid_one_gives_way_to_it()
    {
        var feed = new PatronFeed()
            .Row("P1", "pat", "FT", lastName: TooLong, barcode: "B-FT")
            .Row("P1", "pat", "UG", barcode: "B-UG")
            .Good(1, start: 10);

        var result = await _harness.RunAsync(feed, Lenient());

        Assert.Equal(new ExportCounts { RowsRead = 3, People = 2, Written = 2, Rejected = 1 }, result.Counts);
        Assert.True(result.Counts.AddUp);
        Assert.Equal("UNDERGRAD", UserGroupOf(result, "pat"));
        Assert.StartsWith("patrons.csv,line,2,P1,last_name,max-length,", Assert.Single(ExportHarness.RejectLines(result)));
        Assert.Equal(
            "patrons.csv,line,2,P1,3,rejected (see rejects.csv): the UNDERGRAD row (weight 10) line 3 stood in for this invalid FACULTY row (weight 50)",
            Assert.Single(MergedLines(result)));
    }

    [Fact]
    public async Task An_invalid_best_row_after_a_valid_one_gives_way_to_it()
    {
        var feed = new PatronFeed()
            .Row("P1", "pat", "UG", barcode: "B-UG")
            .Good(1, start: 10)
            .Row("P1", "pat", "FT", lastName: TooLong, barcode: "B-FT");

        var result = await _harness.RunAsync(feed, Lenient());

        Assert.Equal(2, result.Counts.Written);
        Assert.Equal(1, result.Counts.Rejected);
        Assert.Equal(0, result.Counts.Merged);
        Assert.True(result.Counts.AddUp);
        Assert.Equal("UNDERGRAD", UserGroupOf(result, "pat"));
        Assert.Contains("B-UG", ExportHarness.Users(result).Single(u => (string?)u.Element("primary_id") == "pat").ToString());
        Assert.StartsWith("patrons.csv,line,4,P1,last_name,max-length,", Assert.Single(ExportHarness.RejectLines(result)));
        Assert.Equal(
            "patrons.csv,line,4,P1,2,rejected (see rejects.csv): the UNDERGRAD row (weight 10) line 2 stood in for this invalid FACULTY row (weight 50)",
            Assert.Single(MergedLines(result)));
    }

    [Fact]
    public async Task A_valid_best_row_after_a_worse_one_still_wins_and_the_worse_row_is_merged()
    {
        var result = await _harness.RunAsync(new PatronFeed().Row("P1", "pat", "UG").Row("P1", "pat", "FT", lastName: TooLong[..10]), Lenient());

        Assert.Equal(1, result.Counts.Written);
        Assert.Equal(1, result.Counts.Merged);
        Assert.Equal("FACULTY", UserGroupOf(result, "pat"));
        Assert.Equal("patrons.csv,line,2,P1,3,FACULTY (weight 50) outranks UNDERGRAD (weight 10)", Assert.Single(MergedLines(result)));
    }

    [Fact]
    public async Task When_the_two_best_of_three_rows_are_invalid_the_third_is_written()
    {
        var feed = new PatronFeed()
            .Row("P1", "pat", "UG", barcode: "B-UG")
            .Row("P1", "pat", "FT", lastName: TooLong)
            .Row("P1", "pat", "ST", email: "not an email");

        var result = await _harness.RunAsync(feed, Lenient());

        Assert.Equal(1, result.Counts.Written);
        Assert.Equal(2, result.Counts.Rejected);
        Assert.Equal(0, result.Counts.Merged);
        Assert.True(result.Counts.AddUp);
        Assert.Equal("UNDERGRAD", UserGroupOf(result, "pat"));
        var rejects = ExportHarness.RejectLines(result);
        Assert.Equal(2, rejects.Length);
        Assert.StartsWith("patrons.csv,line,3,P1,last_name,max-length,", rejects[0]);
        Assert.StartsWith("patrons.csv,line,4,P1,", rejects[1]);
        Assert.Equal(
            [
                "patrons.csv,line,3,P1,2,rejected (see rejects.csv): the UNDERGRAD row (weight 10) line 2 stood in for this invalid FACULTY row (weight 50)",
                "patrons.csv,line,4,P1,2,rejected (see rejects.csv): the UNDERGRAD row (weight 10) line 2 stood in for this invalid STAFF row (weight 40)",
            ],
            MergedLines(result));
    }

    [Fact]
    public async Task A_row_below_a_stand_in_is_merged_into_it_and_merged_csv_says_it_stood_in()
    {
        var feed = new PatronFeed()
            .Row("P1", "pat", "CE", barcode: "B-CE")
            .Row("P1", "pat", "FT", lastName: TooLong)
            .Row("P1", "pat", "UG", barcode: "B-UG");

        var result = await _harness.RunAsync(feed, Lenient());

        Assert.Equal(new ExportCounts { RowsRead = 3, People = 1, Written = 1, Rejected = 1, Merged = 1 }, result.Counts);
        Assert.Equal("UNDERGRAD", UserGroupOf(result, "pat"));
        Assert.Equal(
            [
                "patrons.csv,line,3,P1,4,rejected (see rejects.csv): the UNDERGRAD row (weight 10) line 4 stood in for this invalid FACULTY row (weight 50)",
                "patrons.csv,line,2,P1,4,UNDERGRAD (weight 10) outranks COMMUNITY (weight 5); the UNDERGRAD row stood in for the invalid row ranked above it (FACULTY line 3; see rejects.csv)",
            ],
            MergedLines(result));
    }

    [Fact]
    public async Task When_every_row_of_a_person_is_invalid_all_are_rejected_and_none_written()
    {
        var feed = new PatronFeed()
            .Row("P1", "pat", "UG", lastName: TooLong)
            .Row("P1", "pat", "FT", lastName: TooLong)
            .Row("P1", "pat", "ST", firstName: "THROW")
            .Good(1, start: 10);

        var result = await _harness.RunAsync(feed, Lenient());

        Assert.Equal(new ExportCounts { RowsRead = 4, People = 2, Written = 1, Rejected = 3 }, result.Counts);
        Assert.DoesNotContain(ExportHarness.Users(result), u => (string?)u.Element("primary_id") == "pat");
        // the UNDERGRAD row waited for the better rows after it, so it is settled (and listed) after them
        Assert.Equal(["3", "4", "2"], ExportHarness.RejectLines(result).Select(l => l.Split(',')[2]));
        Assert.Empty(MergedLines(result));
    }

    [Fact]
    public async Task A_row_the_source_could_not_read_does_not_compete()
    {
        var feed = new PatronFeed()
            .Row("P1", "pat", "UG")
            .Row("P1", "pat", "FT", termEnd: "tomorrow");

        var result = await _harness.RunAsync(feed, Lenient());

        Assert.Equal(new ExportCounts { RowsRead = 2, People = 1, Written = 1, Rejected = 1 }, result.Counts);
        Assert.Equal("UNDERGRAD", UserGroupOf(result, "pat"));
        Assert.StartsWith("patrons.csv,line,3,P1,term_end_date,", Assert.Single(ExportHarness.RejectLines(result)));
        Assert.Empty(MergedLines(result));
    }

    [Fact]
    public async Task A_stand_in_that_waited_for_the_better_row_keeps_every_column()
    {
        // The UNDERGRAD row comes first and waits (in the temporary file) for the FACULTY row, which is invalid.
        var feed = new PatronFeed("person_id,last_name,patron_type,login_id,birth_date,job_description,additional_barcodes,major")
            .Raw("P1,Doe,UG,pat,2001-02-03,Reader,X1|X2,History")
            .Raw($"P1,{TooLong},FT,pat,,,,")
            .Raw("P2,Roe,UG,rob,,,,");

        var result = await _harness.RunAsync(feed, Lenient());

        Assert.Equal(new ExportCounts { RowsRead = 3, People = 2, Written = 2, Rejected = 1 }, result.Counts);
        var users = ExportHarness.Users(result);
        Assert.Equal(["pat", "rob"], users.Select(u => (string?)u.Element("primary_id")));
        var pat = users[0].ToString(); // written when the FACULTY row was read, before P2
        Assert.True(pat.Contains("2001-02-03", StringComparison.Ordinal), pat);
        Assert.Contains("<job_description>Reader</job_description>", pat);
        Assert.Contains(">X2<", pat);
        Assert.Contains(">History<", pat);
        Assert.Equal("UNDERGRAD", UserGroupOf(result, "pat"));
    }

    [Fact]
    public async Task A_query_result_falls_back_the_same_way_and_merged_csv_names_rows()
    {
        PatronRow Row(long number, string personId, string type, string lastName = "Doe") => new()
        {
            Position = SourcePosition.Row("extract.sql", number), PersonId = personId, LastName = lastName, PatronType = type, LoginId = personId + "-login",
            OtherValues = new Dictionary<string, string?> { ["major"] = type == "UG" ? "History" : null },
        };
        var pipeline = new ExportPipeline<User>(AlmaUserSchema.Instance, AlmaUserGroups.Map, new TestPatronMapper(), Lenient());

        var result = await pipeline.RunAsync(new QueryResult([Row(1, "P1", "UG"), Row(2, "P2", "UG"), Row(3, "P1", "FT", TooLong)]));

        Assert.Equal(new ExportCounts { RowsRead = 3, People = 2, Written = 2, Rejected = 1 }, result.Counts);
        var p1 = ExportHarness.Users(result).Single(u => (string?)u.Element("primary_id") == "P1-login").ToString();
        Assert.Contains(">History<", p1);
        Assert.StartsWith("extract.sql,row,3,P1,last_name,max-length,", Assert.Single(ExportHarness.RejectLines(result)));
        Assert.Equal(
            "extract.sql,row,3,P1,1,rejected (see rejects.csv): the UNDERGRAD row (weight 10) row 1 stood in for this invalid FACULTY row (weight 50)",
            Assert.Single(MergedLines(result)));
    }

    /// <summary>A query result: the same rows on each read.</summary>
    private sealed class QueryResult(SourceRecord[] rows) : IPatronSource
    {
        public string Name => "extract.sql";

        public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var row in rows)
                yield return row;
        }
    }

    [Fact]
    public async Task The_state_holds_a_stand_in_like_any_written_user()
    {
        var feed = new PatronFeed()
            .Row("P1", "pat", "FT", lastName: TooLong)
            .Row("P1", "pat", "UG", barcode: "B-UG")
            .Good(1, start: 10);

        var first = await _harness.RunAsync(feed, Lenient(0, leavers: LeaverPolicy.SendInactive));
        var second = await _harness.RunAsync(feed, Lenient(1, ExportMode.Delta, LeaverPolicy.SendInactive));

        Assert.Equal(2, first.Counts.Written);
        Assert.Equal(0, second.Counts.Written);
        Assert.Equal(2, second.Counts.Unchanged); // the stand-in is the state's newest record of P1
        Assert.Equal(1, second.Counts.Rejected);
        Assert.Equal(0, second.Counts.LeaversWritten);
        Assert.True(second.Counts.AddUp);
        Assert.Single(MergedLines(second)); // the stood-in note, beside an unchanged user too

        var fixedFeed = new PatronFeed()
            .Row("P1", "pat", "FT")
            .Row("P1", "pat", "UG", barcode: "B-UG")
            .Good(1, start: 10);
        var third = await _harness.RunAsync(fixedFeed, Lenient(2, ExportMode.Delta, LeaverPolicy.SendInactive));

        Assert.Equal(1, third.Counts.Written);
        Assert.Equal("FACULTY", UserGroupOf(third, "pat"));
        Assert.Equal(0, third.Counts.LeaversWritten);
    }

    [Fact]
    public async Task Thousands_of_people_with_invalid_best_rows_in_every_order_add_up()
    {
        // Each person has two or three rows in one of the orders below, far apart in the file; some of the rows are
        // invalid. The expected row is the best valid one by weight (FT 50, ST 40, UG 10).
        string[][] orders = [["FT", "ST", "UG"], ["UG", "ST", "FT"], ["ST", "UG", "FT"], ["UG", "FT"], ["FT", "UG"]];
        const int people = 3_000;
        var feed = new PatronFeed();
        var rows = new List<(int Person, string Type, bool Valid)>();
        for (var i = 0; i < people; i++)
        {
            var order = orders[i % orders.Length];
            for (var r = 0; r < order.Length; r++)
                rows.Add((i, order[r], Valid: (i / orders.Length + r) % 3 != 0));
        }

        foreach (var (person, type, valid) in rows.OrderBy(r => r.Type == "UG" ? 0 : 1).ThenBy(r => (r.Person * 7919) % people))
            feed.Row($"P{person}", $"login{person}", type, barcode: $"{type}{person}", lastName: valid ? "Doe" : TooLong);

        var result = await _harness.RunAsync(feed, Lenient());

        var weight = new Dictionary<string, int> { ["FT"] = 50, ["ST"] = 40, ["UG"] = 10 };
        var expected = rows.GroupBy(r => r.Person).ToDictionary(g => g.Key, g => g.Where(r => r.Valid).OrderByDescending(r => weight[r.Type]).Select(r => r.Type).FirstOrDefault());
        var written = ExportHarness.Users(result).ToDictionary(u => (string)u.Element("primary_id")!, u => u.ToString());
        foreach (var (person, type) in expected)
        {
            if (type is null)
                Assert.False(written.ContainsKey($"login{person}"));
            else
                Assert.Contains($">{type}{person}<", written[$"login{person}"]);
        }

        var c = result.Counts;
        Assert.Equal(rows.Count, c.RowsRead);
        Assert.Equal(expected.Count(e => e.Value is not null), c.Written);
        bool Outranks(string type, string? best) => best is null || weight[type] > weight[best];
        var rejectedAboveStandIn = rows.Count(r => !r.Valid && expected[r.Person] is { } best && Outranks(r.Type, best));
        Assert.Equal(rows.Count(r => !r.Valid && Outranks(r.Type, expected[r.Person])), c.Rejected);
        Assert.Equal(rows.Count(r => expected[r.Person] is { } best && !Outranks(r.Type, best) && r.Type != best), c.Merged);
        Assert.True(c.AddUp);
        Assert.Equal(c.Merged + rejectedAboveStandIn, MergedLines(result).Length);
    }
}
