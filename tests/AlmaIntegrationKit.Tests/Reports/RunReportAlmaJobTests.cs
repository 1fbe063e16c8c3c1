using AlmaIntegrationKit.AlmaApi;
using AlmaIntegrationKit.Cli;
using AlmaIntegrationKit.Reports;
using AlmaIntegrationKit.Tests.AlmaApi;
using AlmaIntegrationKit.Tests.Cli;
using AlmaIntegrationKit.Tests.Export;
using static AlmaIntegrationKit.Tests.AlmaApi.AlmaTestServer;

namespace AlmaIntegrationKit.Tests.Reports;

/// <summary>
/// The run report's section "Alma's last SIS job": what <c>job-status</c> recorded (read from the local Alma replaying
/// the job's runs) shown in the next run's HTML, Markdown and summary; absent when nothing was recorded.
/// </summary>
public sealed class RunReportAlmaJobTests : IAsyncLifetime
{
    private const string JobId = SisJobId;
    private const string FailedRun = "5004567890000561";
    private const string NextRunName = "01TEST_students_20300118T020000Z";

    private readonly CliHarness _cli = new();
    private AlmaTestServer _alma = null!;

    public async Task InitializeAsync()
    {
        _alma = await StartAsync();
        _alma.Configure(_cli, withSisJob: true);
        _cli.WithFolderUpload();
        _cli.WriteFeed(new PatronFeed().Good(3));
    }

    public async Task DisposeAsync()
    {
        await _alma.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public async Task A_run_after_job_status_recorded_a_failed_job_shows_it_in_the_html_markdown_and_summary()
    {
        await FailedJobRecordedAsync();

        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript);

        var folder = Path.Combine(_cli.Outbox, NextRunName);
        var md = File.ReadAllText(Path.Combine(folder, "run-report.md"));
        Assert.Contains("## Alma's last SIS job", md);
        Assert.Contains($"**Run {FailedRun} failed, 4 user(s) rejected.** As `job-status` read it 2030-01-17 06:00:00 UTC ({Local(2030, 1, 17, 6, 0, 0)} local time).", md);
        Assert.Contains($"| Job | {JobId} |", md);
        Assert.Contains($"| Run (Process ID) | {FailedRun} |", md);
        Assert.Contains("| Status | COMPLETED_FAILED (Completed with errors) |", md);
        Assert.Contains($"| Submitted | 2030-01-17 04:00:12 UTC ({Local(2030, 1, 17, 4, 0, 12)} local time) |", md);
        Assert.Contains($"| Ended | 2030-01-17 04:07:41 UTC ({Local(2030, 1, 17, 4, 7, 41)} local time) |", md);
        Assert.Contains("| Rejected users | 4 |", md);
        Assert.Contains("| New users | 2 |", md);
        Assert.Contains("| Updated users | 3 |", md);
        Assert.Contains($"**What to do:** Open the job's report in Alma (Admin \\> Monitor Jobs \\> History, Process ID {FailedRun})", md);
        Assert.Contains("run 'run --full' once the cause is fixed, or set Export:FullAfterAlmaErrors to true", md);
        Assert.True(md.IndexOf("## Alma's last SIS job", StringComparison.Ordinal) < md.IndexOf("## Counts", StringComparison.Ordinal));

        var html = File.ReadAllText(Path.Combine(folder, "run-report.html"));
        Assert.Contains("<h2 id=\"alma-job\">Alma's last SIS job</h2>", html);
        Assert.Contains($"<span class=\"badge aborted\">Run {FailedRun} failed, 4 user(s) rejected</span>", html);
        Assert.Contains($"<tr><th>Job</th><td>{JobId}</td></tr>", html);
        Assert.Contains("<tr><th>Status</th><td class=\"fail\">COMPLETED_FAILED (Completed with errors)</td></tr>", html);
        Assert.Contains($"<tr><th>Submitted</th><td>2030-01-17 04:00:12 UTC ({Local(2030, 1, 17, 4, 0, 12)} local time)</td></tr>", html);
        Assert.Contains("<tr><td>Rejected users</td><td class=\"n fail\">4</td></tr>", html);
        Assert.Contains("<tr><td>Files processed</td><td class=\"n\">1</td></tr>", html);
        Assert.Contains($"<strong>What to do:</strong> Open the job&#39;s report in Alma (Admin &gt; Monitor Jobs &gt; History, Process ID {FailedRun})", html);

        var summary = File.ReadAllText(Path.Combine(folder, "run-summary.txt"));
        Assert.Contains($"Alma's last SIS job: run {FailedRun} of job {JobId} failed, 4 user(s) rejected (COMPLETED_FAILED, ended 2030-01-17 04:07:41 UTC): open its report in Alma (Admin > Monitor Jobs > History)", summary);
    }

    [Fact]
    public async Task With_full_after_alma_errors_the_section_says_the_run_after_the_failure_sends_every_user_again()
    {
        _cli.Section("Export")["Mode"] = "Delta";
        _cli.Section("Export")["FullAfterAlmaErrors"] = true;
        await FailedJobRecordedAsync();

        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript);

        var md = File.ReadAllText(Path.Combine(_cli.Outbox, NextRunName, "run-report.md"));
        Assert.Contains("| Mode | full |", md);
        Assert.Contains("Export:FullAfterAlmaErrors is on: the first run after this one is a full run, so Alma gets every user again.", md);
    }

    [Fact]
    public async Task Without_a_recorded_job_the_report_has_no_such_section_and_the_state_gets_no_job_table()
    {
        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript); // no state file yet
        _cli.Clock.Now = _cli.Clock.Now.AddDays(1);
        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript); // a state file, job-status never ran

        foreach (var run in new[] { "01TEST_students_20300116T020000Z", "01TEST_students_20300117T020000Z" })
        {
            var folder = Path.Combine(_cli.Outbox, run);
            Assert.DoesNotContain("Alma's last SIS job", File.ReadAllText(Path.Combine(folder, "run-report.md")));
            Assert.DoesNotContain("Alma's last SIS job", File.ReadAllText(Path.Combine(folder, "run-report.html")));
            Assert.DoesNotContain("Alma's last SIS job", File.ReadAllText(Path.Combine(folder, "run-summary.txt")));
        }

        Assert.False(JobStatusStore.Exists(_cli.StatePath));
        Assert.Empty(_alma.Requests);
    }

    /// <summary>A first run delivered on 2030-01-16; Alma's job fails on it; job-status reads that the next morning.</summary>
    private async Task FailedJobRecordedAsync()
    {
        Assert.True(await _cli.RunAsync("run") == ExitCodes.Success, _cli.Transcript);
        _alma.On($"conf/jobs/{JobId}/instances", Reply.Ok("job-instances-failed.json"));
        _cli.Clock.Now = new DateTimeOffset(2030, 1, 17, 6, 0, 0, TimeSpan.Zero);
        Assert.True(await _cli.RunAsync("job-status") == ExitCodes.Error, _cli.Transcript);
        _cli.Clock.Now = new DateTimeOffset(2030, 1, 18, 2, 0, 0, TimeSpan.Zero);
    }

    private static string Local(int year, int month, int day, int hour, int minute, int second) =>
        RunReportModelBuilder.LocalTime(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero), TimeZoneInfo.Local);
}
