using AlmaIntegrationKit.AlmaApi;
using AlmaIntegrationKit.Notifications;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// What <c>job-status</c> tells the operators about the latest ended run of Alma's SIS job: by <c>Notify:When</c>, on the
/// channels of a run's notice, once per run of the job. The state file records which runs were told about, so a
/// morning schedule that runs <c>job-status</c> every hour tells about a failed load once. Notifying never changes
/// the exit code.
/// </summary>
internal static class AlmaJobNotification
{
    public static async Task SendOnceAsync(CliContext context, string stateFile, RecordedJobRun run, int exitCode, CancellationToken cancellationToken)
    {
        // Ctrl+C is someone at the terminal: they know.
        if (cancellationToken.IsCancellationRequested)
            return;
        var options = RunNotification.ReadOptions(context);
        var notice = RunNotice.AboutAlmaJob(RunNotification.JobName, run, exitCode,
            context.Configuration.GetValue(FullAfterAlmaErrors.Setting, false), context.Time.GetUtcNow());
        if (!RunNotifier.ShouldSend(options, notice))
            return;
        try
        {
            using var store = JobStatusStore.Open(stateFile);
            if (store.WasNotified(run.JobId, run.InstanceId))
            {
                context.Logger.LogInformation("Alma's SIS job run {Run} was told about before: no notice this time", run.InstanceId);
                return;
            }

            // A notice no channel took is not recorded: the next job-status tries again.
            if (await RunNotifier.NotifyAsync(options, notice, context.Logger, CancellationToken.None).ConfigureAwait(false) > 0)
                store.RecordNotified(run.JobId, run.InstanceId, notice.Outcome.ToString(), notice.AtUtc);
        }
        catch (SqliteException exception)
        {
            context.Logger.LogWarning(
                "The notice about Alma's SIS job run {Run} could not be checked or recorded in the state file: {Message}; the result of job-status is unchanged.",
                run.InstanceId, exception.Message);
        }
    }
}
