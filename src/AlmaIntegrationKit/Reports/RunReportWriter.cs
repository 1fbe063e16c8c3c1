using AlmaIntegrationKit.Export;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Reports;

/// <summary>Renders the run report of an export run.</summary>
public static class RunReportWriter
{
    /// <summary>Renders run-report.md, run-report.html and run-summary.txt into the folder of the run's manifest.</summary>
    /// <param name="result">The run.</param>
    /// <param name="previousSuccessfulRun">
    /// The last successful run before this one (for "changes since the last run"), or null. Take it from the state
    /// store before the run, or with <see cref="PreviousSuccessfulRun"/> after it.
    /// </param>
    /// <param name="templateFolder">A folder whose <c>run-report.md</c>, <c>run-report.html</c> or <c>run-summary.txt</c> override the built-in templates, or null.</param>
    public static RunReportFiles Write(ExportResult result, RunRecord? previousSuccessfulRun, string? templateFolder)
    {
        ArgumentNullException.ThrowIfNull(result);
        throw new NotImplementedException("The run report is being written.");
    }

    /// <summary>The last successful run in <paramref name="store"/> other than <paramref name="runName"/>, or null.</summary>
    public static RunRecord? PreviousSuccessfulRun(ExportStateStore store, string runName)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.RecentRuns(50).FirstOrDefault(r => r.Succeeded && !string.Equals(r.RunName, runName, StringComparison.Ordinal));
    }
}
