using System.Globalization;
using System.Text;
using AlmaIntegrationKit.AlmaApi;
using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.Results;

namespace AlmaIntegrationKit.Notifications;

/// <summary>
/// What a run tells its operators: the outcome, the summary, the counts and what to do next. It names runs, files,
/// rules and counts, never a person (a rejected row is in <c>rejects.csv</c>, not in the notice). <c>job-status</c>
/// tells about a run of Alma's SIS job with the same notice (<see cref="AboutAlmaJob"/>): its ids, status, times and
/// counters (Alma's job report names the rejected users, the notice does not).
/// </summary>
internal sealed record RunNotice
{
    /// <summary>The job, e.g. the college project's name.</summary>
    public required string Job { get; init; }

    /// <summary>The run's name; null when the run stopped before it had one.</summary>
    public string? RunName { get; init; }

    /// <summary>How the run ended.</summary>
    public required RunOutcome Outcome { get; init; }

    /// <summary>Whether it was a dry run (nothing uploaded, state unchanged).</summary>
    public bool DryRun { get; init; }

    /// <summary>The exit code of the process.</summary>
    public required int ExitCode { get; init; }

    /// <summary>The counts, when the export got that far.</summary>
    public ExportCounts? Counts { get; init; }

    /// <summary>The run's summary (<c>run-summary.txt</c>), when the report was written.</summary>
    public string? Summary { get; init; }

    /// <summary>Why the run failed or the upload did not complete, as the console said it.</summary>
    public string? Problem { get; init; }

    /// <summary>The run's HTML report on this machine, when written.</summary>
    public string? ReportPath { get; init; }

    /// <summary>The report's address for readers elsewhere (<c>Notify:ReportBaseUrl</c>).</summary>
    public Uri? ReportUrl { get; init; }

    /// <summary>When the notice was made (UTC).</summary>
    public required DateTimeOffset AtUtc { get; init; }

    /// <summary>The run of Alma's SIS job a <c>job-status</c> notice tells about; null in the notice of an export run.</summary>
    public RecordedJobRun? AlmaJobRun { get; init; }

    /// <summary>Whether <c>Export:FullAfterAlmaErrors</c> is on, which the next step after a failed Alma job depends on.</summary>
    public bool FullAfterAlmaErrors { get; init; }

    /// <summary>Whether <see cref="NotifyWhen.Problems"/> sends this notice.</summary>
    public bool IsProblem => Outcome is not (RunOutcome.Succeeded or RunOutcome.AlmaJobSucceeded);

