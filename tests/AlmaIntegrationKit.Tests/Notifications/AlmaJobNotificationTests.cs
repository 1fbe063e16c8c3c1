using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Tests.AlmaApi;
using AlmaIntegrationKit.Tests.Cli;
using static AlmaIntegrationKit.Tests.AlmaApi.AlmaTestServer;

namespace AlmaIntegrationKit.Tests.Notifications;

/// <summary>
/// <c>job-status</c> telling the operators about Alma's SIS job, against the local Alma replaying the job's runs, a
/// real SMTP server (aiosmtpd) and a real HTTP listener: a failed load is told once per run of the job, a good one
/// only under <c>Always</c>, and notifying never changes the exit code.
/// </summary>
public sealed class AlmaJobNotificationTests : IAsyncLifetime
{
    private const string JobId = SisJobId;
    private const string FailedRun = "5004567890000561";
    private const string GoodRun = "5004567880000561";

    private readonly CliHarness _cli = new();
    private AlmaTestServer _alma = null!;

    public async Task InitializeAsync()
    {
        _alma = await StartAsync();
        _alma.Configure(_cli, withSisJob: true);
    }

    public async Task DisposeAsync()
    {
        await _alma.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public async Task A_failed_job_is_emailed_once_with_what_to_do_and_a_second_job_status_on_the_same_run_sends_nothing()
    {
        using var smtp = new SmtpServer();
        MailTo(smtp.Port);
        _alma.On($"conf/jobs/{JobId}/instances", Reply.Ok("job-instances-failed.json"));

        Assert.True(await _cli.RunAsync("job-status") == ExitCodes.Error, _cli.Transcript);

        var message = Assert.Single(smtp.Messages());
        Assert.EndsWith($": Alma SIS job {JobId} failed, 4 user(s) rejected (run {FailedRun})", message.Subject);
        var text = message.TextBody;
        Assert.Contains("Exit code 1", text);
        Assert.Contains($"Alma SIS job {JobId}, run {FailedRun} (Process ID in Monitor Jobs): COMPLETED_FAILED (Completed with errors)", text);
        Assert.Contains("Submitted 2030-01-17 04:00:12Z, ended 2030-01-17 04:07:41Z; rejected users: 4", text);
        Assert.Contains("Counters: Files processed 1, New users 2, Updated users 3, Rejected users 4", text);
        Assert.Contains($"What to do next: Open the job's report in Alma (Admin > Monitor Jobs > History, Process ID {FailedRun})", text);
        Assert.Contains("run 'run --full' once the cause is fixed, or set Export:FullAfterAlmaErrors to true", text);
        Assert.DoesNotContain(ApiKey, text);
        Assert.Contains("Notified 1 recipient(s) by email", _cli.Error);

        // The morning schedule runs job-status again before Alma's next load: the same run is not told twice.
        Assert.True(await _cli.RunAsync("job-status") == ExitCodes.Error, _cli.Transcript);
        Assert.Single(smtp.Messages());
        Assert.Contains($"Alma's SIS job run {FailedRun} was told about before: no notice this time", _cli.Error);
        Assert.DoesNotContain("Notified", _cli.Error);
    }

    [Fact]
    public async Task The_webhook_gets_the_job_run_and_a_next_failed_run_is_told_again()
    {
        using var webhook = new WebhookListener();
        _cli.Section("Notify")["WebhookUrl"] = webhook.Url.ToString();
        _cli.Section("Export")["FullAfterAlmaErrors"] = true;
        // Tonight's answer, then the next night's, when a newer run rejected users too.
        _alma.On($"conf/jobs/{JobId}/instances", Reply.Ok("job-instances-failed.json"), new Reply(200, NextNightRejecting(2)));

        Assert.True(await _cli.RunAsync("job-status") == ExitCodes.Error, _cli.Transcript);

        var json = Assert.Single(webhook.Received).RootElement;
        Assert.Equal("AlmaJobFailed", json.GetProperty("outcome").GetString());
        Assert.Equal(1, json.GetProperty("exit_code").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("run_name").ValueKind);
        var job = json.GetProperty("alma_job");
        Assert.Equal(JobId, job.GetProperty("job_id").GetString());
        Assert.Equal(FailedRun, job.GetProperty("instance_id").GetString());
        Assert.Equal("COMPLETED_FAILED", job.GetProperty("status").GetString());
        Assert.Equal(4, job.GetProperty("rejected_users").GetInt64());
        Assert.Contains("Export:FullAfterAlmaErrors is on: the first run after this one is a full run", json.GetProperty("text").GetString());

        // The next night's load rejects users too: a new run of the job, a new notice.
        Assert.True(await _cli.RunAsync("job-status") == ExitCodes.Error, _cli.Transcript);
        Assert.Equal(2, webhook.Received.Count);
        var second = webhook.Received[1].RootElement;
        Assert.Equal("AlmaJobRejectedUsers", second.GetProperty("outcome").GetString());
        Assert.EndsWith($"Alma SIS job {JobId} rejected 2 user(s) (run 5004567900000561)", second.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task A_good_job_sends_nothing_under_Problems_and_once_under_Always()
    {
        using var smtp = new SmtpServer();
        using var webhook = new WebhookListener();
        MailTo(smtp.Port);
        _cli.Section("Notify")["WebhookUrl"] = webhook.Url.ToString();
        _alma.On($"conf/jobs/{JobId}/instances", new Reply(200, Edited("job-instances-failed.json", j => j["job_instance"]!.AsArray().RemoveAt(0))));

        Assert.True(await _cli.RunAsync("job-status") == ExitCodes.Success, _cli.Transcript);
        Assert.Empty(smtp.Messages());
        Assert.Empty(webhook.Received);
        Assert.DoesNotContain("Notified", _cli.Error);

        _cli.Section("Notify")["When"] = "Always";
        Assert.True(await _cli.RunAsync("job-status") == ExitCodes.Success, _cli.Transcript);
        var message = Assert.Single(smtp.Messages());
        Assert.EndsWith($"Alma SIS job {JobId} loaded without errors (run {GoodRun})", message.Subject);
        Assert.Contains("What to do next: Nothing to do", message.TextBody);
        Assert.Equal("AlmaJobSucceeded", Assert.Single(webhook.Received).RootElement.GetProperty("outcome").GetString());

        Assert.True(await _cli.RunAsync("job-status") == ExitCodes.Success, _cli.Transcript);
        Assert.Single(smtp.Messages());
        Assert.Single(webhook.Received);
    }

    [Fact]
    public async Task Never_sends_nothing_for_a_failed_job()
    {
        using var webhook = new WebhookListener();
        _cli.Section("Notify")["WebhookUrl"] = webhook.Url.ToString();
        _cli.Section("Notify")["When"] = "Never";
        _alma.On($"conf/jobs/{JobId}/instances", Reply.Ok("job-instances-failed.json"));

        Assert.True(await _cli.RunAsync("job-status") == ExitCodes.Error, _cli.Transcript);
        Assert.Empty(webhook.Received);
    }

    [Fact]
    public async Task A_notice_no_channel_took_is_logged_keeps_the_exit_code_and_is_tried_again_by_the_next_job_status()
    {
        using var webhook = new WebhookListener { Status = HttpStatusCode.InternalServerError };
        MailTo(Loopback.FreePort());
        _cli.Section("Notify")["WebhookUrl"] = webhook.Url.ToString();
        _cli.Section("Notify")["When"] = "Always";
        _alma.On($"conf/jobs/{JobId}/instances", new Reply(200, Edited("job-instances-failed.json", j => j["job_instance"]!.AsArray().RemoveAt(0))));

        Assert.True(await _cli.RunAsync("job-status") == ExitCodes.Success, _cli.Transcript);
        Assert.Contains("warn The email notice could not be sent through 127.0.0.1:", _cli.Error);
        Assert.Contains("warn The webhook notice to 127.0.0.1 could not be sent: the webhook answered 500", _cli.Error);
        Assert.Single(webhook.Received);

        webhook.Status = HttpStatusCode.OK;
        Assert.True(await _cli.RunAsync("job-status") == ExitCodes.Success, _cli.Transcript);
        Assert.Equal(2, webhook.Received.Count);
        Assert.Contains("Notified the webhook at 127.0.0.1", _cli.Error);
        Assert.DoesNotContain("secret-key", _cli.Error);
    }

    private void MailTo(int port)
    {
        var notify = _cli.Section("Notify");
        notify["Smtp"] = new Dictionary<string, object> { ["Host"] = "127.0.0.1", ["Port"] = port, ["Security"] = "None" };
        notify["From"] = "alma-feed@college.example";
        notify["To"] = "library-systems@college.example";
    }

    /// <summary>The fixture with a newer run on top, ended, that rejected <paramref name="rejected"/> users.</summary>
    private static string NextNightRejecting(int rejected) => Edited("job-instances-failed.json", j =>
    {
        var runs = j["job_instance"]!.AsArray();
        var next = JsonNode.Parse(runs[1]!.ToJsonString())!;
        next["id"] = "5004567900000561";
        next["submit_time"] = "2030-01-18T04:00:11.000Z";
        next["end_time"] = "2030-01-18T04:05:40.000Z";
        next["counters"]!["counter"]![2]!["value"] = rejected.ToString(System.Globalization.CultureInfo.InvariantCulture);
        runs.Insert(0, next);
    });

    private static string Edited(string fixture, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(Fixture(fixture))!;
        edit(node);
        return node.ToJsonString();
    }
}
