using Microsoft.Extensions.Configuration;
using AlmaIntegrationKit.AlmaApi;
using static AlmaIntegrationKit.Tests.AlmaApi.AlmaTestServer;

namespace AlmaIntegrationKit.Tests.AlmaApi;

/// <summary>The client against a real local HTTP server replaying Alma's documented answers.</summary>
public sealed class AlmaApiClientTests : IAsyncLifetime
{
    private const string UserGroups = "conf/code-tables/UserGroups";

    private AlmaTestServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private AlmaApiClient Client(int retries = 3, double timeoutSeconds = 30) => new(new AlmaApiSettings
    {
        BaseUrl = new Uri(_server.BaseUrl + "/"),
        ApiKey = ApiKey,
        Retries = retries,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        AttemptTimeout = TimeSpan.FromSeconds(timeoutSeconds),
    });

    [Fact]
    public async Task Reads_a_code_table_with_the_key_in_the_authorization_header_asking_for_json()
    {
        _server.On(UserGroups, Reply.Ok("code-table-UserGroups.json"));
        using var client = Client();

        var table = await client.GetCodeTableAsync("UserGroups");

        Assert.NotNull(table);
        Assert.Equal("UserGroups", table.Name);
        Assert.Equal(["UNDERGRAD", "GRAD", "FACULTY", "STAFF", "COMMUNTY"], table.Rows.Select(r => r.Code));
        var request = Assert.Single(_server.Requests);
        Assert.Equal("apikey " + ApiKey, request.Authorization);
        Assert.Contains("application/json", request.Accept, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_row_is_read_as_disabled()
    {
        _server.On("conf/code-tables/UserIdentifierTypes", Reply.Ok("code-table-UserIdentifierTypes.json"));
        using var client = Client();

        var table = await client.GetCodeTableAsync("UserIdentifierTypes");

        Assert.False(table!.Find("BARCODE")!.Enabled);
        Assert.True(table.Find("UNIV_ID")!.Enabled);
        Assert.Null(table.Find("barcode")); // Alma compares codes exactly
    }

    [Fact]
    public async Task A_wrong_key_fails_at_once_saying_to_check_the_key_and_the_region_without_showing_the_key()
    {
        _server.On(UserGroups, Reply.Error(400, "error-invalid-key.json"));
        using var client = Client();

        var error = await Assert.ThrowsAsync<AlmaApiException>(() => client.GetCodeTableAsync("UserGroups"));

        Assert.Equal(AlmaApiProblem.InvalidKey, error.Problem);
        Assert.Contains("Alma:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("region", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.CountOf(UserGroups)); // a 4xx is not tried again
    }

    [Fact]
    public async Task A_key_without_permission_says_which_permission_to_give()
    {
        _server.On(UserGroups, Reply.Error(400, "error-unauthorized.json"));
        _server.On("users/user00001", Reply.Error(400, "error-unauthorized.json"));
        using var client = Client();

        var conf = await Assert.ThrowsAsync<AlmaApiException>(() => client.GetCodeTableAsync("UserGroups"));
        var users = await Assert.ThrowsAsync<AlmaApiException>(() => client.GetUserAsync("user00001"));

        Assert.Equal(AlmaApiProblem.NoPermission, conf.Problem);
        Assert.Contains("Read permission for Configuration", conf.Message, StringComparison.Ordinal);
        Assert.Contains("Read permission for Users", users.Message, StringComparison.Ordinal);
        Assert.Equal("UNAUTHORIZED", conf.Errors[0].Code);
        Assert.Equal(1, _server.CountOf(UserGroups));
    }

    [Fact]
    public async Task A_429_is_tried_again_and_then_succeeds()
    {
        _server.On(UserGroups, Reply.Error(429, "error-per-second-threshold.json"), Reply.Ok("code-table-UserGroups.json"));
        using var client = Client();

        var table = await client.GetCodeTableAsync("UserGroups");

        Assert.Equal(5, table!.Rows.Count);
        Assert.Equal(2, _server.CountOf(UserGroups));
    }

    [Fact]
    public async Task A_500_is_tried_again_and_then_succeeds()
    {
        _server.On(UserGroups, Reply.Error(500, "error-internal.json"), Reply.Error(503, "error-internal.json"), Reply.Ok("code-table-UserGroups.json"));
        using var client = Client();

        var table = await client.GetCodeTableAsync("UserGroups");

        Assert.Equal(5, table!.Rows.Count);
        Assert.Equal(3, _server.CountOf(UserGroups));
    }

    [Fact]
    public async Task A_lasting_500_fails_after_the_retries_with_the_tracking_id()
    {
        _server.On(UserGroups, Reply.Error(500, "error-internal.json"));
        using var client = Client(retries: 2);

        var error = await Assert.ThrowsAsync<AlmaApiException>(() => client.GetCodeTableAsync("UserGroups"));

        Assert.Equal(AlmaApiProblem.Server, error.Problem);
        Assert.Contains("E01-1701041215-FPQWZ-AWAE0000001", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.CountOf(UserGroups));
    }

    [Fact]
    public async Task No_answer_in_time_is_tried_again_and_then_reported_as_unreachable()
    {
        _server.On(UserGroups, Reply.NoAnswer());
        using var client = Client(retries: 1, timeoutSeconds: 0.5);

        var error = await Assert.ThrowsAsync<AlmaApiException>(() => client.GetCodeTableAsync("UserGroups"));

        Assert.Equal(AlmaApiProblem.Unreachable, error.Problem);
        Assert.Contains("Alma:TimeoutSeconds", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.CountOf(UserGroups));
    }

    [Fact]
    public async Task No_answer_once_then_an_answer_succeeds()
    {
        _server.On(UserGroups, Reply.NoAnswer(), Reply.Ok("code-table-UserGroups.json"));
        using var client = Client(retries: 2, timeoutSeconds: 0.5);

        var table = await client.GetCodeTableAsync("UserGroups");

        Assert.NotNull(table);
        Assert.Equal(2, _server.CountOf(UserGroups));
    }

    [Fact]
    public async Task An_unknown_table_is_not_returned_rather_than_a_failure()
    {
        _server.On("conf/code-tables/UserEmailTypes", Reply.Error(400, "error-unknown-table.json"));
        using var client = Client();

        Assert.Null(await client.GetCodeTableAsync("UserEmailTypes"));
        Assert.Equal(1, _server.CountOf("conf/code-tables/UserEmailTypes"));
    }

    [Fact]
    public async Task Reads_a_user_by_any_unique_identifier_and_a_missing_user_is_null()
    {
        _server.On("users/user00001", Reply.Ok("user.json"));
        _server.On("users/user00003", Reply.Error(400, "error-user-not-found.json"));
        using var client = Client();

        var user = await client.GetUserAsync("user00001");
        var missing = await client.GetUserAsync("user00003");

        Assert.NotNull(user);
        Assert.Equal("user00001", user.PrimaryId);
        Assert.Equal("UNDERGRAD", user.UserGroup);
        Assert.Equal("ACTIVE", user.Status);
        Assert.Equal(new DateOnly(2030, 6, 30), user.ExpiryDate);
        Assert.Equal(new DateOnly(2032, 6, 30), user.PurgeDate);
        Assert.Contains(new AlmaIdentifier("UNIV_ID", "P00001"), user.Identifiers);
        Assert.Equal("user00001@example.edu", user.PreferredEmail);
        Assert.Null(missing);
        Assert.Contains("user_id_type=all_unique", _server.Requests.First().Query, StringComparison.Ordinal);
        Assert.Contains("view=full", _server.Requests.First().Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_job_runs_newest_first_with_status_and_counters()
    {
        _server.On($"conf/jobs/{AlmaTestServer.SisJobId}/instances", Reply.Ok("job-instances-failed.json"));
        using var client = Client();

        var runs = await client.GetJobInstancesAsync(AlmaTestServer.SisJobId, 5);

        Assert.Equal(["5004567890000561", "5004567880000561"], runs.Select(r => r.Id));
        Assert.True(runs[0].Failed);
        Assert.Equal(4, runs[0].RejectedUsers);
        Assert.Equal(4, runs[0].Counters.Count);
        Assert.False(runs[1].Failed);
        Assert.Equal(0, runs[1].RejectedUsers);
    }

    [Fact]
    public async Task Settings_name_every_problem_and_the_key_is_never_in_their_text()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Alma:ApiBaseUrl"] = "ftp://example", ["Alma:TimeoutSeconds"] = "soon" })
            .Build();
        var problems = new List<string>();

        Assert.Null(AlmaApiSettings.Read(configuration, problems));
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Alma:ApiBaseUrl", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Alma:ApiKey", StringComparison.Ordinal) && p.Contains("user-secrets", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Alma:TimeoutSeconds", StringComparison.Ordinal));

        var settings = new AlmaApiSettings { BaseUrl = new Uri("https://api-na.hosted.exlibrisgroup.com/almaws/v1/"), ApiKey = ApiKey };
        Assert.DoesNotContain(ApiKey, settings.ToString(), StringComparison.Ordinal);
    }
}
