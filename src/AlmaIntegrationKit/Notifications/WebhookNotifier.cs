using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace AlmaIntegrationKit.Notifications;

/// <summary>
/// Posts a <see cref="RunNotice"/> as JSON to an incoming webhook. <c>text</c> is what Slack and Teams show; the other
/// fields are for anything that reads the JSON (a chat-ops bot, a monitoring system).
/// </summary>
internal static class WebhookNotifier
{
    /// <summary>The JSON body.</summary>
    public static WebhookPayload Payload(RunNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new WebhookPayload(notice.ToText(), notice.Subject, notice.Job, notice.RunName, notice.Outcome.ToString(), notice.ExitCode, notice.DryRun,
            notice.Counts is { } c ? new WebhookCounts(c.RowsRead, c.People, c.Written, c.Unchanged, c.Rejected, c.Merged, c.LeaversWritten) : null,
            notice.ReportUrl?.ToString(),
            notice.AlmaJobRun is { } job
                ? new WebhookAlmaJob(job.JobId, job.InstanceId, job.Status, job.SubmittedUtc, job.EndedUtc, job.RejectedUsers)
                : null);
    }

    /// <summary>Posts the notice; a status other than 2xx is an error.</summary>
    public static async Task SendAsync(NotifyOptions options, RunNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var http = new HttpClient { Timeout = options.Timeout };
        using var response = await http.PostAsJsonAsync(options.WebhookUrl, Payload(notice), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
    }
}

/// <summary>The webhook's JSON body.</summary>
/// <param name="Text">The whole message; Slack and Teams incoming webhooks show it.</param>
/// <param name="Summary">The one-line subject (Teams' message card summary).</param>
/// <param name="Job">The job's name.</param>
/// <param name="RunName">The run's name, when it had one.</param>
/// <param name="Outcome">Succeeded, RejectsWarning, Aborted, UploadFailed or Failed; for <c>job-status</c> AlmaJobSucceeded, AlmaJobFailed or AlmaJobRejectedUsers.</param>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="DryRun">Whether it was a dry run.</param>
/// <param name="Counts">The counts, when the export got that far.</param>
/// <param name="ReportUrl">The report's address, when configured.</param>
/// <param name="AlmaJob">The run of Alma's SIS job a <c>job-status</c> notice tells about; null for an export run.</param>
internal sealed record WebhookPayload(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("job")] string Job,
    [property: JsonPropertyName("run_name")] string? RunName,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("exit_code")] int ExitCode,
    [property: JsonPropertyName("dry_run")] bool DryRun,
    [property: JsonPropertyName("counts")] WebhookCounts? Counts,
    [property: JsonPropertyName("report_url")] string? ReportUrl,
    [property: JsonPropertyName("alma_job")] WebhookAlmaJob? AlmaJob = null);

/// <summary>The run of Alma's SIS job in the webhook's JSON body.</summary>
/// <param name="JobId">The job id.</param>
/// <param name="InstanceId">The run's id (Alma's Process ID).</param>
/// <param name="Status">Its status code, e.g. <c>COMPLETED_FAILED</c>.</param>
/// <param name="SubmittedUtc">When it was submitted.</param>
/// <param name="EndedUtc">When it ended.</param>
/// <param name="RejectedUsers">The users it rejected.</param>
internal sealed record WebhookAlmaJob(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("submitted_utc")] DateTimeOffset? SubmittedUtc,
    [property: JsonPropertyName("ended_utc")] DateTimeOffset? EndedUtc,
    [property: JsonPropertyName("rejected_users")] long RejectedUsers);

/// <summary>The counts in the webhook's JSON body.</summary>
/// <param name="RowsRead">Rows read.</param>
/// <param name="People">Distinct people.</param>
/// <param name="Written">Users written.</param>
/// <param name="Unchanged">Users unchanged since the last run.</param>
/// <param name="Rejected">Rows rejected.</param>
/// <param name="Merged">Rows merged into another row of the same person.</param>
/// <param name="Leavers">Leavers sent as inactive.</param>
internal sealed record WebhookCounts(
    [property: JsonPropertyName("rows_read")] long RowsRead,
    [property: JsonPropertyName("people")] long People,
    [property: JsonPropertyName("written")] long Written,
    [property: JsonPropertyName("unchanged")] long Unchanged,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("merged")] long Merged,
    [property: JsonPropertyName("leavers")] long Leavers);