    /// <summary>
    /// The notice of <c>job-status</c> about <paramref name="run"/>, the latest ended run of Alma's SIS job: its outcome
    /// from the run's status and rejected users.
    /// </summary>
    /// <param name="job">The job, e.g. the college project's name.</param>
    /// <param name="run">The run of Alma's SIS job.</param>
    /// <param name="exitCode">The exit code of <c>job-status</c>.</param>
    /// <param name="fullAfterAlmaErrors">Whether <c>Export:FullAfterAlmaErrors</c> is on.</param>
    /// <param name="atUtc">When the notice is made.</param>
    public static RunNotice AboutAlmaJob(string job, RecordedJobRun run, int exitCode, bool fullAfterAlmaErrors, DateTimeOffset atUtc)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunNotice
        {
            Job = job,
            Outcome = run.Failed ? RunOutcome.AlmaJobFailed : run.RejectedUsers > 0 ? RunOutcome.AlmaJobRejectedUsers : RunOutcome.AlmaJobSucceeded,
            ExitCode = exitCode,
            AtUtc = atUtc,
            AlmaJobRun = run,
            FullAfterAlmaErrors = fullAfterAlmaErrors,
        };
    }

    /// <summary>The outcome in one or two words.</summary>
    public string OutcomeText => Outcome switch
    {
        RunOutcome.Succeeded => "done",
        RunOutcome.RejectsWarning => "done, with many rejects",
        RunOutcome.Aborted => "ABORTED by a safety threshold",
        RunOutcome.UploadFailed => "UPLOAD FAILED",
        RunOutcome.AlmaJobSucceeded => "loaded without errors",
        RunOutcome.AlmaJobRejectedUsers => AlmaJobRun?.Verdict ?? "rejected users",
        RunOutcome.AlmaJobFailed => AlmaJobRun?.Verdict ?? "failed",
        _ => "FAILED",
    };

    /// <summary>The email subject and the webhook's first line.</summary>
    public string Subject => AlmaJobRun is { } almaJob
        ? $"{Job}: Alma SIS job {almaJob.JobId} {OutcomeText} (run {almaJob.InstanceId})"
        : $"{Job}: Alma export {RunName ?? "run"}{(DryRun ? " (dry run)" : "")} {OutcomeText}";

    /// <summary>What an operator does about it (about Alma's job: what its run says, <see cref="RecordedJobRun.NextStep"/>).</summary>
    public string NextStep => AlmaJobRun is { } almaJob ? almaJob.NextStep(FullAfterAlmaErrors) : Outcome switch
    {
        RunOutcome.Succeeded => "Nothing to do.",
        RunOutcome.RejectsWarning =>
            "Open rejects.csv in the run's folder: each rejected row names its field and rule. Fix those records in the SIS; they are sent by the next run.",
        RunOutcome.Aborted =>
            "Nothing was placed or uploaded and the state keeps the last good run. Open the run report and rejects.csv to see why so many rows were rejected or users dropped; fix the source, or if the change is real, run again with --force.",
        RunOutcome.UploadFailed =>
            "The zips wait in the outbox. Fix the cause above (run 'test-connection' to check), then run 'upload' to place them; no new export is needed.",
        _ => "Nothing was placed. Fix the cause above (the log says more; --verbose shows the details), then run again.",
    };

    /// <summary>The plain-text message: outcome, problem, summary or counts, next step, report.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(Subject);
        text.AppendLine(CultureInfo.InvariantCulture, $"Exit code {ExitCode} at {AtUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z on {Environment.MachineName}.");
        if (Problem is not null)
            text.AppendLine().AppendLine("Problem: " + Problem);
        if (AlmaJobRun is { } almaJob)
            text.AppendLine().Append(AlmaJobLines(almaJob));
        else if (Summary is not null)
            text.AppendLine().AppendLine(Summary.TrimEnd());
        else if (Counts is { } c)
            text.AppendLine().AppendLine(CountsLine(c));
        text.AppendLine().AppendLine("What to do next: " + NextStep);
        if (ReportUrl is not null)
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Report: {ReportUrl}");
        else if (ReportPath is not null)
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Report: {ReportPath} (on {Environment.MachineName})");
        return text.ToString();
    }

    /// <summary>The run of Alma's job: ids, status, times (UTC) and counters, a line each.</summary>
    private static string AlmaJobLines(RecordedJobRun run)
    {
        static string At(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Alma SIS job {run.JobId}, run {run.InstanceId} (Process ID in Monitor Jobs): {run.Status}{(run.StatusDesc is null ? "" : $" ({run.StatusDesc})")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Submitted {At(run.SubmittedUtc)}, ended {At(run.EndedUtc)}; rejected users: {run.RejectedUsers}");
        if (run.Counters.Count > 0)
            text.AppendLine("Counters: " + string.Join(", ", run.Counters.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Desc ?? c.Type} {c.Value}"))));
        return text.ToString();
    }

    /// <summary>The counts in one line.</summary>
    public static string CountsLine(ExportCounts c) => string.Create(CultureInfo.InvariantCulture,
        $"Rows read {c.RowsRead} ({c.People} people): {c.Written} written, {c.Unchanged} unchanged, {c.Rejected} rejected, {c.Merged} merged; {c.LeaversWritten} leavers sent");
}
