using System.Text.Json.Nodes;
using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Tests.Cli;
using AlmaIntegrationKit.Tests.Export;
using static AlmaIntegrationKit.Tests.AlmaApi.AlmaTestServer;

namespace AlmaIntegrationKit.Tests.AlmaApi;

/// <summary><c>check-codes</c>, <c>verify-users</c>, <c>job-status</c> and the hooks in <c>test-connection</c> and <c>status</c>, against the local Alma.</summary>
public sealed class AlmaCommandTests : IAsyncLifetime
{
    private const string JobId = SisJobId;

    private readonly CliHarness _cli = new();
    private AlmaTestServer _alma = null!;

    public async Task InitializeAsync()
    {
        _alma = await StartAsync();
        _alma.Configure(_cli);
    }

    public async Task DisposeAsync()
    {
        await _alma.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public async Task Check_codes_names_a_missing_and_a_disabled_code_with_their_origin_and_a_did_you_mean()
    {
        _cli.WriteFeed(new PatronFeed().Good(3));
        ServeCodeTables();

        var code = await _cli.RunAsync("check-codes");

        Assert.True(code == ExitCodes.Error, _cli.Transcript);
        Assert.Contains("Mapped 3 row(s) of patrons.csv", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("error: user_group 'COMMUNITY' (from alma-user-groups.csv, the rule of SIS code CE) is not a code of Alma's UserGroups table; did you mean 'COMMUNTY'?",
            _cli.Output, StringComparison.Ordinal);
        Assert.Matches(@"error: \S*id_type 'BARCODE' \(from the mapper, first at patrons\.csv line 2; 3 times\) is disabled in Alma's UserIdentifierTypes table", _cli.Output);
        Assert.DoesNotContain("'UNIV_ID'", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("not checked: campus codes 'EAST', 'MAIN'", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("UserEmailTypes (3 rows): 1 code(s) sent, 1 known", _cli.Output, StringComparison.Ordinal);
        Assert.All(_alma.Requests, r => Assert.Equal("apikey " + ApiKey, r.Authorization));
        Assert.DoesNotContain(ApiKey, _cli.Output + _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_codes_passes_when_every_code_is_known_and_a_table_not_returned_is_not_checked()
    {
        _cli.WriteFeed(new PatronFeed().Good(2));
        _alma.On("conf/code-tables/UserGroups", new Reply(200, Edited("code-table-UserGroups.json", t => Rows(t).Add(Row("COMMUNITY")))));
        _alma.On("conf/code-tables/UserIdentifierTypes", new Reply(200, Edited("code-table-UserIdentifierTypes.json", t => Rows(t)[1]!["enabled"] = true)));
        _alma.On("conf/code-tables/UserEmailTypes", Reply.Error(400, "error-unknown-table.json"));

        var code = await _cli.RunAsync("check-codes");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        Assert.Contains("UserEmailTypes: not returned by the API: its 1 code(s) not checked", _cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error:", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_codes_with_a_key_without_permission_stops_with_what_to_fix()
    {
        _alma.On("conf/code-tables/UserGroups", Reply.Error(400, "error-unauthorized.json"));

        var code = await _cli.RunAsync("check-codes", "--mapping-only");

        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("Read permission for Configuration", _cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, _cli.Output + _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_connection_checks_the_codes_too_when_an_api_key_is_configured()
    {
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(1));
        ServeCodeTables();

        var code = await _cli.RunAsync("test-connection");

        Assert.True(code == ExitCodes.Error, _cli.Transcript); // the folder is fine; COMMUNITY is not
        Assert.Contains("Alma code tables at 127.0.0.1", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("'COMMUNITY'", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_users_reports_users_that_differ_are_missing_or_have_another_primary_id()
    {
        await DeliverAsync(4);
        _alma.On("users/user00001", Reply.Ok("user.json"));
        _alma.On("users/user00002", new Reply(200, Edited("user.json", u => { u["primary_id"] = "user00002"; u["user_group"]!["value"] = "GRAD"; })));
        _alma.On("users/user00003", Reply.Error(400, "error-user-not-found.json"));
        _alma.On("users/user00004", new Reply(200, Edited("user.json", u => u["primary_id"] = "jdoe-old")));
        var ids = Path.Combine(_cli.Root, "ids.txt");
        File.WriteAllLines(ids, ["# the four test users", "user00001", "P00002", "user00003", "USER00004", "nobody"]);
        var report = Path.Combine(_cli.Root, "verify.csv");

        var code = await _cli.RunAsync("verify-users", "--ids", ids, "--report", report);

        Assert.True(code == ExitCodes.Error, _cli.Transcript);
        Assert.Contains("Checked 4 user(s) against Alma: 1 as delivered, 1 differ, 1 not in Alma, 1 in Alma with another primary_id.", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("user_group delivered 'UNDERGRAD', in Alma 'GRAD'", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("'nobody' (--ids) is neither a person_id nor a primary_id", _cli.Error, StringComparison.Ordinal);
        var lines = File.ReadAllLines(report);
        Assert.Equal("person_id,primary_id,verdict,field,delivered,in_alma", lines[0]);
        Assert.Contains("P00001,user00001,as delivered,,,", lines);
        Assert.Contains("P00002,user00002,differs,user_group,UNDERGRAD,GRAD", lines);
        Assert.Contains("P00003,user00003,not in Alma,primary_id,user00003,(no user)", lines);
        Assert.Contains("P00004,user00004,in Alma with another primary_id,primary_id,user00004,jdoe-old", lines);
    }

    [Fact]
    public async Task Verify_users_on_a_sample_reads_that_many_users()
    {
        await DeliverAsync(5);
        foreach (var i in Enumerable.Range(1, 5))
            _alma.On($"users/user{i:D5}", new Reply(200, Edited("user.json", u => AsTestUser(u, i))));

        var code = await _cli.RunAsync("verify-users", "--sample", "2");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        Assert.Equal(2, _alma.Requests.Count);
        Assert.Contains("Checked 2 user(s) against Alma: 2 as delivered", _cli.Output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_cli.Root, "state", "alma-checks"), "verify-users-*.csv"));
    }

    [Fact]
    public async Task Job_status_finds_the_job_by_the_profile_name_reports_a_failed_run_and_status_shows_it()
    {
        await DeliverAsync(1);
        _alma.On("conf/jobs", Reply.Ok("jobs.json"));
        _alma.On($"conf/jobs/{JobId}/instances", Reply.Ok("job-instances-failed.json"));

        var code = await _cli.RunAsync("job-status");

        Assert.True(code == ExitCodes.Error, _cli.Transcript);
        Assert.Contains($"Alma job {JobId}: the last 2 run(s)", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("COMPLETED_FAILED (Completed with errors)  4 user(s) rejected", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("Rejected users: 4", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("error: Alma's SIS job run 5004567890000561 COMPLETED_FAILED", _cli.Error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("status"));
        Assert.Contains("Alma's SIS job (as 'job-status' last read it", _cli.Output, StringComparison.Ordinal);
        Assert.Contains($"run 5004567890000561 of job {JobId}, submitted 2030-01-17 04:00: COMPLETED_FAILED, 4 user(s) rejected", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Job_status_with_the_job_id_set_passes_when_the_latest_run_loaded_everything()
    {
        _cli.Section("Alma")["SisJobId"] = JobId;
        _alma.On($"conf/jobs/{JobId}/instances", new Reply(200, Edited("job-instances-failed.json", j => j["job_instance"]!.AsArray().RemoveAt(0))));

        var code = await _cli.RunAsync("job-status");

        Assert.True(code == ExitCodes.Success, _cli.Transcript);
        Assert.Contains("The latest run (5004567880000561) loaded without errors.", _cli.Output, StringComparison.Ordinal);
        Assert.Equal(0, _alma.CountOf("conf/jobs"));
    }

    [Fact]
    public async Task With_full_after_alma_errors_a_failed_job_turns_the_next_delta_into_a_full_run_once()
    {
        _cli.Section("Export")["Mode"] = "Delta";
        _cli.Section("Export")["FullAfterAlmaErrors"] = true;
        _cli.Section("Alma")["SisJobId"] = JobId;
        await DeliverAsync(2);
        _alma.On($"conf/jobs/{JobId}/instances", Reply.Ok("job-instances-failed.json"));
        _cli.Clock.Now = new DateTimeOffset(2030, 1, 17, 6, 0, 0, TimeSpan.Zero); // the morning after the job failed
        Assert.Equal(ExitCodes.Error, await _cli.RunAsync("job-status"));

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("run"));
        Assert.Contains("Full run instead of delta: Alma's SIS job run 5004567890000561 failed", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("2 written, 0 unchanged", _cli.Output, StringComparison.Ordinal);

        _cli.Clock.Now = _cli.Clock.Now.AddDays(1);
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("run"));
        Assert.DoesNotContain("Full run instead of delta", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("0 written, 2 unchanged", _cli.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("run", "--delta")); // the operator's --delta is not overridden
        Assert.DoesNotContain("Full run instead of delta", _cli.Output, StringComparison.Ordinal);
    }

    private async Task DeliverAsync(int users)
    {
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(users));
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("run"));
    }

    private void ServeCodeTables()
    {
        _alma.On("conf/code-tables/UserGroups", Reply.Ok("code-table-UserGroups.json"));
        _alma.On("conf/code-tables/UserIdentifierTypes", Reply.Ok("code-table-UserIdentifierTypes.json"));
        _alma.On("conf/code-tables/UserEmailTypes", Reply.Ok("code-table-UserEmailTypes.json"));
    }

    private static string Edited(string fixture, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(Fixture(fixture))!;
        edit(node);
        return node.ToJsonString();
    }

    /// <summary>The fixture user made the test feed's user number <paramref name="i"/>, as it was delivered.</summary>
    private static void AsTestUser(JsonNode user, int i)
    {
        user["primary_id"] = $"user{i:D5}";
        user["user_identifier"]![0]!["value"] = $"P{i:D5}";
        user["user_identifier"]![1]!["value"] = $"B{i:D5}";
        user["contact_info"]!["email"]![0]!["email_address"] = $"user{i:D5}@example.edu";
    }

    private static JsonArray Rows(JsonNode table) => table["row"]!.AsArray();

    private static JsonObject Row(string code) => new() { ["code"] = code, ["description"] = code, ["default"] = false, ["enabled"] = true };
}
