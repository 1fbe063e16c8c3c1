using System.Globalization;
using AlmaIntegrationKit.AlmaApi;

namespace AlmaIntegrationKit.Cli;

/// <summary>
/// <c>job-status [--last N] [--job ID]</c>: the latest runs of the SIS integration profile's job in Alma
/// (<c>Alma:SisJobId</c>, or the job whose name holds <c>Export:Profile</c>), with status and counters; recorded in the
/// state file for <c>status</c>, the next run's report and <c>Export:FullAfterAlmaErrors</c>. Exit 1 when the latest
/// ended run failed or rejected users, so that a morning schedule can alert; by <c>Notify:When</c> a notice about that
/// run goes out too, once per run of the job.
/// </summary>
internal static class JobStatusCommand
{
    public static async Task<int> ExecuteAsync(CliContext context, int last, string? jobOverride, CancellationToken cancellationToken)
    {
        if (last is < 1 or > 100)
            throw new CliException($"--last is {last}; give a number of runs from 1 to 100.");
        var api = AlmaApiSetup.Settings(context);
        var (_, stateFile) = ExportSettings.ReadPaths(context);
        using var client = AlmaApiSetup.Client(context, api);
        string jobId;
        IReadOnlyList<AlmaJobInstance> instances;
        try
        {
            jobId = jobOverride ?? api.SisJobId ?? await FindJobAsync(context, client, cancellationToken).ConfigureAwait(false);
            instances = await ProgressDisplay.StatusAsync(context, $"Reading the runs of job {jobId}…",
                () => client.GetJobInstancesAsync(jobId, last, cancellationToken)).ConfigureAwait(false);
        }
        catch (AlmaApiException exception) when (exception.Problem == AlmaApiProblem.NotFound)
        {
            throw new CliException($"Alma has no job '{jobOverride ?? api.SisJobId}': {exception.Message} Set Alma:SisJobId to the job id of the SIS integration profile (Alma: Monitor Jobs, or the profile's Actions), or leave it empty to find the job by Export:Profile.");
        }
        catch (AlmaApiException exception)
        {
            throw AlmaApiSetup.Fail(exception);
        }

        var recordedUtc = context.Time.GetUtcNow();
        using (var store = JobStatusStore.Open(stateFile))
            store.Record(jobId, instances, recordedUtc);

        var o = context.Out;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Alma job {jobId}: the last {instances.Count} run(s), newest first (recorded in {stateFile})"));
        foreach (var run in instances)
        {
            o.WriteLine($"  {run.Id}  submitted {Time(run.SubmittedUtc)}  ended {Time(run.EndedUtc)}  {run.Status}{(run.StatusDesc is null ? "" : $" ({run.StatusDesc})")}"
                + (run.RejectedUsers > 0 ? string.Create(CultureInfo.InvariantCulture, $"  {run.RejectedUsers} user(s) rejected") : ""));
            foreach (var counter in run.Counters)
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {counter.Desc ?? counter.Type}: {counter.Value}"));
        }

        var latest = instances.FirstOrDefault(i => i.Ended);
        if (latest is null)
        {
            o.WriteLine(instances.Count == 0 ? "The job has not run yet." : "No run has ended yet.");
            return ExitCodes.Success;
        }

        int exitCode;
        if (latest.Failed || latest.RejectedUsers > 0)
        {
            context.Err.WriteLine(latest.Failed
                ? $"error: Alma's SIS job run {latest.Id} {latest.Status}: nothing or not everything was loaded. Open its report in Alma (Monitor Jobs > History, Process ID {latest.Id})."
                : string.Create(CultureInfo.InvariantCulture, $"error: Alma's SIS job run {latest.Id} rejected {latest.RejectedUsers} user(s). Open its report in Alma (Monitor Jobs > History, Process ID {latest.Id}), and run 'verify-users'."));
            exitCode = ExitCodes.Error;
        }
        else
        {
            o.WriteLine($"The latest run ({latest.Id}) loaded without errors.");
            exitCode = ExitCodes.Success;
        }

        await AlmaJobNotification.SendOnceAsync(context, stateFile, RecordedJobRun.Of(jobId, latest, recordedUtc), exitCode, cancellationToken)
            .ConfigureAwait(false);
        return exitCode;
    }

    private static async Task<string> FindJobAsync(CliContext context, AlmaApiClient client, CancellationToken cancellationToken)
    {
        var profile = context.Configuration["Export:Profile"]?.Trim();
        if (string.IsNullOrEmpty(profile))
            throw new CliException("Neither Alma:SisJobId nor Export:Profile is set; set Alma:SisJobId to the job id of the SIS integration profile.");
        var jobs = await ProgressDisplay.StatusAsync(context, "Looking for the SIS job…", () => client.GetJobsAsync(cancellationToken)).ConfigureAwait(false);
        var named = jobs.Where(j => j.Name.Contains(profile, StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.Count > 1)
            named = named.Where(j => string.Equals(j.Category, "USERS", StringComparison.OrdinalIgnoreCase)).ToList() is { Count: > 0 } users ? users : named;
        return named.Count switch
        {
            1 => named[0].Id,
            0 => throw new CliException($"No Alma job's name holds the profile name '{profile}' (Export:Profile) among {jobs.Count} job(s); set Alma:SisJobId to the job id of the SIS integration profile."),
            _ => throw new CliException($"Several Alma jobs' names hold '{profile}': {string.Join(", ", named.Select(j => $"{j.Id} ({j.Name})"))}; set Alma:SisJobId to the one of the SIS integration profile."),
        };
    }

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";
}
