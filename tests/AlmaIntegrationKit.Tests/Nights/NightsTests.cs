using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Results;
using AlmaIntegrationKit.Sources;
using AlmaIntegrationKit.State;
using AlmaIntegrationKit.Tests.Alma;
using AlmaIntegrationKit.Tests.Cli;
using AlmaIntegrationKit.Tests.Export;

namespace AlmaIntegrationKit.Tests.Nights;

/// <summary>
/// Sequences of nightly runs of one feed over a real state file and folder placement, with failures between them,
/// checked against what Alma would hold after taking every zip placed (<see cref="AlmaReplay"/>), not against what the
/// kit says it did.
/// </summary>
public sealed class NightsTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly AlmaReplay _alma = new();
    private int _night;

    public NightsTests()
    {
        _cli.WithFolderUpload();
        _cli.Section("Export")["Mode"] = "Delta";
        _cli.Section("Export")["LeaverPolicy"] = "SendInactive";
        _cli.Section("Safety")["MaxDropPercent"] = 100;
        _cli.Section("Safety")["MaxRejectPercent"] = 100;
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_leaver_keeps_their_record_and_comes_back_active_unchanged()
    {
        await Night(new PatronFeed().Good(5));
        Assert.Equal(5, _alma.Users.Count);

        await Night(new PatronFeed().Good(2).Good(2, start: 4)); // P00003 left
        var leaver = _alma.Of("P00003")!;
        Assert.Equal("INACTIVE", (string?)leaver.Element("status"));
        Assert.Equal("Doe", (string?)leaver.Element("last_name")); // the whole record, nothing erased
        Assert.Equal("B00003", BarcodeOf(leaver));
        Assert.Equal("user00003@example.edu", (string?)leaver.Descendants("email_address").Single());

        await Night(new PatronFeed().Good(5)); // back, exactly as before
        Assert.Equal("ACTIVE", (string?)_alma.Of("P00003")!.Element("status"));
        AssertEveryoneInTheExtractIsActiveAndCurrent(new PatronFeed().Good(5), 5);

        await Night(new PatronFeed().Good(5)); // and nothing more to send
        Assert.Contains("0 written, 5 unchanged", _cli.Output);
    }

    [Fact]
    public async Task A_failed_upload_is_delivered_by_the_next_run_first_and_in_order()
    {
        await Night(new PatronFeed().Good(3));

        BreakDropbox();
        await Night(new PatronFeed().Good(2).Row("P00003", "user00003", "UG", lastName: "Changed", barcode: "B00003"), expected: ExitCodes.Error);
        Assert.Equal("Doe", (string?)_alma.Of("P00003")!.Element("last_name"));
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("status"));
        Assert.Contains("1 zip(s) waiting for upload", _cli.Output);

        RepairDropbox();
        // The third night has a change of its own; the second night's change is still owed and must not be lost.
        await Night(new PatronFeed().Row("P00001", "user00001", "UG", lastName: "Renamed", barcode: "B00001").Good(1, start: 2)
            .Row("P00003", "user00003", "UG", lastName: "Changed", barcode: "B00003"));
        Assert.Contains("Placing first 1 zip(s) that earlier runs left unplaced", _cli.Output);
        Assert.Equal("Changed", (string?)_alma.Of("P00003")!.Element("last_name"));
        Assert.Equal("Renamed", (string?)_alma.Of("P00001")!.Element("last_name"));

        await Night(new PatronFeed().Row("P00001", "user00001", "UG", lastName: "Renamed", barcode: "B00001").Good(1, start: 2)
            .Row("P00003", "user00003", "UG", lastName: "Changed", barcode: "B00003"));
        Assert.Contains("0 written, 3 unchanged", _cli.Output); // everything was delivered exactly once
    }

    [Fact]
    public async Task A_change_undone_while_its_zip_waited_is_undone_in_Alma_too()
    {
        await Night(new PatronFeed().Good(2));
        BreakDropbox();
        await Night(new PatronFeed().Good(1).Row("P00002", "user00002", "UG", lastName: "Typo", barcode: "B00002"), expected: ExitCodes.Error);
        RepairDropbox();

        await Night(new PatronFeed().Good(2)); // the SIS corrected the typo before the zip with it ever reached Alma

        Assert.Equal("Doe", (string?)_alma.Of("P00002")!.Element("last_name"));
    }

    [Fact]
    public async Task A_run_that_died_after_writing_its_zips_is_delivered_by_the_next()
    {
        await Night(new PatronFeed().Good(2));
        // The process ends after the export committed and before the upload: the zip waits in the outbox, pending.
        var feed = _cli.WriteFeed(new PatronFeed().Good(3));
        _cli.Clock.Now = _cli.Clock.Now.AddHours(12);
        await new ExportPipeline<User>(AlmaUserSchema.Instance, AlmaUserGroups.Map, new TestPatronMapper(), new ExportOptions
        {
            InstitutionCode = "01TEST", Profile = "students", OutboxDirectory = _cli.Outbox, StatePath = _cli.StatePath,
            StartedUtc = _cli.Clock.Now, Mode = ExportMode.Delta,
        }).RunAsync(new CsvPatronSource(feed));
        Assert.Null(_alma.Of("P00003"));

        await Night(new PatronFeed().Good(3));

        Assert.NotNull(_alma.Of("P00003"));
        Assert.Contains("Placing first 1 zip(s)", _cli.Output);
    }

    [Fact]
    public async Task A_zip_removed_from_the_outbox_is_given_up_and_its_users_sent_again()
    {
        await Night(new PatronFeed().Good(1));
        BreakDropbox();
        await Night(new PatronFeed().Good(2), expected: ExitCodes.Error);
        RepairDropbox();
        foreach (var zip in Directory.GetFiles(_cli.Outbox, "*.zip"))
            File.Delete(zip); // an operator cleaned the outbox by hand

        await Night(new PatronFeed().Good(2));

        Assert.Contains("can no longer be delivered", _cli.Error);
        Assert.NotNull(_alma.Of("P00002"));
    }

    [Fact]
    public async Task A_change_given_up_falls_back_to_the_record_Alma_has_and_a_leaver_then_gets_that_one()
    {
        await Night(new PatronFeed().Good(2));
        await Night(new PatronFeed().Good(1).Row("P00002", "user00002", "UG", lastName: "Second", barcode: "B00002"));

        // A third change never reaches Alma: its zip is lost, and the run is given up.
        BreakDropbox();
        await Night(new PatronFeed().Good(1).Row("P00002", "user00002", "UG", lastName: "Third", barcode: "B00002"), expected: ExitCodes.Error);
        RepairDropbox();
        foreach (var zip in Directory.GetFiles(_cli.Outbox, "*.zip"))
            File.Delete(zip);

        // Back to what Alma has: nothing to send, and Alma keeps "Second".
        await Night(new PatronFeed().Good(1).Row("P00002", "user00002", "UG", lastName: "Second", barcode: "B00002"));
        Assert.Contains("can no longer be delivered", _cli.Error);
        Assert.Contains("0 written", _cli.Output);
        Assert.Equal("Second", (string?)_alma.Of("P00002")!.Element("last_name"));

        // P00002 leaves: sent as the record Alma has, INACTIVE, not as the lost one.
        await Night(new PatronFeed().Good(1));
        var leaver = _alma.Of("P00002")!;
        Assert.Equal("INACTIVE", (string?)leaver.Element("status"));
        Assert.Equal("Second", (string?)leaver.Element("last_name"));
    }

    [Fact]
    public async Task A_row_whose_person_id_cannot_be_read_holds_the_leavers_back_for_a_night()
    {
        await Night(new PatronFeed().Good(4));

        // P00004 is missing; a broken row might be them.
        await Night(new PatronFeed().Good(3).Raw("\"P00004,user00004,B00004,Jo,,Doe"));
        Assert.True("ACTIVE" == (string?)_alma.Of("P00004")!.Element("status"), _cli.Transcript + File.ReadAllText(LastRejects()));
        Assert.Contains("leavers were held back", _cli.Output);

        await Night(new PatronFeed().Good(3));
        Assert.Equal("INACTIVE", (string?)_alma.Of("P00004")!.Element("status"));
    }

    [Fact]
    public async Task A_recycled_login_is_never_handed_to_the_new_person_until_released()
    {
        await Night(new PatronFeed().Good(2));

        // P00001 leaves; a new person P00009 gets the login user00001 from the campus directory.
        await Night(new PatronFeed().Good(1, start: 2).Row("P00009", "user00001", "UG", barcode: "B00009"));
        Assert.Contains("primary-id-reassigned", File.ReadAllText(LastRejects()));
        Assert.Contains("person_id P00001", File.ReadAllText(LastRejects()));
        Assert.Equal("INACTIVE", (string?)_alma.Of("P00001")!.Element("status"));
        Assert.Equal("P00001", AlmaReplay.PersonIdOf(_alma.Users["user00001"]));

        await Night(new PatronFeed().Good(1, start: 2).Row("P00009", "user00001", "UG", barcode: "B00009"));
        Assert.Contains("primary-id-reassigned", File.ReadAllText(LastRejects()));

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("state", "release-id", "USER00001", "--reason", "account recycled by campus IT, ticket 4711"));
        Assert.Contains("released from person_id P00001", _cli.Output);
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("state", "show"));
        Assert.Contains("ticket 4711", _cli.Output);

        // Released: the value goes to the new person, which the replay accepts only because the old one is gone from
        // the list it checks (the check is for the kit handing it over on its own).
        _alma.Forget("user00001");
        await Night(new PatronFeed().Good(1, start: 2).Row("P00009", "user00001", "UG", barcode: "B00009"));
        Assert.Equal("P00009", AlmaReplay.PersonIdOf(_alma.Users["user00001"]));
    }

    [Fact]
    public async Task A_barcode_delivered_for_one_person_is_not_delivered_for_another()
    {
        await Night(new PatronFeed().Good(2));

        // P00001 has left; P00002's card is now recorded with P00001's barcode (a data-entry slip, or a reused card).
        await Night(new PatronFeed().Row("P00002", "user00002", "UG", barcode: "B00001"));

        Assert.Contains("identifier-reassigned", File.ReadAllText(LastRejects()));
        Assert.Equal("B00002", BarcodeOf(_alma.Of("P00002")!));
    }

    [Fact]
    public async Task Each_profile_and_environment_keeps_its_own_state()
    {
        await Night(new PatronFeed().Good(3));

        var staff = _cli.WriteFeed(new PatronFeed().Row("S00001", "staff1", "UG", barcode: "SB1"), "staff.csv");
        _cli.Clock.Now = _cli.Clock.Now.AddHours(1);
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("run", "--input", staff, "--Export:Profile=staff"));
        Assert.Contains("0 leavers sent", _cli.Output); // the students are not the staff profile's leavers
        Assert.True(File.Exists(Path.Combine(_cli.Root, "state", "01TEST.staff.production.db")));

        _cli.Clock.Now = _cli.Clock.Now.AddHours(1);
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("run", "--Export:AlmaEnvironment=sandbox"));
        Assert.Contains("3 written", _cli.Output); // the sandbox has not received anything yet
        Assert.True(File.Exists(Path.Combine(_cli.Root, "state", "01TEST.students.sandbox.db")));

        // A state file pointed at by hand refuses another feed's run.
        _cli.Clock.Now = _cli.Clock.Now.AddHours(1);
        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("run", "--input", staff, "--Export:Profile=staff",
            "--Export:StateFile=state/01TEST.students.production.db"));
        Assert.Contains("belongs to the feed 01TEST/students/production", _cli.Error);
    }

    [Fact]
    public async Task A_delta_schedule_sends_everyone_again_when_the_full_run_period_has_passed()
    {
        _cli.Section("Export")["FullRunEvery"] = "P7D";
        await Night(new PatronFeed().Good(2));
        Assert.Contains("2 written", _cli.Output); // the first run of a feed is full
        await Night(new PatronFeed().Good(2));
        Assert.Contains("0 written, 2 unchanged", _cli.Output);

        _night += 6; // a week after the first
        await Night(new PatronFeed().Good(2));
        Assert.Contains("2 written", _cli.Output);
    }

    [Fact]
    public async Task State_reset_forgets_what_Alma_has_and_the_next_run_sends_everyone()
    {
        await Night(new PatronFeed().Good(2));

        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("state", "reset"));
        Assert.Contains("--reason", _cli.Error);
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("state", "reset", "--reason", "Alma users reloaded"));

        await Night(new PatronFeed().Good(2));
        Assert.Contains("2 written", _cli.Output);
        using var store = ExportStateStore.Open(_cli.StatePath);
        Assert.Equal("Alma users reloaded", store.History(1).Single().Reason);
    }

    private async Task Night(PatronFeed feed, int expected = ExitCodes.Success)
    {
        _night++;
        _cli.Clock.Now = new DateTimeOffset(2030, 1, 16, 2, 0, 0, TimeSpan.Zero).AddDays(_night - 1);
        _cli.WriteFeed(feed);
        var code = await _cli.RunAsync("run");
        Assert.True(code == expected, $"night {_night}: exit {code}\n{_cli.Transcript}");
        if (Directory.Exists(_cli.Dropbox))
            _alma.Take(_cli.Dropbox);
    }

    private void AssertEveryoneInTheExtractIsActiveAndCurrent(PatronFeed feed, int people)
    {
        for (var i = 1; i <= people; i++)
            Assert.Equal("ACTIVE", (string?)_alma.Of($"P{i:D5}")!.Element("status"));
        Assert.NotNull(feed);
    }

    private string LastRejects() =>
        Directory.GetDirectories(_cli.Outbox).Order(StringComparer.Ordinal).Last(d => File.Exists(Path.Combine(d, "rejects.csv"))) is { } folder
            ? Path.Combine(folder, "rejects.csv")
            : throw new InvalidOperationException("no run folder");

    private static string BarcodeOf(System.Xml.Linq.XElement user) =>
        (string)user.Element("user_identifiers")!.Elements("user_identifier").Single(i => (string?)i.Element("id_type") == "BARCODE").Element("value")!;

    // The next night's zip name already taken in the dropbox by a file of another size: the upload refuses to
    // overwrite it and fails after the export (root can write anywhere, so no chmod).
    private void BreakDropbox() =>
        File.WriteAllText(Path.Combine(_cli.Dropbox, NextZipName()), "someone else's file");

    private void RepairDropbox()
    {
        foreach (var blocker in Directory.GetFiles(_cli.Dropbox, "*.zip").Where(f => new FileInfo(f).Length < 100))
            File.Delete(blocker);
    }

    private string NextZipName() =>
        $"01TEST_students_{new DateTimeOffset(2030, 1, 16, 2, 0, 0, TimeSpan.Zero).AddDays(_night):yyyyMMdd'T'HHmmss'Z'}.zip";
}
