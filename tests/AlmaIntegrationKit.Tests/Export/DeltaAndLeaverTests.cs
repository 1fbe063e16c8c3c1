using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Tests.Export;

public sealed class DeltaAndLeaverTests : IDisposable
{
    private readonly ExportHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private ExportOptions Day(int day, ExportMode mode = ExportMode.Full, LeaverPolicy leavers = LeaverPolicy.Nothing) =>
        _harness.Options(ExportHarness.Started.AddDays(day)) with
        {
            Mode = mode,
            Leavers = leavers,
            Safety = new SafetyOptions { MaxDropPercent = 100 },
        };

    [Fact]
    public async Task Delta_writes_only_new_and_changed_users()
    {
        await _harness.RunAsync(new PatronFeed().Good(3), Day(0));

        var feed = new PatronFeed()
            .Row("P00001", "user00001", "UG", barcode: "B00001", email: "user00001@example.edu")   // unchanged
            .Row("P00002", "user00002", "UG", barcode: "B00002", email: "new@example.edu")         // changed
            .Row("P00003", "user00003", "UG", barcode: "B00003", email: "user00003@example.edu")   // unchanged
            .Row("P00004", "user00004", "GR");                                                      // new
        var result = await _harness.RunAsync(feed, Day(1, ExportMode.Delta));

        Assert.Equal(2, result.Counts.Written);
        Assert.Equal(2, result.Counts.Unchanged);
        Assert.True(result.Counts.AddUp);
        Assert.Equal(["user00002", "user00004"], ExportHarness.Users(result).Select(u => (string?)u.Element("primary_id")));
    }

    [Fact]
    public async Task Full_mode_writes_everyone_even_when_unchanged()
    {
        await _harness.RunAsync(new PatronFeed().Good(3), Day(0));
        var result = await _harness.RunAsync(new PatronFeed().Good(3), Day(1));

        Assert.Equal(3, result.Counts.Written);
        Assert.Equal(0, result.Counts.Unchanged);
    }

    [Fact]
    public async Task An_aborted_run_leaves_the_state_so_the_next_delta_resends()
    {
        await _harness.RunAsync(new PatronFeed().Good(2), Day(0));
        var changed = new PatronFeed().Row("P00001", "user00001", "UG", barcode: "B00001", email: "changed@example.edu")
            .Row("P00002", "user00002", "UG", barcode: "B00002", email: "user00002@example.edu");
        var aborted = await _harness.RunAsync(changed.Row("X", "x", "NOPE"), Day(1, ExportMode.Delta));
        Assert.True(aborted.Aborted);

        var again = await _harness.RunAsync(new PatronFeed().Row("P00001", "user00001", "UG", barcode: "B00001", email: "changed@example.edu")
            .Row("P00002", "user00002", "UG", barcode: "B00002", email: "user00002@example.edu"), Day(2, ExportMode.Delta));

        Assert.Equal(1, again.Counts.Written);
        Assert.Equal(1, again.Counts.Unchanged);
    }

    [Fact]
    public async Task By_default_leavers_are_left_alone()
    {
        await _harness.RunAsync(new PatronFeed().Good(3), Day(0));
        var result = await _harness.RunAsync(new PatronFeed().Good(2), Day(1));

        Assert.Equal(0, result.Counts.LeaversWritten);
        Assert.Equal(2, ExportHarness.Users(result).Count);
    }

