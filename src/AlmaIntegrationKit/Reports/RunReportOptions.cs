using AlmaIntegrationKit.AlmaApi;
using AlmaIntegrationKit.State;

namespace AlmaIntegrationKit.Reports;

/// <summary>What <see cref="RunReportWriter.Write(Export.ExportResult, RunReportOptions)"/> needs besides the run itself.</summary>
internal sealed record RunReportOptions
{
    /// <summary>
    /// The last successful run before this one (for "changes since the last run"), or null. When it is this very run
    /// it is ignored, with a warning.
    /// </summary>
    public RunRecord? PreviousSuccessfulRun { get; init; }

    /// <summary>
    /// The last runs from the state file in any order (<see cref="ExportStateStore.RecentRuns"/>), for the chart of
    /// the last 30 runs; the run itself is added when missing.
    /// </summary>
    public IReadOnlyList<RunRecord> RecentRuns { get; init; } = [];

    /// <summary>A folder whose template files override the built-in ones, or null.</summary>
    public string? TemplateFolder { get; init; }

    /// <summary>How many lines of <c>rejects.csv</c> the report lists.</summary>
    public int MaxRejectLines { get; init; } = RunReportModelBuilder.DefaultRejectLines;

    /// <summary>The time zone of the local times shown beside the UTC ones; the machine's own by default.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>
    /// The latest ended run of Alma's SIS job that <c>job-status</c> recorded
    /// (<see cref="JobStatusStore.ReadLatestEnded"/>), for the section "Alma's last SIS job"; null leaves it out.
    /// </summary>
    public RecordedJobRun? LastAlmaJobRun { get; init; }

    /// <summary>Whether <c>Export:FullAfterAlmaErrors</c> is on, which the section's advice after a failed job depends on.</summary>
    public bool FullAfterAlmaErrors { get; init; }

    /// <summary>
    /// The options for the report of <paramref name="runName"/> after the run: the previous successful run and the last
    /// runs, read from <paramref name="store"/> (which holds the run itself by then). Opening the state after a run folds
    /// the run's write-ahead log into the file; the <c>run</c> command reads the runs before the run instead.
    /// </summary>
    public static RunReportOptions FromState(ExportStateStore store, string runName, string? templateFolder)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runName);
        return new RunReportOptions
        {
            PreviousSuccessfulRun = RunReportWriter.PreviousSuccessfulRun(store, runName),
            RecentRuns = store.RecentRuns(ReportChartBuilder.HistoryRuns),
            TemplateFolder = templateFolder,
        };
    }
}
