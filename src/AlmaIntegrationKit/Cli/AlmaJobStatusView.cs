using System.Globalization;
using AlmaIntegrationKit.AlmaApi;

namespace AlmaIntegrationKit.Cli;

/// <summary>The lines <c>status</c> shows about Alma's SIS job, from what <c>job-status</c> recorded in the state file.</summary>
internal static class AlmaJobStatusView
{
    public static void Write(TextWriter output, string stateFile)
    {
        if (!JobStatusStore.Exists(stateFile))
            return; // job-status never ran: nothing to say, and nothing is created
        IReadOnlyList<RecordedJobRun> runs;
        using (var store = JobStatusStore.Open(stateFile))
            runs = store.Latest(3);
        if (runs.Count == 0)
            return;
        output.WriteLine($"Alma's SIS job (as 'job-status' last read it, {runs[0].RecordedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC):");
        foreach (var run in runs)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run.InstanceId} of job {run.JobId}, submitted {run.SubmittedUtc?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-"}: {run.Status}{(run.RejectedUsers > 0 ? $", {run.RejectedUsers} user(s) rejected" : "")}"));
        }
    }
}