    [Fact]
    public async Task Leavers_can_be_sent_once_as_inactive_with_expiry_today()
    {
        await _harness.RunAsync(new PatronFeed().Good(3), Day(0));

        var second = await _harness.RunAsync(new PatronFeed().Good(2), Day(1, ExportMode.Delta, LeaverPolicy.SendInactive));

        Assert.Equal(0, second.Counts.Written);
        Assert.Equal(2, second.Counts.Unchanged);
        Assert.Equal(1, second.Counts.LeaversWritten);
        var leaver = Assert.Single(ExportHarness.Users(second));
        Assert.Equal("user00003", (string?)leaver.Element("primary_id"));
        Assert.Equal("INACTIVE", (string?)leaver.Element("status"));
        Assert.Equal("2030-01-17", (string?)leaver.Element("expiry_date"));
        Assert.Equal("2032-01-17", (string?)leaver.Element("purge_date"));
        Assert.Equal("UNDERGRAD", (string?)leaver.Element("user_group"));
        Assert.Equal("MAIN", (string?)leaver.Element("campus_code"));
        using (var zip = System.IO.Compression.ZipFile.OpenRead(second.Zips[0].FullPath))
        using (var xml = zip.Entries[0].Open())
            Assert.Empty(PublishedSchemaSet.Validate(xml));

        var third = await _harness.RunAsync(new PatronFeed().Good(2), Day(2, ExportMode.Delta, LeaverPolicy.SendInactive));
        Assert.Equal(0, third.Counts.LeaversWritten);
        Assert.Empty(third.Zips);
    }

    [Fact]
    public async Task A_leaver_matched_on_an_identifier_gets_it_from_the_mapper()
    {
        var day0 = Day(0) with { MatchId = MatchId.Parse(TestPatronMapper.UniversityId) };
        await _harness.RunAsync(new PatronFeed().Good(2), day0);

        var result = await _harness.RunAsync(new PatronFeed().Good(1),
            Day(1, leavers: LeaverPolicy.SendInactive) with { MatchId = MatchId.Parse(TestPatronMapper.UniversityId) });

        Assert.Equal(1, result.Counts.LeaversWritten);
        var leaver = ExportHarness.Users(result).Single(u => (string?)u.Element("status") == "INACTIVE");
        Assert.Contains("P00002", leaver.Element("user_identifiers")!.ToString());
    }

    [Fact]
    public async Task A_person_present_but_rejected_is_not_a_leaver()
    {
        await _harness.RunAsync(new PatronFeed().Good(3), Day(0));
        var feed = new PatronFeed().Good(2).Row("P00003", "user00003", "UG", lastName: new string('z', 300));

        var result = await _harness.RunAsync(feed, Day(1, leavers: LeaverPolicy.SendInactive) with
        {
            Safety = new SafetyOptions { MaxDropPercent = 100, MaxRejectPercent = 100 },
        });

        Assert.Equal(0, result.Counts.LeaversWritten);
    }

    [Fact]
    public async Task The_state_file_records_each_run()
    {
        await _harness.RunAsync(new PatronFeed().Good(2), Day(0));
        await _harness.RunAsync(new PatronFeed().Good(3), Day(1, ExportMode.Delta));

        using var store = ExportStateStore.Open(_harness.StatePath);
        var runs = store.RecentRuns(5);
        Assert.Equal(2, runs.Count);
        Assert.Equal("Delta", runs[0].Mode);
        Assert.Equal(1, runs[0].Written);
        Assert.Equal(2, runs[0].Unchanged);
        Assert.Equal(3, runs[0].Users);
        Assert.Equal("01TEST_students_20300117T020000Z", runs[0].RunName);
    }

    [Fact]
    public async Task A_run_leaves_its_changes_in_the_write_ahead_log_and_the_next_run_folds_them_in_first()
    {
        var log = _harness.StatePath + "-wal";
        await _harness.RunAsync(new PatronFeed().Good(3), Day(0));

        // The run did not wait for the disk to copy its changes into the file: they are in the log, and they count.
        Assert.True(new FileInfo(log).Length > 0);
        var delta = await _harness.RunAsync(new PatronFeed().Good(3), Day(1, ExportMode.Delta));
        Assert.Equal(3, delta.Counts.Unchanged);

        // Lose the log now (a power cut right after the second run, say): the second run opened the state, which folded
        // the first run into the file, so the state is the first run's, consistent, and the next delta compares with it.
        File.Delete(log);
        using (var store = ExportStateStore.Open(_harness.StatePath))
            Assert.Equal("01TEST_students_20300116T020000Z", Assert.Single(store.RecentRuns(5)).RunName);
        var again = await _harness.RunAsync(new PatronFeed().Good(3), Day(2, ExportMode.Delta));
        Assert.Equal(3, again.Counts.Unchanged);
    }
}
